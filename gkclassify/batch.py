"""The batch scorer: the same output as :meth:`Classifier.predict`, for whole columns at once.

How it stays fast (measured in ``benchmarks/throughput.py``):

- fields repeat: a distinct field is scored once and every repeat is a dict lookup
  (``map(dict.get)``), so a registry of a million rows costs a few thousand scorings;
- fields are combinations of a limited vocabulary of segments: new ASCII fields
  are folded for the whole batch at once (C-level string operations over the
  joined column), simple fields (lists with , ; / & + | newlines, " - ", " en ")
  are cut with string operations and the rest with the full rules of
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
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import methodcaller

import numpy as np

from .classifier import MAX_CHARS, Classifier, coerce_text
from .gk import STATUS_DOMAINS, band_score
from .normalize import _BLANKLINES, _SPACES, fold
from .prediction import Prediction, format_evidence
from .segment import ITEM_STRIP, LABEL_PREFIX, split_item, split_segments

__all__ = ["BatchScorer", "BatchResult"]

_REC = "\ue000"  # record separator: private use, not a word character, not whitespace
_SEG = "\ue001"  # segment separator
_RANKS = ("none", "possibly_hidden", "related", "explicit")
_UNSAFE = re.compile("[\ue000\ue001\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u0085]")
_UNSAFE_INNER = re.compile("[\ue001\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u0085]")  # _UNSAFE but the record separator
# fields whose segmentation needs the full rules of split_segments: parentheses, double quotes, a
# spaced single quote, bullets, full stops, double dashes and compound ellipsis ("cultuur- en");
# label prefixes ("bevoegdheden:") and colons are handled for the whole column
# (each pattern starts with a literal or a character set, so scanning the joined column is fast)
_COMPLEX_CHARS = re.compile(r"[()\[\]{}\"*>\u2022\u00b7.]")
_SPACED_QUOTE = re.compile(r"[ \n]'[ \n]")  # a quote at an item's edge is stripped, a spaced one separates
_COMPLEX_DASH = re.compile(r"-(?:-|[\s,&/+;|]|en\s|of\s)")  # after a letter: compound ellipsis
_COMPLEX_LINE = re.compile(r"\no\s")  # an "o" bullet; "\n- " needs nothing: the separator and strip() do it
_LETTER = re.compile(r"[^\W\d_]")  # the letter class of the ellipsis rule in segment.py
_SEPARATOR_CHARS = ("\n", ",", ";", "/", "&", "+", "|", ":")  # after label prefixes are dropped


_UNREC_FLAG = 1 << 62
_SCALE = 10_000  # scores are rounded to 4 decimals: rank * _RANK_STEP + best * _SCALE is exact
_RANK_STEP = 100_000
_strip = methodcaller("strip", ITEM_STRIP)
_EDGE = re.compile(f"{_SEG}[{re.escape(ITEM_STRIP)}]|[{re.escape(ITEM_STRIP)}]{_SEG}")  # an item edge to strip


def _one(segment: str) -> list[str]:
    return [segment]


@dataclass
class BatchResult:
    """Columns of results, one entry per input, in order (the CLI's output columns).

    ``domains``, ``gk_status`` and ``gk_score`` are computed by :meth:`BatchScorer.score`;
    ``unrecognized`` and ``evidence`` are joined from the cached segment results when first
    read, so code that needs only the domains does not pay for the texts.
    """

    domains: list[str]
    gk_status: list[str]
    gk_score: list[float]
    _ids: list[int] = field(repr=False, default_factory=list)
    _texts_of: Callable[[int], tuple[str, str]] | None = field(repr=False, default=None)
    _texts: tuple[list[str], list[str]] | None = field(repr=False, default=None)

    def __len__(self) -> int:
        return len(self.domains)

    def _resolve(self) -> tuple[list[str], list[str]]:
        if self._texts is None:
            assert self._texts_of is not None
            texts = self._texts_of
            pairs = [texts(i) for i in self._ids]
            self._texts = ([p[0] for p in pairs], [p[1] for p in pairs])
        return self._texts

    @property
    def unrecognized(self) -> list[str]:
        return self._resolve()[0]

    @property
    def evidence(self) -> list[str]:
        return self._resolve()[1]

    def cells(self, i: int) -> list[str]:
        """Row ``i`` as output cells (see :func:`gkclassify.output.prediction_cells`)."""
        unrec, evidence = self._resolve()
        return [self.domains[i], self.gk_status[i], f"{self.gk_score[i]:.4f}", unrec[i], evidence[i]]


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
        self._domain_ids = classifier.taxonomy.ids
        self._bit = {d: 1 << i for i, d in enumerate(self._domain_ids)}
        self._domain_bits = (1 << len(self._domain_ids)) - 1
        self._rank_bits = [0, 0, 0, 0]
        for r, status in enumerate(_RANKS[1:], start=1):
            for d in STATUS_DOMAINS[status]:  # type: ignore[index]
                self._rank_bits[r] |= self._bit[d]
        self._mask_text: dict[int, str] = {0: ""}
        self._score_of: dict[int, tuple[str, float]] = {}
        self._limit = cache_limit
        self._reset()

    def _reset(self) -> None:
        # pieces: the segments of split_segments, with their results as arrays
        # pieces are keyed by segment (fields cut by split_segments) or by list item (simple
        # fields; an item's piece joins the results of its segments, "jeugd en sport")
        self._piece_id: dict[str, int] = {_REC: -1, "": -2}
        self._item_id: dict[str, int] = {_REC: -1, "": -2}
        self._piece_mask: list[int] = []
        self._piece_key: list[int] = []
        self._piece_evidence: list[str] = []
        self._piece_unrec: list[tuple[str, ...]] = []
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None
        # distinct fields
        self._fields: dict[str, int] = {}
        self._dom: list[str] = []
        self._status: list[str] = []
        self._score: list[float] = []
        self._detail: dict[int, tuple[str, str]] = {}  # fields scored by the plain path: their texts
        self._blocks: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []  # (first field, pieces, starts, stops)
        self._block_bases: list[int] = []

    # -- pieces -------------------------------------------------------------------------------
    def _add_pieces(self, keys: list[str], ids: dict[str, int], expand: Callable[[str], list[str]]) -> None:
        """Cache the results of new pieces as arrays: domain bits, Gelijke Kansen key, texts.

        ``expand`` gives a piece's segments; all new segments are matched in one batch.
        """
        segments = [expand(k) for k in keys]
        results = iter(self.classifier.match_segments([seg for segs in segments for seg in segs]))
        bit, rank_bits = self._bit, self._rank_bits
        for k, segs in zip(keys, segments):
            mask = key = 0
            evidence: list[str] = []
            unrec: tuple[str, ...] = ()
            for _ in segs:
                res = next(results)
                m = 0
                for d, _score in res.scores:
                    m |= bit[d]
                for r in (3, 2, 1):
                    if m & rank_bits[r]:
                        top = max(min(max(sc, 0.0), 1.0) for d, sc in res.scores if bit[d] & rank_bits[r])
                        key = max(key, r * _RANK_STEP + round(top * _SCALE))
                        break
                mask |= m | (_UNREC_FLAG if res.unrecognized else 0)
                if res.evidence:
                    evidence.append(format_evidence(res.evidence))
                unrec += res.unrecognized
            ids[k] = len(self._piece_mask)
            self._piece_mask.append(mask)
            self._piece_key.append(key)
            self._piece_evidence.append("; ".join(evidence))
            self._piece_unrec.append(unrec)
        self._arrays = None

    def _piece_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._arrays is None:
            self._arrays = (np.array(self._piece_mask, dtype=np.int64), np.array(self._piece_key, dtype=np.int64))
        return self._arrays

    # -- fields ---------------------------------------------------------------------------------
    def _mask_domains(self, mask: int) -> str:
        text = self._mask_text.get(mask)
        if text is None:
            ids, names, m = self._domain_ids, [], mask
            while m:
                low = m & -m
                names.append(ids[low.bit_length() - 1])
                m ^= low
            text = self._mask_text[mask] = ";".join(names)
        return text

    def _status_score(self, key: int) -> tuple[str, float]:
        hit = self._score_of.get(key)
        if hit is None:
            rank, scaled = divmod(key, _RANK_STEP)
            status = _RANKS[rank]
            hit = self._score_of[key] = (status, band_score(status, scaled / _SCALE))  # type: ignore[arg-type]
        return hit

    def _store_prediction(self, raw: str, p: Prediction, at: int | None = None) -> None:
        """Store the plain path's prediction of ``raw``: as a new field, or over field ``at``."""
        if at is None:
            at = self._fields[raw] = len(self._dom)
            self._dom.append("")
            self._status.append("")
            self._score.append(0.0)
        self._dom[at] = ";".join(p.domains)
        self._status[at] = p.gk_status
        self._score[at] = p.gk_score
        self._detail[at] = (";".join(p.unrecognized), p.evidence_text())

    def _resolver(self) -> Callable[[int], tuple[str, str]]:
        """Unrecognized and evidence text of a stored field, bound to the current caches
        (a result stays readable after the caches are reset)."""
        detail, piece_evidence, piece_unrec = self._detail, self._piece_evidence, self._piece_unrec
        blocks, bases = self._blocks, self._block_bases

        def texts_of(i: int) -> tuple[str, str]:
            d = detail.get(i)
            if d is not None:
                return d
            base, pids, starts, stops = blocks[bisect_right(bases, i) - 1]
            ids = pids[starts[i - base] : stops[i - base]].tolist()
            evidence = "; ".join([piece_evidence[p] for p in ids if piece_evidence[p]])
            unrec: list[str] = []
            for p in ids:
                for u in piece_unrec[p]:
                    if u not in unrec:
                        unrec.append(u)
            return ";".join(unrec), evidence

        return texts_of

    def _score_flat(
        self, raws: list[str], flat: list[str], ids_of: dict[str, int], expand: Callable[[str], list[str]]
    ) -> None:
        """Score new, distinct fields given as one flat list of pieces with ``_REC`` between fields."""
        get = ids_of.get
        ids = list(map(get, flat))
        if None in ids:
            self._add_pieces(list(dict.fromkeys(p for p, i in zip(flat, ids) if i is None)), ids_of, expand)
            ids = list(map(get, flat))
        arr = np.array(ids, dtype=np.int64)
        field_of = np.cumsum(arr == -1)
        keep = arr >= 0
        pids = arr[keep]
        fids = field_of[keep]
        n = len(raws)
        pmask, pkey = self._piece_arrays()
        masks = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(masks, fids, pmask[pids])
        keys = np.zeros(n, dtype=np.int64)
        np.maximum.at(keys, fids, pkey[pids])
        stops = np.cumsum(np.bincount(fids, minlength=n))
        starts = stops - np.bincount(fids, minlength=n)
        dm = masks & self._domain_bits
        # each distinct domain set and Gelijke Kansen key is turned into text once
        uniq, inv = np.unique(dm, return_inverse=True)
        dom_text = [self._mask_domains(m) for m in uniq.tolist()]
        ukeys, kinv = np.unique(keys, return_inverse=True)
        status_score = [self._status_score(k) for k in ukeys.tolist()]
        kinv_list = kinv.tolist()
        base = len(self._dom)
        self._fields.update(zip(raws, range(base, base + n)))
        self._dom.extend(map(dom_text.__getitem__, inv.tolist()))
        self._status.extend([status_score[j][0] for j in kinv_list])
        self._score.extend([status_score[j][1] for j in kinv_list])
        self._blocks.append((base, pids, starts, stops))
        self._block_bases.append(base)
        # nothing recognized and nothing left over: the plain path decides (it may report the text)
        for i in np.flatnonzero((dm == 0) & ((masks & _UNREC_FLAG) == 0)).tolist():
            self._store_prediction(raws[i], self.classifier.predict_one(raws[i]), base + i)

    # -- batch folding and segmentation -----------------------------------------------------
    def _fold_many(self, raws: list[str]) -> list[str]:
        """``[fold(r) for r in raws]``: ASCII fields in a few passes over the joined column,
        the others (a few percent) one by one (no control characters)."""
        is_ascii = [r.isascii() for r in raws]
        if not all(is_ascii):
            ascii_idx = [i for i, a in enumerate(is_ascii) if a]
            out = [r if a else fold(r) for r, a in zip(raws, is_ascii)]
            for i, f in zip(ascii_idx, self._fold_many([raws[i] for i in ascii_idx]) if ascii_idx else []):
                out[i] = f
            return out
        big = _REC.join(raws).lower()
        if "`" in big:
            big = big.replace("`", "'")  # as fold() does
        if "\t" in big:
            big = big.replace("\t", " ")
        if "  " in big:
            big = _SPACES.sub(" ", big)
        if " \n" in big or "\n " in big or "\n\n" in big:
            big = _BLANKLINES.sub("\n", big)
        return [f.strip(" \n") for f in big.split(_REC)]

    def _hard_fields(self, folded: list[str]) -> set[int]:
        """Indexes of fields that need the full rules of split_segments."""
        joined = _REC.join(folded)
        starts = list(accumulate((len(f) + 1 for f in folded), initial=0))
        hard = {i for i, f in enumerate(folded) if f.startswith(("o ", "o\n"))}
        for pattern in (_COMPLEX_CHARS, _COMPLEX_LINE, _SPACED_QUOTE):
            hard.update(bisect_right(starts, m.start()) - 1 for m in pattern.finditer(joined))
        for m in _COMPLEX_DASH.finditer(joined):
            at = m.start()
            if m.group() == "--" or (at and _LETTER.match(joined, at - 1)):
                hard.add(bisect_right(starts, at) - 1)
        return hard

    def _score_new(self, raws: list[str]) -> None:
        unsafe: set[int] = set()
        joined = _REC.join(raws)
        if _UNSAFE_INNER.search(joined) or joined.count(_REC) != len(raws) - 1:
            unsafe = {i for i, r in enumerate(raws) if _UNSAFE.search(r)}
        fast: list[str] = []
        for i, raw in enumerate(raws):
            if not raw or len(raw) > MAX_CHARS or i in unsafe or raw.isspace():
                self._store_prediction(raw, self.classifier.predict_one(raw))
            else:
                fast.append(raw)
        if not fast:
            return
        folded = self._fold_many(fast)
        hard = self._hard_fields(folded)
        simple_raws = [r for i, r in enumerate(fast) if i not in hard] if hard else fast
        simple = [f for i, f in enumerate(folded) if i not in hard] if hard else folded
        if simple:
            big = _REC.join(simple)
            if ":" in big:  # label prefixes ("bevoegdheden:"), as split_segments drops them
                big = _REC.join([f if ":" not in f else LABEL_PREFIX.sub("\n", f) for f in simple])
            big = big.replace(" - ", _SEG)
            for ch in _SEPARATOR_CHARS:
                if ch in big:
                    big = big.replace(ch, _SEG)
            big = big.replace(_REC, _SEG + _REC + _SEG).replace(_SEG + " ", _SEG).replace(" " + _SEG, _SEG)
            flat = big.split(_SEG)
            if _EDGE.search(big) or big[:1] in ITEM_STRIP or big[-1:] in ITEM_STRIP:
                flat = list(map(_strip, flat))  # else every item is stripped already
            lex = self.classifier.lexicon
            self._score_flat(simple_raws, flat, self._item_id, lambda item: split_item(item, lex))
        if hard:
            lex = self.classifier.lexicon
            hard_flat: list[str] = []
            hard_raws: list[str] = []
            for i in sorted(hard):
                if hard_raws:
                    hard_flat.append(_REC)
                hard_raws.append(fast[i])
                hard_flat.extend(split_segments(folded[i], lex))
            self._score_flat(hard_raws, hard_flat, self._piece_id, _one)

    # -- public ---------------------------------------------------------------------------
    def score(self, texts: Sequence[object]) -> BatchResult:
        """Results for ``texts`` (strings; ``None``, NaN and numbers are accepted), in order."""
        raws = [t if type(t) is str else coerce_text(t) for t in texts]
        if len(self._dom) > self._limit or len(self._piece_mask) > self._limit:
            self._reset()
        get = self._fields.get
        ids = list(map(get, raws))
        if None in ids:
            self._score_new(list(dict.fromkeys(r for r, i in zip(raws, ids) if i is None)))
            ids = list(map(get, raws))
        return BatchResult(
            list(map(self._dom.__getitem__, ids)),  # type: ignore[arg-type]
            list(map(self._status.__getitem__, ids)),  # type: ignore[arg-type]
            list(map(self._score.__getitem__, ids)),  # type: ignore[arg-type]
            ids,  # type: ignore[arg-type]
            self._resolver(),
        )
