"""Exact alias match on normalized tokens.

``("gelijke", "kansen")`` => gelijke_kansen; ``("gelijkekansen",)`` => gelijke_kansen
(an alias written as one word); ``("jeugd", "x")`` => None.
"""

from __future__ import annotations

from ..lexicon import Lexicon
from . import Match

__all__ = ["ExactStrategy"]


class ExactStrategy:
    name = "exact"

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, tokens: tuple[str, ...]) -> Match | None:
        alias = self.lexicon.lookup(tokens)
        if alias is None:
            return None
        return Match(alias.domains, "exact", " ".join(tokens), alias.text, 1.0)
