"""Matching one segment: alias spans first, then the fallback chain on what is left.

A segment's tokens are covered left to right by the longest exact alias
(``"markten en foren"`` is one alias) or a compound; "en", "of" and "&" join
aliases; the uncovered runs between them go through ``fuzzy or model``. A run
that nothing recognizes, or that names no domain ("eerste schepen"), is
reported as unrecognized; a run of function words only ("is bevoegd voor het")
is glue and is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from .lexicon import Lexicon
from .normalize import tokenize
from .strategies import Match, Strategy, slot_setters
from .strategies.compound import CompoundStrategy
from .strategies.exact import ExactStrategy

__all__ = ["SegmentResult", "SegmentMatcher"]

_CONJUNCTIONS = frozenset({"en", "of", "alsook", "evenals", "plus"})
_WORD_CACHE_LIMIT = 500_000


def _one_by_one(strategy: Strategy, runs: list[tuple[str, ...]]) -> list[Match | None]:
    """A strategy's answers for many runs, for one without a ``many`` method."""
    return [strategy(r) for r in runs]


@dataclass(frozen=True, slots=True, init=False)
class SegmentResult:
    """Domains of one segment with their best scores, the evidence and what was not recognized."""

    scores: tuple[tuple[str, float], ...]
    evidence: tuple[Match, ...]
    unrecognized: tuple[str, ...]

    def __init__(
        self, scores: tuple[tuple[str, float], ...], evidence: tuple[Match, ...], unrecognized: tuple[str, ...]
    ) -> None:
        # as Match.__init__: the generated one, through the slots' setters
        _set_scores(self, scores)
        _set_evidence(self, evidence)
        _set_unrecognized(self, unrecognized)


_set_scores, _set_evidence, _set_unrecognized = slot_setters(SegmentResult)


EMPTY = SegmentResult((), (), ())


