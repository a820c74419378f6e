"""Dutch compounds made of a known alias and a head or another alias.

Rules, first that applies wins (one token at a time):

- modifier alias + generic head: ``welzijnsbeleid`` => welzijn => sociale_zaken;
  ``mobiliteitsplan`` => mobiliteit; ``ocmwbeleid`` => ocmw
- two aliases: the modifier names the policy field, the head the kind of work:
  ``drugspreventie`` => drugs => gezondheid (not preventie => veiligheid);
  ``fietsstraten`` => fiets => mobiliteit
- a generic modifier and a known head: ``stadswerken`` => werken => openbare_werken; any
  other unknown modifier blocks it: ``wandelnetwerken`` => None, ``drukwerk`` => None
- known alias as the first part: a long one (8 letters or more) before anything,
  ``gelijkekansenambtenaar`` => gelijkekansen; a shorter one (5–7) before a head, an alias
  or at most 4 letters: ``onthaalpunt`` => onthaal; ``hindernisvrije`` => None
- a phrase alias with a generic head on its last word: ``gelijke kansenambtenaar`` => gelijke kansen
- anything else => None: ``bedrijfsleven`` is left to the model.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..lexicon import Alias, Lexicon
from ..taxonomy import load_taxonomy
from . import Match

__all__ = ["CompoundStrategy"]

COMPOUND_SCORE = 0.9
GENERIC_MODIFIERS = frozenset(
    {"stads", "stad", "gemeente", "gemeentelijk", "dorps", "dorp", "wijk", "buurt", "lokaal", "lokale", "stedelijk", "intern", "extern", "openbaar", "publiek"}
)
"""Modifiers that name no domain but make a compound with a known head: ``stadswerken`` => werken."""


def _lengths_by(words: Iterable[str], part: slice) -> dict[str, tuple[int, ...]]:
    """The lengths of ``words`` (at least as long as ``part``) by that part of them, longest first."""
    size = len(range(100)[part])
    lengths: dict[str, set[int]] = {}
    for w in words:
        if len(w) >= size:
            lengths.setdefault(w[part], set()).add(len(w))
    return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


class CompoundStrategy:
    name = "compound"

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._order = load_taxonomy().index
        # the lengths of the aliases of 4+ letters by their last four letters, and of 5+ letters by
        # their first five, longest first: a word is only cut where an alias could be (most
        # unknown words have none and cost two lookups)
        self._ends = _lengths_by(lexicon.single, slice(-4, None))
        self._starts = _lengths_by(lexicon.single, slice(None, 5))
        self._heads_by_tail = _lengths_by(lexicon.head_set, slice(-3, None))  # generic heads, likewise
        self._short_heads = any(len(h) < 3 for h in lexicon.head_set)
        # the cut points of a word, by its key and length (a pure function of both: cached)
        self._cuts: dict[tuple[str, int, bool], tuple[int, ...]] = {}

    def _alias(self, word: str) -> Alias | None:
        if len(word) < 2:
            return None
        single = self.lexicon.single
        hit = single.get(word)
        if hit is None and len(word) > 3 and word[-1] in "se":
            hit = single.get(word[:-1])  # linking -s-/-e-: welzijns => welzijn
        if hit is None and len(word) >= 4:
            hit = single.get(word + "en")  # singular modifier of a plural alias: park => parken
        return hit

    def _match(self, token: str, parts: list[Alias]) -> Match:
        domains = sorted({d for a in parts for d in a.domains}, key=self._order.__getitem__)
        alias = " + ".join(a.text for a in parts)
        return Match(tuple(domains), "compound", token, alias, COMPOUND_SCORE)

    def phrase(self, tokens: tuple[str, ...]) -> Match | None:
        """A phrase alias whose last word carries a generic head:
        ``gelijke kansenambtenaar`` => "gelijke kansen" + ambtenaar => gelijke_kansen."""
        last = tokens[-1]
        lex = self.lexicon
        for n in lex.head_lengths if self._short_heads else self._heads_by_tail.get(last[-3:], ()):
            if len(last) - n >= 3 and last[-n:] in lex.head_set:
                alias = lex.lookup(tokens[:-1] + (last[:-n],))
                if alias is not None:
                    return self._match(" ".join(tokens), [alias])
        return None

    def _cut_points(self, key: str, size: int, at_end: bool) -> tuple[int, ...]:
        """Where a word of ``size`` letters can be cut: before a head alias of its last four letters
        (``key``) that leaves at least 3 letters (i ascending), or after a modifier alias of its first
        five that leaves at least 3 (i descending)."""
        if at_end:
            cuts = tuple(size - k for k in self._ends.get(key, ()) if 3 <= size - k <= size - 4)
        else:
            cuts = tuple(k for k in self._starts.get(key, ()) if k <= size - 3)
        if len(self._cuts) < 100_000:  # (a few thousand in practice: keys times word lengths)
            self._cuts[key, size, at_end] = cuts
        return cuts

    def __call__(self, tokens: tuple[str, ...]) -> Match | None:
        if len(tokens) != 1:
            return self.phrase(tokens) if tokens else None
        if len(tokens[0]) < 6 or not tokens[0].isalpha():
            return None
        token = tokens[0]
        lex = self.lexicon
        single = lex.single
        heads = lex.head_lengths if self._short_heads else self._heads_by_tail.get(token[-3:], ())
        for n in heads:  # longest generic head first
            if len(token) - n >= 3 and token[-n:] in lex.head_set:
                mod = self._alias(token[:-n])
                if mod is not None:
                    return self._match(token, [mod])
        size = len(token)
        tail, head = token[-4:], token[:5]
        cuts = self._cuts.get((tail, size, True)) if tail in self._ends else ()  # (no alias ends so: none)
        for i in self._cut_points(tail, size, True) if cuts is None else cuts:  # i ascending
            head_alias = single.get(token[i:])
            if head_alias is not None:
                mod = self._alias(token[:i])
                if mod is not None:
                    return self._match(token, [mod])  # the modifier names the field: "drugspreventie"
                if token[:i] in GENERIC_MODIFIERS:
                    return self._match(token, [head_alias])
                # "wandelnetwerken" is not "wandelnet" + "werken", "drukwerk" not "druk" + "werk"
        cuts = self._cuts.get((head, size, False)) if head in self._starts else ()
        for i in self._cut_points(head, size, False) if cuts is None else cuts:  # i descending
            mod = single.get(token[:i])
            rest = token[i:]
            if mod is not None and (i >= 8 or len(rest) <= 4 or rest in lex.head_set or self._alias(rest)):
                return self._match(token, [mod])
        return None
