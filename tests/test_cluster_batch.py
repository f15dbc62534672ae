"""The batch pass (``triangulate recluster``): merges and moves keep to the online pass's window."""

from __future__ import annotations

from datetime import date

from triangulate.cluster import recluster
from triangulate.model import Article

QUAKE_A = (
    "A magnitude 6.1 earthquake struck near the coastal town of Verano on Monday, toppling the bell tower of "
    "the Santa Lucia church and cutting power to 40,000 homes, the regional civil protection agency said."
)
QUAKE_A2 = (
    "The 6.1-magnitude quake that hit Verano on Monday brought down the Santa Lucia bell tower; civil "
    "protection officials said 40,000 homes lost power and two people were hurt."
)


def article(aid: str, text: str, published: date) -> Article:
    title = text.split(",")[0][:60]
    return Article(id=aid, title=title, text=title + "\n\n" + text, published=published)


def test_recluster_never_joins_what_the_window_kept_apart() -> None:
    """The same wording months apart is two events (the yearly flood, the annual report): the
    online pass keeps them apart by its window, and the batch pass's merges and moves respect it."""
    spring = [article(f"s{i}", t, date(2026, 3, 2 + i)) for i, t in enumerate((QUAKE_A, QUAKE_A2))]
    autumn = [article(f"a{i}", t, date(2026, 10, 5 + i)) for i, t in enumerate((QUAKE_A, QUAKE_A2))]
    groups = recluster(spring + autumn)
    assert sorted(sorted(g) for g in groups) == [["a0", "a1"], ["s0", "s1"]]