class SegmentMatcher:
    """Exact/compound span cover plus a chain of fallback strategies for the rest."""

    def __init__(
        self,
        lexicon: Lexicon,
        fallbacks: tuple[Strategy, ...],
        order: dict[str, int],
        *,
        contextual: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self.exact = ExactStrategy(lexicon)
        self.compound = CompoundStrategy(lexicon)
        self.fallbacks = fallbacks
        self.order = order
        self.contextual = contextual
        """Aliases that name their domain only when they are all a segment says (learned from the
        training data, see :func:`gkclassify.train.contextual_aliases`): in a longer segment they
        are words like any other, for the fallback chain. ``onthaal`` => burgerzaken, but
        ``onthaal van kwetsbare gezinnen`` is not burgerzaken."""
        self._word: dict[str, Match | None] = {}  # one word's exact or compound match
        self._not_content = lexicon.stopwords | _CONJUNCTIONS
        self._one_score: dict[tuple[str, float], tuple[tuple[str, float]]] = {}  # one domain and its score
        self._one_word_path = True  # False: one-word segments take the general steps too (the tests' reference)

    def cover(self, tokens: tuple[str, ...]) -> tuple[list[Match], list[tuple[str, ...]]]:
        """Alias spans (longest first, left to right) and the uncovered runs between them."""
        if len(tokens) == 1:  # one word (most new segments): the loop below, unrolled
            tok = tokens[0]
            hit = self._word[tok] if tok in self._word else self._word_match(tok)
            if hit is not None:
                return [hit], []  # (a contextual alias is all this segment says)
            return [], [] if tok in _CONJUNCTIONS else [tokens]
        matches: list[Match] = []
        runs: list[tuple[str, ...]] = []
        run: list[str] = []
        n = len(tokens)
        i = 0
        max_from = self.lexicon.max_len_from
        contextual = self.contextual
        content = -1  # counted when first needed
        word = self._word
        while i < n:
            tok = tokens[i]
            hit = None
            length = min(max_from.get(tok, 1), n - i)
            while length > 1:  # a phrase from here, longest first: exact, else compound
                span = tokens[i : i + length]
                hit = self.exact(span) or self.compound(span)
                if hit is not None:
                    break
                length -= 1
            if hit is None:
                length = 1
                hit = word[tok] if tok in word else self._word_match(tok)
            if hit is not None and hit.alias in contextual:
                if content < 0:
                    content = self.content_words(tokens)
                if content > self.content_words(tokens[i : i + length]):
                    hit = None  # a contextual alias among other words: not taken on its own
            if hit is not None:
                if run:
                    runs.append(tuple(run))
                    run = []
                matches.append(hit)
                i += length
                continue
            if tok in _CONJUNCTIONS:
                if run:
                    runs.append(tuple(run))
                    run = []
            else:
                run.append(tok)
            i += 1
        if run:
            runs.append(tuple(run))
        return matches, runs

    def _word_match(self, token: str) -> Match | None:
        """One word: an exact alias, else a compound (cached: a pure function of the word)."""
        hit = self.exact((token,)) or self.compound((token,))
        if len(self._word) >= _WORD_CACHE_LIMIT:
            self._word.clear()
        self._word[token] = hit
        return hit

    def content_words(self, tokens: tuple[str, ...]) -> int:
        """The number of words that are neither function words nor conjunctions."""
        return len(tokens) - sum(map(self._not_content.__contains__, tokens))

    def _trim(self, run: tuple[str, ...]) -> tuple[str, ...]:
        stop = self.lexicon.stopwords
        lo, hi = 0, len(run)
        while lo < hi and run[lo] in stop:
            lo += 1
        while hi > lo and run[hi - 1] in stop:
            hi -= 1
        return run[lo:hi]

    def _fallback_many(self, pending: Sequence[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]) -> list[Match | None]:
        """The fallback chain for many (core, run, segment tokens) triples: each strategy on the
        cores still open, the fuzzy one then also on the whole run ("socale zaken": "zaken"
        belongs to it); a strategy with a ``many`` method (the model) answers all of them in one
        call. A run in context (its segment says more) takes no contextual alias from a
        strategy either: "promotie van de bib" leaves "promotie" to the model, not to fuzzy."""
        hits: list[Match | None] = [None] * len(pending)
        todo = list(range(len(pending)))
        contextual = self.contextual
        for strategy in self.fallbacks:
            if not todo:
                break
            answers = getattr(strategy, "many", None) or partial(_one_by_one, strategy)
            still: list[int] = []
            again: list[int] = []  # the fuzzy step then tries the whole run, for all of them at once
            for i, hit in zip(todo, answers([pending[i][0] for i in todo])):
                core, run, tokens = pending[i]
                if hit is not None and hit.alias in contextual:
                    hit = self._accepted(hit, core, tokens)
                if hit is None and run != core and strategy.name == "fuzzy":
                    again.append(i)
                elif hit is None:
                    still.append(i)
                else:
                    hits[i] = hit
            if again:
                for i, hit in zip(again, answers([pending[i][1] for i in again])):
                    hit = self._accepted(hit, pending[i][0], pending[i][2])
                    if hit is None:
                        still.append(i)
                    else:
                        hits[i] = hit
                still.sort()
            todo = still
        return hits

    def _accepted(self, hit: Match | None, core: tuple[str, ...], tokens: tuple[str, ...]) -> Match | None:
        """A strategy's hit, unless it is a contextual alias found again as it is written
        (fuzzy at 100) in a run whose segment says more: cover left that word out."""
        if (
            hit is not None
            and hit.alias in self.contextual
            and hit.score >= 1.0
            and self.content_words(tokens) > self.content_words(core)  # in context
        ):
            return None
        return hit

    def __call__(self, segment: str) -> SegmentResult:
        return self.match_many([segment])[0]

    def match_many(self, segments: Sequence[str]) -> list[SegmentResult]:
        """Results of many segments; the same as matching each alone, with one model call."""
        non_domains, stop = self.lexicon.non_domains, self.lexicon.stopwords
        not_content, word, one_word = self._not_content, self._word, self._one_word_path
        plans: list[SegmentResult | int | tuple[list[Match], list[int | str]]] = []
        pending: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = []
        for segment in segments:
            tokens = tokenize(segment)
            if not tokens:
                plans.append(EMPTY)
                continue
            if tokens in non_domains:
                plans.append(SegmentResult((), (), (segment,)))
                continue
            if len(tokens) == 1 and tokens[0] not in not_content and one_word:
                # one word that is no function word (most new segments): what the steps below do
                # for it, without them; its fallback's index stands for it
                tok = tokens[0]
                hit = word[tok] if tok in word else self._word_match(tok)
                if hit is None:
                    plans.append(len(pending))
                    pending.append((tokens, tokens, tokens))
                else:
                    plans.append(self._result([hit], []))
                continue
            matches, runs = self.cover(tokens)
            steps: list[int | str] = []  # per run: a pending fallback (its index) or unrecognized text
            for run in runs:
                core = self._trim(run) if len(run) > 1 else () if run[0] in stop else run
                if run in non_domains or core in non_domains:
                    steps.append(" ".join(run))
                elif core:
                    steps.append(len(pending))
                    pending.append((core, run, tokens))
            plans.append((matches, steps))
        hits = self._fallback_many(pending) if pending else []
        out: list[SegmentResult] = []
        for plan in plans:
            if isinstance(plan, SegmentResult):
                out.append(plan)
                continue
            if isinstance(plan, int):  # one word: its fallback's hit, or the word is not recognized
                hit = hits[plan]
                out.append(self._result([hit], []) if hit is not None else SegmentResult((), (), pending[plan][0]))
                continue
            matches, steps = plan
            unrecognized: list[str] = []
            for step in steps:
                if isinstance(step, str):
                    unrecognized.append(step)
                elif (hit := hits[step]) is None:
                    unrecognized.append(" ".join(pending[step][0]))
                else:
                    matches.append(hit)
            out.append(self._result(matches, unrecognized))
        return out

    def _result(self, matches: list[Match], unrecognized: list[str]) -> SegmentResult:
        if not matches and not unrecognized:
            # only function words ("bevoegd voor"): glue, unless that is all the field says
            return EMPTY
        if len(matches) == 1 and not matches[0].scores:  # one alias: its domains (in taxonomy order), its score
            m = matches[0]
            if len(m.domains) == 1:  # (its scores shared by all such results: fewer objects to keep)
                one = self._one_score.get((m.domains[0], m.score))
                if one is None:
                    if len(self._one_score) >= _WORD_CACHE_LIMIT:
                        self._one_score.clear()
                    one = self._one_score.setdefault((m.domains[0], m.score), ((m.domains[0], m.score),))
                return SegmentResult(one, (m,), tuple(unrecognized))
            doms = dict.fromkeys(sorted(m.domains, key=self.order.__getitem__))
            return SegmentResult(tuple((d, m.score) for d in doms), (m,), tuple(unrecognized))
        best: dict[str, float] = {}
        for m in matches:
            for d, s in m.domain_scores().items():
                if s > best.get(d, -1.0):
                    best[d] = s
        scores = tuple(sorted(best.items(), key=lambda kv: self.order[kv[0]]))
        return SegmentResult(scores, tuple(matches), tuple(unrecognized))
