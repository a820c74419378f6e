"""Matching strategies behind one protocol.

Each strategy looks at a run of tokens and returns a :class:`Match` or ``None``
("not mine, try the next one"), so the fallback chain reads as one line::

    match = exact(run) or compound(run) or fuzzy(run) or model(run)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Literal, Protocol

__all__ = ["Match", "Strategy", "Method", "slot_setters"]

Method = Literal["exact", "compound", "fuzzy", "model"]


def slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of the fields of a frozen ``slots=True`` dataclass, in field order, for a
    hand-written ``__init__``: a slot's own ``__set__`` is a third faster than
    ``object.__setattr__`` and about twice as fast as the generated ``__init__`` (a result
    object is made for every new segment).

    Examples
    --------
    >>> m = Match.__new__(Match)
    >>> for set_field, value in zip(slot_setters(Match), (("sport",), "exact", "sport", "sport", 1.0, ())):
    ...     set_field(m, value)
    >>> m == Match(("sport",), "exact", "sport", "sport", 1.0)
    True
    """
    return tuple(cls.__dict__[f.name].__set__ for f in fields(cls))


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
        # the generated __init__, through the slots' setters (see slot_setters)
        _set_domains(self, domains)
        _set_method(self, method)
        _set_text(self, text)
        _set_alias(self, alias)
        _set_score(self, score)
        _set_scores(self, scores)

    def domain_scores(self) -> dict[str, float]:
        if self.scores:
            return dict(zip(self.domains, self.scores))
        return dict.fromkeys(self.domains, self.score)


_set_domains, _set_method, _set_text, _set_alias, _set_score, _set_scores = slot_setters(Match)


class Strategy(Protocol):
    """One step of the fallback chain."""

    name: str

    def __call__(self, tokens: tuple[str, ...]) -> Match | None: ...
