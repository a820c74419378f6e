"""Typo-tolerant alias match with RapidFuzz.

Two passes over a run that the exact and compound strategies left:

- the whole run against every alias: ``gelijke kanssen`` => "gelijke kansen" (97);
- else each long token against the lexicon's vocabulary, then an exact lookup
  of the corrected run: ``onderwjis`` => "onderwijs" (89).

Guards keep fuzzy matching from inventing domains: only aliases with the same first
letter are candidates (``zwemgelegenheid`` is not ``werkgelegenheid``), runs shorter than 5 letters
never match fuzzily, tokens of 5–6 letters need a closer score (90) than longer
ones (88) unless two neighbouring letters are swapped, digits are never corrected, and the corrected run must be an alias.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..lexicon import Lexicon
from . import Match

__all__ = ["FuzzyStrategy"]

RUN_CUTOFF = 88.0
TOKEN_CUTOFF_LONG = 88.0
TOKEN_CUTOFF_SHORT = 90.0
_BLOCK = 2048  # runs per cdist call: a score matrix of at most a few MB


class FuzzyStrategy:
    name = "fuzzy"

    def __init__(self, lexicon: Lexicon) -> None:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        self.lexicon = lexicon
        self._fuzz = fuzz
        self._process = process
        self._osa = OSA
        # candidates grouped by first letter (a typo keeps the first letter, see the guards above)
        # and ordered by length, so that only lengths that can reach the cutoff are compared
        # (equal scores: the shorter candidate, then the lexicon's order)
        groups: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for k in lexicon.phrases:
            text = " ".join(k)
            if len(text) >= 5:
                groups.setdefault(text[0], []).append((text, k))
        self._choices: dict[str, tuple[list[str], list[tuple[str, ...]], list[int]]] = {}
        for letter, items in groups.items():
            items.sort(key=lambda tk: len(tk[0]))
            self._choices[letter] = ([t for t, _ in items], [k for _, k in items], [len(t) for t, _ in items])
        vocab: dict[str, list[str]] = {}
        for t in sorted(t for t in lexicon.vocabulary if len(t) >= 5 and t.isalpha()):
            vocab.setdefault(t[0], []).append(t)
        self._vocab_by_length: dict[str, tuple[list[str], list[int]]] = {}
        # for the swapped-letters check, the words one edit away can be: length n - 1 to n + 1
        # (alphabetical, as the whole group was)
        self._vocab_near: dict[tuple[str, int], list[str]] = {}
        # a swap keeps the letters: only a word with the same sorted letters can be one swap away
        self._letter_sets = frozenset((w[0], "".join(sorted(w))) for ws in vocab.values() for w in ws)
        for letter, words in vocab.items():
            ordered = sorted(words, key=len)
            self._vocab_by_length[letter] = (ordered, [len(w) for w in ordered])
            for n in {len(w) + d for w in words for d in (-1, 0, 1)}:
                self._vocab_near[letter, n] = [w for w in words if abs(len(w) - n) <= 1]

    @staticmethod
    def _window(lengths: list[int], n: int, cutoff: float) -> tuple[int, int]:
        """Index range of the candidates whose length lets ``fuzz.ratio`` reach ``cutoff``:
        ratio <= 200 * min(n, m) / (n + m), so m lies in [n * c / (200 - c), n * (200 - c) / c]."""
        lo = int(n * cutoff / (200.0 - cutoff)) - 1  # one letter of slack either side: never too narrow
        hi = int(n * (200.0 - cutoff) / cutoff) + 1
        return bisect_left(lengths, lo), bisect_right(lengths, hi)

    def __call__(self, tokens: tuple[str, ...]) -> Match | None:
        text = " ".join(tokens)
        if len(text) < 5:
            return None
        texts, keys, lengths = self._choices.get(text[0], ([], [], []))
        lo, hi = self._window(lengths, len(text), RUN_CUTOFF)
        best = self._process.extractOne(text, texts[lo:hi], scorer=self._fuzz.ratio, score_cutoff=RUN_CUTOFF)
        if best is not None:
            return self._run_match(text, keys[lo + best[2]], best[1])
        return self._by_token(tokens, text)

    def many(self, runs: Sequence[tuple[str, ...]]) -> list[Match | None]:
        """Matches of many runs, the same as one by one: the whole-run pass scores the runs of
        one first letter against all that letter's aliases in one ``cdist`` call.

        A candidate outside a run's length window scores under the cutoff anyway, so the best
        score of a row, and its first column among ties, is what ``extractOne`` finds in the
        window.
        """
        out: list[Match | None] = [None] * len(runs)
        texts = [" ".join(r) for r in runs]
        by_letter: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            if len(text) >= 5:
                by_letter.setdefault(text[0], []).append(i)
        for letter, rows in by_letter.items():
            if len(rows) < 4:  # a few runs: a window each is cheaper than the whole letter
                for i in rows:
                    out[i] = self(runs[i])
                continue
            for at in range(0, len(rows), _BLOCK):  # a score matrix of at most _BLOCK rows
                block = rows[at : at + _BLOCK]
                for i, found in zip(block, self._whole_runs(letter, [texts[i] for i in block])):
                    out[i] = found if found is not None else self._by_token(runs[i], texts[i])
        return out

    def _whole_runs(self, letter: str, texts: list[str]) -> list[Match | None]:
        """The whole-run pass for runs that start with ``letter``."""
        import numpy as np

        choices, keys, _ = self._choices.get(letter, ([], [], []))
        if not choices:
            return [None] * len(texts)
        scores = self._process.cdist(
            texts, choices, scorer=self._fuzz.ratio, score_cutoff=RUN_CUTOFF, dtype=np.float64, workers=1
        )
        best = scores.argmax(axis=1)
        top = scores[np.arange(len(texts)), best]
        return [
            self._run_match(t, keys[b], sc) if sc >= RUN_CUTOFF else None
            for t, b, sc in zip(texts, best.tolist(), top.tolist())
        ]

    def _run_match(self, text: str, key: tuple[str, ...], score: float) -> Match:
        alias = self.lexicon.phrases[key]
        return Match(alias.domains, "fuzzy", text, alias.text, round(score / 100.0, 4))

    def _by_token(self, tokens: tuple[str, ...], text: str) -> Match | None:
        """The second pass: each long token against the vocabulary, then the corrected run."""
        corrected: list[str] = []
        scores: list[float] = []
        for tok in tokens:
            if len(tok) < 5 or not tok.isalpha() or tok in self.lexicon.vocabulary:
                corrected.append(tok)
                continue
            cutoff = TOKEN_CUTOFF_SHORT if len(tok) <= 6 else TOKEN_CUTOFF_LONG
            ordered, lengths = self._vocab_by_length.get(tok[0], ([], []))
            lo, hi = self._window(lengths, len(tok), cutoff)
            hit = self._process.extractOne(tok, ordered[lo:hi], scorer=self._fuzz.ratio, score_cutoff=cutoff)
            if hit is not None:
                word, score = hit[0], float(hit[1])
            else:
                # two neighbouring letters swapped: "jeudg" => "jeugd" (not "ruime" => "ruimte")
                if (tok[0], "".join(sorted(tok))) not in self._letter_sets:
                    return None
                near_words = self._vocab_near.get((tok[0], len(tok)), [])
                near = self._process.extractOne(tok, near_words, scorer=self._osa.distance, score_cutoff=1)
                if near is None or len(near[0]) != len(tok) or sorted(near[0]) != sorted(tok):
                    return None
                word, score = near[0], float(self._fuzz.ratio(tok, near[0]))
            corrected.append(word)
            scores.append(score)
        if not scores:
            return None
        found = self.lexicon.lookup(tuple(corrected))
        if found is None:
            return None
        return Match(found.domains, "fuzzy", text, found.text, round(min(scores) / 100.0, 4))
