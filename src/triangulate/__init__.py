"""triangulate: what many news reports of one story agree on, where their figures differ, and who
says what, every finding linked to the sentences behind it.

The public API is re-exported here; everything else is private to the package.
"""

from triangulate.api import (
    Grouping,
    IngestSummary,
    Outcome,
    StoryReport,
    analyze_pending,
    build_stories,
    compare,
    group,
    ingest,
    load_reports,
    refresh,
)
from triangulate.errors import ConfigError, IngestError, StoreError, TriangulateError
from triangulate.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Entity,
    Finding,
    Mention,
    Quantity,
    Relation,
    Sentence,
    Story,
    TimeSpan,
)

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Attribution",
    "Claim",
    "ConfigError",
    "Entity",
    "Finding",
    "Grouping",
    "IngestError",
    "IngestSummary",
    "Mention",
    "Outcome",
    "Quantity",
    "Relation",
    "Sentence",
    "StoreError",
    "Story",
    "StoryReport",
    "TimeSpan",
    "TriangulateError",
    "__version__",
    "analyze_pending",
    "build_stories",
    "compare",
    "group",
    "ingest",
    "load_reports",
    "refresh",
]
