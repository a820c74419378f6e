"""The learned model as the last step of the chain.

``("bedrijfsleven",)`` => lokale_economie (p=0.93) when the calibrated probability
clears that domain's tuned threshold; ``("jan", "peeters")`` => None.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..linear_model import LinearModel
from . import Match

__all__ = ["ModelStrategy"]


class ModelStrategy:
    name = "model"

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.domain_ids = model.domain_ids

    def from_proba(self, tokens: tuple[str, ...], proba) -> Match | None:  # proba: np.ndarray
        hits = [(d, float(p)) for d, p, t in zip(self.domain_ids, proba, self.model.thresholds) if p >= t]
        if not hits:
            return None
        domains = tuple(d for d, _ in hits)
        scores = tuple(round(p, 4) for _, p in hits)
        return Match(domains, "model", " ".join(tokens), None, max(scores), scores)

    def __call__(self, tokens: tuple[str, ...]) -> Match | None:
        return self.many([tokens])[0]

    def many(self, runs: Sequence[tuple[str, ...]]) -> list[Match | None]:
        """Matches of many runs with one batched model call (the same as one by one)."""
        proba = self.model.proba_many([" ".join(t) for t in runs])
        out: list[Match | None] = [None] * len(runs)
        for i in np.flatnonzero((proba >= self.model.thresholds).any(axis=1)).tolist():
            out[i] = self.from_proba(runs[i], proba[i])  # only runs with a domain over its threshold
        return out
