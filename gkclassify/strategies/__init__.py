"""Matching strategies behind one protocol.

Each strategy looks at a run of tokens and returns a :class:`Match` or ``None``
("not mine, try the next one"), so the fallback chain reads as one line::

    match = exact(run) or compound(run) or fuzzy(run) or model(run)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

__all__ = ["Match", "Strategy", "Method"]

Method = Literal["exact", "compound", "fuzzy", "model"]


_set = object.__setattr__


@dataclass(frozen=True, slots=True, init=False)
class Match:
    """What a strategy found in a run of tokens.

    ``score`` is on one fixed scale, 0 to 1: 1.0 for an exact alias, the
    similarity for a fuzzy match, the calibrated probability for the model.
    ``alias`` is the lexicon form that matched (``None`` for the model).
    """

    domains: tuple[str, ...]
    method: Method
    text: str
    alias: str | None
    score: float
    scores: tuple[float, ...] = ()

    def __init__(
        self, domains: tuple[str, ...], method: Method, text: str, alias: str | None, score: float, scores: tuple[float, ...] = ()
    ) -> None:
        # the generated __init__ of a frozen dataclass, with object.__setattr__ bound once: twice as
        # fast (a match is made for every new segment)
        _set(self, "domains", domains)
        _set(self, "method", method)
        _set(self, "text", text)
        _set(self, "alias", alias)
        _set(self, "score", score)
        _set(self, "scores", scores)

    def domain_scores(self) -> dict[str, float]:
        if self.scores:
            return dict(zip(self.domains, self.scores))
        return dict.fromkeys(self.domains, self.score)


class Strategy(Protocol):
    """One step of the fallback chain."""

    name: str

    def __call__(self, tokens: tuple[str, ...]) -> Match | None: ...
