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
from collections.abc import Generator, Sequence

from ..lexicon import Lexicon
from . import Match

__all__ = ["FuzzyStrategy"]

RUN_CUTOFF = 88.0
TOKEN_CUTOFF_LONG = 88.0
TOKEN_CUTOFF_SHORT = 90.0
_BLOCK = 2048  # runs per cdist call: a score matrix of at most a few MB
_FEW = 4  # fewer strings of one group than this: a length window each is cheaper than one cdist call
_LENGTHS = 2  # runs of this many lengths share a cdist call (8% fewer instructions than one length each)
_NEAREST_CACHE_LIMIT = 200_000  # tokens whose nearest vocabulary word is kept (then the cache starts over)


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
        self._nearest_cache: dict[tuple[str, float], tuple[str, float] | None] = {}
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
        return self._whole_run(text) or self._by_token(tokens, text)

    def many(self, runs: Sequence[tuple[str, ...]]) -> list[Match | None]:
        """Matches of many runs, the same as one by one, with the scoring batched in ``cdist``
        calls: the whole-run pass per first letter and two lengths, the token pass per first letter,
        cutoff, length and round (the k-th token that needs a lookup of every run still open).

        A candidate outside a string's length window scores under the cutoff anyway, so the
        best score of a row, and its first column among ties, is what ``extractOne`` finds in
        the window.
        """
        out: list[Match | None] = [None] * len(runs)
        texts = [" ".join(r) for r in runs]
        by_letter: dict[tuple[str, int], list[int]] = {}  # by first letter and pair of lengths
        for i, text in enumerate(texts):
            if len(text) >= 5:
                by_letter.setdefault((text[0], len(text) // _LENGTHS), []).append(i)
        later: list[int] = []
        for (letter, size), rows in by_letter.items():
            if len(rows) < _FEW:
                found = [self._whole_run(texts[i]) for i in rows]
            else:  # the aliases of a length that can reach the cutoff, as _whole_run takes them
                # (for either length: an alias outside a run's own window scores under the cutoff)
                choices, keys, lengths = self._choices.get(letter, ([], [], []))
                lo = self._window(lengths, size * _LENGTHS, RUN_CUTOFF)[0]
                hi = self._window(lengths, size * _LENGTHS + _LENGTHS - 1, RUN_CUTOFF)[1]
                best = self._best_many([texts[i] for i in rows], choices[lo:hi], RUN_CUTOFF)
                found = [self._run_match(texts[i], keys[lo + b], sc) if b >= 0 else None for i, (b, sc) in zip(rows, best)]
            for i, m in zip(rows, found):
                if m is None:
                    later.append(i)
                else:
                    out[i] = m
        steps = {i: self._token_pass(runs[i], texts[i]) for i in later}
        requests: dict[int, tuple[str, float]] = {}
        for i, step in steps.items():
            self._advance(i, step, None, requests, out)
        while requests:  # one round: the next lookup of every run still open
            answers = self._nearest_many(requests)
            asked, requests = requests, {}
            for i in asked:
                self._advance(i, steps[i], answers[i], requests, out)
        return out

    @staticmethod
    def _advance(
        i: int,
        step: Generator[tuple[str, float], tuple[str, float] | None, Match | None],
        answer: tuple[str, float] | None,
        requests: dict[int, tuple[str, float]],
        out: list[Match | None],
    ) -> None:
        """Send run ``i``'s token pass its answer (``None`` to start it): it asks for the next
        lookup or is done."""
        try:
            requests[i] = step.send(answer)
        except StopIteration as done:
            out[i] = done.value

    def _best_many(self, texts: list[str], choices: list[str], cutoff: float) -> list[tuple[int, float]]:
        """For each text: the first choice with the best ``fuzz.ratio`` at or over ``cutoff``
        and its score, or ``(-1, 0.0)``, in blocks of at most ``_BLOCK`` texts."""
        import numpy as np

        if not choices:
            return [(-1, 0.0)] * len(texts)
        out: list[tuple[int, float]] = []
        for at in range(0, len(texts), _BLOCK):
            block = texts[at : at + _BLOCK]
            scores = self._process.cdist(
                block, choices, scorer=self._fuzz.ratio, score_cutoff=cutoff, dtype=np.float64, workers=1
            )
            best = scores.argmax(axis=1)
            top = scores[np.arange(len(block)), best]
            out += [(b, sc) if sc >= cutoff else (-1, 0.0) for b, sc in zip(best.tolist(), top.tolist())]
        return out

    def _whole_run(self, text: str) -> Match | None:
        """The first pass: the whole run against the aliases of its first letter."""
        texts, keys, lengths = self._choices.get(text[0], ([], [], []))
        lo, hi = self._window(lengths, len(text), RUN_CUTOFF)
        best = self._process.extractOne(text, texts[lo:hi], scorer=self._fuzz.ratio, score_cutoff=RUN_CUTOFF)
        return self._run_match(text, keys[lo + best[2]], best[1]) if best is not None else None

    def _run_match(self, text: str, key: tuple[str, ...], score: float) -> Match:
        alias = self.lexicon.phrases[key]
        return Match(alias.domains, "fuzzy", text, alias.text, round(score / 100.0, 4))

    def _nearest(self, token: str, cutoff: float) -> tuple[str, float] | None:
        """The vocabulary word of the same first letter with the best score at or over ``cutoff``
        (cached: a pure function of the token and the cutoff)."""
        key = (token, cutoff)
        if key in self._nearest_cache:
            return self._nearest_cache[key]
        ordered, lengths = self._vocab_by_length.get(token[0], ([], []))
        lo, hi = self._window(lengths, len(token), cutoff)
        hit = self._process.extractOne(token, ordered[lo:hi], scorer=self._fuzz.ratio, score_cutoff=cutoff)
        return self._remember(key, (hit[0], float(hit[1])) if hit is not None else None)

    def _remember(self, key: tuple[str, float], answer: tuple[str, float] | None) -> tuple[str, float] | None:
        if len(self._nearest_cache) >= _NEAREST_CACHE_LIMIT:
            self._nearest_cache.clear()
        self._nearest_cache[key] = answer
        return answer

    def _nearest_many(self, requests: dict[int, tuple[str, float]]) -> dict[int, tuple[str, float] | None]:
        """``_nearest`` of many tokens, batched by first letter, cutoff and length."""
        answers: dict[int, tuple[str, float] | None] = {}
        groups: dict[tuple[str, float, int], list[int]] = {}
        cache = self._nearest_cache
        for i, (token, cutoff) in requests.items():
            if (token, cutoff) in cache:  # (a token asked before: "bevoegd voor X" after "X")
                answers[i] = cache[token, cutoff]
            else:
                groups.setdefault((token[0], cutoff, len(token)), []).append(i)
        for (letter, cutoff, size), ids in groups.items():
            if len(ids) < _FEW:
                answers.update((i, self._nearest(*requests[i])) for i in ids)
                continue
            ordered, lengths = self._vocab_by_length.get(letter, ([], []))
            lo, hi = self._window(lengths, size, cutoff)  # the words _nearest compares
            for i, (b, sc) in zip(ids, self._best_many([requests[i][0] for i in ids], ordered[lo:hi], cutoff)):
                answers[i] = self._remember(requests[i], (ordered[lo + b], sc) if b >= 0 else None)
        return answers

    def _by_token(self, tokens: tuple[str, ...], text: str) -> Match | None:
        """The second pass for one run, its lookups one by one."""
        step = self._token_pass(tokens, text)
        answer: tuple[str, float] | None = None  # None starts the pass
        try:
            while True:
                answer = self._nearest(*step.send(answer))
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]

    def _token_pass(
        self, tokens: tuple[str, ...], text: str
    ) -> Generator[tuple[str, float], tuple[str, float] | None, Match | None]:
        """The second pass: each long token against the vocabulary, then the corrected run.

        Yields each lookup it needs, ``(token, cutoff)``, and is sent the answer of
        :meth:`_nearest`, so that one run alone and many runs in rounds share this code.
        """
        corrected: list[str] = []
        scores: list[float] = []
        for tok in tokens:
            if len(tok) < 5 or not tok.isalpha() or tok in self.lexicon.vocabulary:
                corrected.append(tok)
                continue
            cutoff = TOKEN_CUTOFF_SHORT if len(tok) <= 6 else TOKEN_CUTOFF_LONG
            hit = yield tok, cutoff
            if hit is not None:
                word, score = hit
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
