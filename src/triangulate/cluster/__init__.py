"""The cluster stage: group articles into stories.

- :mod:`triangulate.cluster.online`: the online pass, one article at a time as a stream arrives
  (``triangulate stories``, ``compare``, ``ingest``);
- :mod:`triangulate.cluster.batch`: the batch pass over a whole corpus (``triangulate recluster``):
  merges, moves and
- :mod:`triangulate.cluster.cuts`: cuts of stories that hold two look-alike events.
"""

from triangulate.cluster.batch import RefineConfig, recluster, recluster_labels
from triangulate.cluster.cuts import bisect_stories
from triangulate.cluster.online import ClusterConfig, StoryClusterer, cluster_labels, stories_of, story_id

__all__ = [
    "ClusterConfig",
    "RefineConfig",
    "StoryClusterer",
    "bisect_stories",
    "cluster_labels",
    "recluster",
    "recluster_labels",
    "stories_of",
    "story_id",
]
