"""Gelijke Kansen status of one field, derived from its domains (a contract).

First rule that applies wins:

1. ``explicit``        — ``gelijke_kansen`` is among the domains;
2. ``related``         — ``diversiteit`` or ``toegankelijkheid`` is;
3. ``possibly_hidden`` — ``sociale_zaken``, ``armoedebestrijding`` or ``integratie`` is;
4. ``none``.

``gk_score`` lies in [0, 1] and orders the statuses: explicit in [0.75, 1],
related in [0.5, 0.7], possibly_hidden in [0.25, 0.45], none is 0; within a
status it grows with the confidence of the domain that decided it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .taxonomy import load_taxonomy

__all__ = ["GKStatus", "GK_STATUSES", "gk_status", "band_score", "STATUS_DOMAINS"]

GKStatus = Literal["explicit", "related", "possibly_hidden", "none"]
GK_STATUSES: tuple[GKStatus, ...] = ("explicit", "related", "possibly_hidden", "none")

_tax = load_taxonomy()
STATUS_DOMAINS: dict[GKStatus, tuple[str, ...]] = {
    "explicit": _tax.by_role("explicit"),
    "related": _tax.by_role("related"),
    "possibly_hidden": _tax.by_role("possibly_hidden"),
}
_BANDS: dict[GKStatus, tuple[float, float]] = {
    "explicit": (0.75, 0.25),
    "related": (0.5, 0.2),
    "possibly_hidden": (0.25, 0.2),
}


def band_score(status: GKStatus, best: float) -> float:
    """``gk_score`` of a status whose deciding domain has confidence ``best`` (0–1).

    Examples
    --------
    >>> band_score("related", 0.5), band_score("none", 1.0)
    (0.6, 0.0)
    """
    if status == "none":
        return 0.0
    base, width = _BANDS[status]
    return round(base + width * best, 4)


def gk_status(scores: Mapping[str, float]) -> tuple[GKStatus, float, tuple[str, ...]]:
    """Status, score and the domains that decided it, from per-domain scores (0–1).

    Examples
    --------
    >>> gk_status({"financien": 1.0, "gelijke_kansen": 1.0})
    ('explicit', 1.0, ('gelijke_kansen',))
    >>> gk_status({"sociale_zaken": 1.0, "toegankelijkheid": 0.5})
    ('related', 0.6, ('toegankelijkheid',))
    >>> gk_status({"sport": 1.0})
    ('none', 0.0, ())
    """
    for status in ("explicit", "related", "possibly_hidden"):
        hits = tuple(d for d in STATUS_DOMAINS[status] if d in scores)  # type: ignore[index]
        if hits:
            best = max(min(max(scores[d], 0.0), 1.0) for d in hits)
            return status, band_score(status, best), hits  # type: ignore[arg-type,return-value]
    return "none", 0.0, ()
