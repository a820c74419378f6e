"""Typo-tolerant alias match with RapidFuzz.

Two passes over a run that the exact and compound strategies left:

- the whole run against every alias: ``gelijke kanssen`` => "gelijke kansen" (97);
- else each long token against the lexicon's vocabulary, then an exact lookup
  of the corrected run: ``onderwjis`` => "onderwijs" (89).

Guards keep fuzzy matching from inventing domains: the first letter must agree
(``zwemgelegenheid`` is not ``werkgelegenheid``), runs shorter than 5 letters
never match fuzzily, tokens of 5–6 letters need a closer score (90) than longer
ones (85) unless one letter is swapped, dropped, added or replaced
(optimal string alignment distance 1, same first letter), digits are never corrected, and the corrected run must be an alias.
"""

from __future__ import annotations

from ..lexicon import Lexicon
from . import Match

__all__ = ["FuzzyStrategy"]

RUN_CUTOFF = 88.0
TOKEN_CUTOFF_LONG = 85.0
TOKEN_CUTOFF_SHORT = 90.0


class FuzzyStrategy:
    name = "fuzzy"

    def __init__(self, lexicon: Lexicon) -> None:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        self.lexicon = lexicon
        self._fuzz = fuzz
        self._process = process
        self._osa = OSA
        keys = [k for k in lexicon.phrases if len(" ".join(k)) >= 5]
        self._keys = keys
        self._choices = [" ".join(k) for k in keys]
        self._vocab = sorted(t for t in lexicon.vocabulary if len(t) >= 5 and t.isalpha())

    def __call__(self, tokens: tuple[str, ...]) -> Match | None:
        text = " ".join(tokens)
        if len(text) < 5:
            return None
        best = self._process.extractOne(
            text, self._choices, scorer=self._fuzz.ratio, score_cutoff=RUN_CUTOFF
        )
        if best is not None and best[0][0] == text[0]:  # "zwemgelegenheid" is not "werkgelegenheid"
            alias = self.lexicon.phrases[self._keys[best[2]]]
            return Match(alias.domains, "fuzzy", text, alias.text, round(best[1] / 100.0, 4))
        corrected = []
        scores = []
        for tok in tokens:
            if len(tok) < 5 or not tok.isalpha() or tok in self.lexicon.vocabulary:
                corrected.append(tok)
                continue
            cutoff = TOKEN_CUTOFF_SHORT if len(tok) <= 6 else TOKEN_CUTOFF_LONG
            hit = self._process.extractOne(
                tok, self._vocab, scorer=self._fuzz.ratio, score_cutoff=cutoff
            )
            if hit is not None and hit[0][0] != tok[0]:
                hit = None
            if hit is None:
                # one swapped, dropped, added or replaced letter, same first letter: "jeudg" => "jeugd"
                near = self._process.extractOne(tok, self._vocab, scorer=self._osa.distance, score_cutoff=1)
                if near is None or near[0][0] != tok[0]:
                    return None
                hit = (near[0], self._fuzz.ratio(tok, near[0]))
            corrected.append(hit[0])
            scores.append(hit[1])
        if not scores:
            return None
        alias = self.lexicon.lookup(tuple(corrected))
        if alias is None:
            return None
        return Match(alias.domains, "fuzzy", text, alias.text, round(min(scores) / 100.0, 4))
