"""The batch scorer: the same output as :meth:`Classifier.predict`, for whole columns at once.

How it stays fast (measured in ``benchmarks/throughput.py``):

- fields repeat: a distinct field is scored once and every repeat is a dict lookup
  (``map(dict.get)``), so a registry of a million rows costs a few thousand scorings;
- fields are combinations of a limited vocabulary of segments: new fields are
  folded for the whole batch at once (C-level string operations over the joined
  column), simple fields (lists with , ; / & + | newlines, " - ", " en ") are cut
  with string operations and the rest with the full rules of
  :func:`gkclassify.segment.split_segments`; each segment is looked up in a
  cache of precomputed results (domain bit mask, Gelijke Kansen rank and score,
  evidence text);
- only segments never seen before go through the matcher (exact → compound →
  fuzzy → model), whose fuzzy step compares against aliases of the same first
  letter only, and whose model is a sparse × dense product in NumPy.

Fields that the batch path does not handle (control characters, text longer
than :data:`MAX_CHARS`, a field with nothing recognized) go through
:meth:`Classifier.predict_one`, so the output is the same either way; the tests
hold that on every field of the test data and on arbitrary Unicode.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Sequence
from dataclasses import dataclass

from .classifier import MAX_CHARS, Classifier, coerce_text
from .gk import _BANDS, STATUS_DOMAINS
from .normalize import _BLANKLINES, _COMBINING, _SPACES, _TABLE
from .prediction import Prediction, format_evidence
from .segment import split_conjunctions, split_segments

__all__ = ["BatchScorer", "BatchResult"]

_REC = "\ue000"  # record separator: private use, not a word character, not whitespace
_SEG = "\ue001"  # segment separator
_RANKS = ("none", "possibly_hidden", "related", "explicit")
_STRIP = " -'.!?*_=~#"
_UNSAFE = re.compile("[\ue000\ue001\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u0085]")
# characters that fold() maps (beyond ASCII controls, which go the plain way)
_SPECIALS = {c: v for c, v in _TABLE.items() if c > 0x9F}
_SPECIALS_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _SPECIALS) + "]")
# fields whose segmentation needs the full rules of split_segments: label prefixes and colons,
# parentheses, quotes, bullets, full stops, double dashes and compound ellipsis ("cultuur- en")
# (each pattern starts with a literal or a character set, so scanning the joined column is fast)
_COMPLEX_CHARS = re.compile(r"[:()\[\]{}\"*>\u2022\u00b7.']")
_COMPLEX_DASH = re.compile(r"-(?:-|[\s,&/+;|]|en\s|of\s)")  # after a letter: compound ellipsis
_COMPLEX_LINE = re.compile(r"\n *(?:-|o |\d)")
_LINE_START = frozenset("-o0123456789")
_SEPARATOR_CHARS = ("\n", ",", ";", "/", "&", "+", "|")


@dataclass
class BatchResult:
    """Columns of results, one entry per input, in order (the CLI's output columns)."""

    domains: list[str]
    gk_status: list[str]
    gk_score: list[float]
    unrecognized: list[str]
    evidence: list[str]

    def __len__(self) -> int:
        return len(self.domains)

    def cells(self, i: int) -> list[str]:
        """Row ``i`` as output cells (see :func:`gkclassify.output.prediction_cells`)."""
        return [self.domains[i], self.gk_status[i], f"{self.gk_score[i]:.4f}", self.unrecognized[i], self.evidence[i]]


class BatchScorer:
    """Scores columns with :class:`Classifier` semantics, caching distinct fields and segments.

    Examples
    --------
    >>> import gkclassify
    >>> scorer = BatchScorer(gkclassify.load())
    >>> r = scorer.score(["Gelijke kansen, sport", "Sport", None, "Gelijke kansen, sport"])
    >>> r.domains, r.gk_status
    (['sport;gelijke_kansen', 'sport', '', 'sport;gelijke_kansen'], ['explicit', 'none', 'none', 'explicit'])
    """

    def __init__(self, classifier: Classifier, *, cache_limit: int = 2_000_000) -> None:
        self.classifier = classifier
        self._ids = classifier.taxonomy.ids
        self._bit = {d: 1 << i for i, d in enumerate(self._ids)}
        self._rank_bits = [0, 0, 0, 0]
        for r, status in enumerate(_RANKS[1:], start=1):
            for d in STATUS_DOMAINS[status]:  # type: ignore[index]
                self._rank_bits[r] |= self._bit[d]
        self._fields: dict[str, int] = {}
        self._rows: list[tuple[str, str, float, str, str]] = []
        self._segments: dict[str, tuple[int, int, float, str, tuple[str, ...]]] = {}
        self._mask_text: dict[int, str] = {0: ""}
        self._limit = cache_limit

    # -- per-segment and per-field results -------------------------------------------------
    def _segment(self, seg: str) -> tuple[int, int, float, str, tuple[str, ...]]:
        res = self.classifier.match_segment(seg)
        mask = 0
        for d, _ in res.scores:
            mask |= self._bit[d]
        rank, best = 0, 0.0
        for r in (3, 2, 1):
            if mask & self._rank_bits[r]:
                rank = r
                best = max(s for d, s in res.scores if self._bit[d] & self._rank_bits[r])
                break
        info = (mask, rank, best, format_evidence(res.evidence), res.unrecognized)
        self._segments[seg] = info
        return info

    def _row_from_prediction(self, p: Prediction) -> tuple[str, str, float, str, str]:
        return (";".join(p.domains), p.gk_status, p.gk_score, ";".join(p.unrecognized), p.evidence_text())

    def _mask_domains(self, mask: int) -> str:
        text = self._mask_text.get(mask)
        if text is None:
            text = ";".join(d for d in self._ids if mask & self._bit[d])
            self._mask_text[mask] = text
        return text

    def _combine(self, raw: str, segs: list[str]) -> tuple[str, str, float, str, str]:
        get = self._segments.get
        infos = [get(s) or self._segment(s) for s in segs]
        mask = 0
        for info in infos:
            mask |= info[0]
        rank, best = max([(info[1], info[2]) for info in infos], default=(0, 0.0))
        unrec: list[str] = []
        if any([info[4] for info in infos]):
            for info in infos:
                for u in info[4]:
                    if u not in unrec:
                        unrec.append(u)
        elif not mask:
            return self._row_from_prediction(self.classifier.predict_one(raw))
        status = _RANKS[rank]
        if rank:
            base, width = _BANDS[status]  # type: ignore[index]
            score = round(base + width * min(max(best, 0.0), 1.0), 4)
        else:
            score = 0.0
        evidence = "; ".join([info[3] for info in infos if info[3]])
        return (self._mask_domains(mask), status, score, ";".join(unrec), evidence)

    # -- batch folding and segmentation -----------------------------------------------------
    def _fold_many(self, raws: list[str]) -> list[str]:
        """``[fold(r) for r in raws]`` in a few passes over the joined column (no control characters)."""
        big = _REC.join(raws)
        if big.isascii():
            big = big.lower()
        else:
            big = unicodedata.normalize("NFKD", big)
            big = _COMBINING.sub("", big)
            big = unicodedata.normalize("NFKC", big).casefold()
            big = _SPECIALS_RE.sub(lambda m: _SPECIALS[ord(m.group())] or "", big)
        if "\t" in big:
            big = big.replace("\t", " ")
        if "  " in big:
            big = _SPACES.sub(" ", big)
        if " \n" in big or "\n " in big or "\n\n" in big:
            big = _BLANKLINES.sub("\n", big)
        return [f.strip(" \n") for f in big.split(_REC)]

    def _segments_many(self, folded: list[str]) -> list[list[str]]:
        """``[split_segments(f) for f in folded]``: simple fields by string operations, the rest by the rules."""
        lex = self.classifier.lexicon
        joined = _REC.join(folded)
        starts = list(accumulate((len(f) + 1 for f in folded), initial=0))
        hard = {i for i, f in enumerate(folded) if f[:1] in _LINE_START}
        for pattern in (_COMPLEX_CHARS, _COMPLEX_LINE):
            hard.update(bisect_right(starts, m.start()) - 1 for m in pattern.finditer(joined))
        for m in _COMPLEX_DASH.finditer(joined):
            at = m.start()
            if m.group() == "--" or (at and joined[at - 1].isalpha()):
                hard.add(bisect_right(starts, at) - 1)
        big = joined.replace(" - ", _SEG)
        for ch in _SEPARATOR_CHARS:
            if ch in big:
                big = big.replace(ch, _SEG)
        simple = big.split(_REC)
        out = []
        for i, (f, s) in enumerate(zip(folded, simple)):
            if i in hard:
                out.append(split_segments(f, lex))
                continue
            segs = []
            for part in s.split(_SEG):
                part = part.strip(_STRIP)
                if not part:
                    continue
                if " en " in part or " of " in part:
                    segs.extend(p for p in (x.strip(_STRIP) for x in split_conjunctions(part, lex)) if p)
                else:
                    segs.append(part)
            out.append(segs)
        return out

    def _score_new(self, raws: list[str]) -> None:
        unsafe = set()
        if _UNSAFE.search(_REC.join(raws)):
            unsafe = {i for i, r in enumerate(raws) if _UNSAFE.search(r)}
        fast: list[str] = []
        for i, raw in enumerate(raws):
            if not raw or len(raw) > MAX_CHARS or i in unsafe or raw.isspace():
                self._store(raw, self._row_from_prediction(self.classifier.predict_one(raw)))
            else:
                fast.append(raw)
        if not fast:
            return
        for raw, segs in zip(fast, self._segments_many(self._fold_many(fast))):
            self._store(raw, self._combine(raw, segs))

    def _store(self, raw: str, row: tuple[str, str, float, str, str]) -> None:
        if raw in self._fields:
            return
        self._fields[raw] = len(self._rows)
        self._rows.append(row)

    # -- public ---------------------------------------------------------------------------
    def score(self, texts: Sequence[object]) -> BatchResult:
        """Results for ``texts`` (strings; ``None``, NaN and numbers are accepted), in order."""
        raws = [t if type(t) is str else coerce_text(t) for t in texts]
        if len(self._rows) > self._limit:
            self._fields.clear()
            self._rows.clear()
        get = self._fields.get
        ids = list(map(get, raws))
        if None in ids:
            new = list(dict.fromkeys(r for r, i in zip(raws, ids) if i is None))
            self._score_new(new)
            ids = list(map(get, raws))
        rows = self._rows
        picked = [rows[i] for i in ids]  # type: ignore[index]
        return BatchResult(
            [r[0] for r in picked],
            [r[1] for r in picked],
            [r[2] for r in picked],
            [r[3] for r in picked],
            [r[4] for r in picked],
        )
