"""The result of classifying one competence field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .gk import GKStatus
from .strategies import Match

__all__ = ["Prediction", "Evidence", "EMPTY_PREDICTION", "format_evidence"]

Evidence = Match


@dataclass(frozen=True, slots=True)
class Prediction:
    """Domains, Gelijke Kansen status and the evidence for one field.

    Attributes
    ----------
    domains : tuple of str
        Domain IDs in taxonomy order.
    scores : Mapping[str, float]
        Confidence per predicted domain, 0–1 (read-only).
    gk_status : {"explicit", "related", "possibly_hidden", "none"}
    gk_score : float
        0–1, ordered explicit > related > possibly_hidden > none.
    unrecognized : tuple of str
        Parts of the text that name no domain the tool knows.
    evidence : tuple of Evidence
        Which part fired (exact alias, compound, fuzzy alias with its score, or
        the model with its probability) and on which words.
    gk_evidence : tuple of str
        The words of the input that decided ``gk_status``.
    """

    domains: tuple[str, ...] = ()
    scores: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    gk_status: GKStatus = "none"
    gk_score: float = 0.0
    unrecognized: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    gk_evidence: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.domains and not self.unrecognized

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "domains": list(self.domains),
            "scores": dict(self.scores),
            "gk_status": self.gk_status,
            "gk_score": self.gk_score,
            "unrecognized": list(self.unrecognized),
            "evidence": [
                {"domains": list(e.domains), "method": e.method, "text": e.text, "alias": e.alias, "score": e.score}
                for e in self.evidence
            ],
            "gk_evidence": list(self.gk_evidence),
        }

    def evidence_text(self) -> str:
        return format_evidence(self.evidence)


def _one(e: Evidence) -> str:
    doms = "+".join(e.domains)
    if e.method == "exact":
        return f'{doms} <= "{e.text}"'
    if e.method == "compound":
        return f'{doms} <= samenstelling "{e.text}" ({e.alias})'
    if e.method == "fuzzy":
        return f'{doms} <= "{e.text}" ~ "{e.alias}" ({round(e.score * 100)})'
    probs = ", ".join(f"{d} {p:.2f}" for d, p in zip(e.domains, e.scores or (e.score,) * len(e.domains)))
    return f'{doms} <= model "{e.text}" (p: {probs})'


def format_evidence(evidence: tuple[Evidence, ...]) -> str:
    """Evidence as one readable line.

    Examples
    --------
    >>> from gkclassify.strategies import Match
    >>> format_evidence((Match(("gelijke_kansen",), "fuzzy", "gelijke kanssen", "gelijke kansen", 0.97),))
    'gelijke_kansen <= "gelijke kanssen" ~ "gelijke kansen" (97)'
    """
    return "; ".join(_one(e) for e in evidence)


EMPTY_PREDICTION = Prediction()
