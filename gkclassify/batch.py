"""The batch scorer: the same output as :meth:`Classifier.predict`, for whole columns at once.

How it stays fast (measured in ``benchmarks/throughput.py``):

- fields repeat: a distinct field is scored once and every repeat is a dict lookup
  (``map(dict.get)``), so a registry of a million rows costs a few thousand scorings;
- fields are combinations of a limited vocabulary of segments: new fields are
  folded for the whole batch at once (a Latin-1 column in one ``bytes.translate``,
  :func:`gkclassify.normalize.fold_joined`); simple fields (lists with
  , ; / & + | newlines, " - ", " en ") are cut over the joined column: separators
  and the strip characters at item edges from ``bytes.translate`` and a few NumPy
  passes over its Latin-1 bytes, conjunctions where the words around them decide
  (as :func:`gkclassify.segment.split_conjunctions` would, the words taken with
  C-level ``map`` calls); compound ellipsis alone is written out first
  ("cultuur- en jeugdbeleid"), and the rest goes through the full rules of
  :func:`gkclassify.segment.split_segments`; each item is looked up in a
  cache of precomputed results (domain bit mask, Gelijke Kansen rank and score,
  the matches behind the evidence text), for a large column with Arrow's C++
  kernels (:mod:`gkclassify.column_lookup`);
- only segments never seen before go through the matcher (exact → compound →
  fuzzy → model) in one batch: a word's exact or compound match is cached, the
  fuzzy step compares the runs of one first letter and two neighbouring lengths with the
  aliases of that letter whose length can reach the cutoff in one RapidFuzz ``cdist`` call, and
  the model is a sparse × dense product in NumPy;
- the cyclic garbage collector is paused while new fields are scored (the caches
  hold many small objects that it would walk again and again).

Fields that the batch path does not handle (control characters, text longer
than :data:`MAX_CHARS`, a field with nothing recognized, such as an empty one) go through
:meth:`Classifier.predict_one`, so the output is the same either way; the tests
hold that on every field of the test data and on arbitrary Unicode.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import and_, is_, itemgetter, methodcaller, not_
from typing import cast

import numpy as np

from .classifier import MAX_CHARS, Classifier, coerce_text
from .column_lookup import ColumnLookup
from .gk import STATUS_DOMAINS, band_score
from .normalize import fold_joined, tokenize
from .prediction import Prediction, format_evidence
from .segment import ITEM_STRIP, LABEL_PREFIX, expand_ellipsis, split_item, split_segments
from .strategies import Match

__all__ = ["BatchScorer", "BatchResult"]

_REC = "\x1e"  # record separator: a control character, so never in a field the batch path takes
_SEG = "\x1f"  # segment separator (ASCII keeps joined ASCII columns one byte per character)
_RANKS = ("none", "possibly_hidden", "related", "explicit")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u0085]")  # includes _REC and _SEG
_UNSAFE_INNER = re.compile("[\x00-\x08\x0b-\x1d\x1f\x7f-\x9f\u2028\u2029\u0085]")  # _UNSAFE but the record separator
_SAFE_LATIN1 = bytes(c for c in range(256) if not _UNSAFE.match(chr(c)))  # not the record separator either
# fields whose segmentation needs the full rules of split_segments: parentheses, double quotes, a
# spaced single quote, bullets, full stops, double dashes and compound ellipsis ("cultuur- en");
# label prefixes ("bevoegdheden:") and colons are handled for the whole column
# (each pattern starts with a literal or a small character set, so each scan of the joined column is fast)
_HARD_CHARS = "()[]{}\"*>\u2022\u00b7."  # brackets, quotes, bullets, full stops (found with str.find)
# one scan of the dashes: "--"; after a letter, compound ellipsis ("cultuur- en"); after a space and
# before a letter, an elided part ("afvalbeleid en -preventie"); maybe a word hyphenated at the
# line end ("kan-\nsen") (a field is hard when one of them starts in it)
_HARD_DASH = re.compile(r"-(?:-|(?<=[^\W\d_]-)(?:[\s,&/+;|]|en\s|of\s)|(?<=\s-)(?=[^\W\d_])|\n)")
_O_BULLET = re.compile(r"\no\s")  # an "o" bullet; in a Latin-1 column found from its bytes instead
_FIELD_O_BULLET = re.compile("\x1e(?=o\\s)")  # a field that starts with one (after its separator); likewise
_LETTER = re.compile(r"[^\W\d_]")  # the letter class of join_wrapped_lines
_WORD = re.compile(r"[^\W\d_]+")
_SEPARATOR_CHARS = ("\n", ",", ";", "/", "&", "+", "|", ":")  # after label prefixes are dropped
# a word and the conjunction after it, inside an item (items are cut at _SEG, fields at _REC)
_CONJ = re.compile(" (en|of) ")
_FIRST_CHAR, _LAST_CHAR = itemgetter(slice(None, 1)), itemgetter(slice(-1, None))
_STRIP_CHARS = frozenset(ITEM_STRIP)
# the word before a conjunction and the one after it, from C-level callables in map()
_FIRST, _LAST = itemgetter(0), itemgetter(-1)
# a text's last word (after its last whitespace) and its first (before its first)
_RSPLIT_WORD, _SPLIT_WORD = methodcaller("rsplit", None, 1), methodcaller("split", None, 1)


_NEW = -3  # a piece id not cached yet (-1 is the record separator, -2 the empty piece)
_UNREC_FLAG = 1 << 62
_SCALE = 10_000  # scores are rounded to 4 decimals: rank * _RANK_STEP + best * _SCALE is exact
_RANK_STEP = 100_000
_EDGE = re.compile(f"{_SEG}(?:(?<=[{re.escape(ITEM_STRIP)}]{_SEG})|(?=[{re.escape(ITEM_STRIP)}]))")
"""A separator with an ``ITEM_STRIP`` character beside it (literal first: a fast scan of the column)."""


def _strip_items(big: str) -> str:
    """Every item of the joined column stripped of ``ITEM_STRIP`` characters, as split_item's are."""
    cuts: list[tuple[int, int]] = []
    for m in _EDGE.finditer(big):
        at = a = m.start()
        while a and big[a - 1] in ITEM_STRIP:
            a -= 1
        b = at + 1
        while b < len(big) and big[b] in ITEM_STRIP:
            b += 1
        cuts += ((a, at), (at + 1, b))
    if cuts:
        kept, prev = [], 0
        for a, b in cuts:  # in order; a run between two separators is cut from both sides
            if a > prev:
                kept.append(big[prev:a])
            prev = max(prev, b)
        kept.append(big[prev:])
        big = "".join(kept)
    return big.strip(ITEM_STRIP)


_is_none = partial(is_, None)
_consume: Callable[[Iterable[object]], object] = partial(deque, maxlen=0)  # runs an iterator of calls (map) to its end in C

_SEPARATOR, _STRIP = 1, 2
# bytes.translate tables (a C loop, several times faster than a NumPy lookup table)
_BYTE_CLASS = bytes(
    _SEPARATOR if chr(c) in (*_SEPARATOR_CHARS, _SEG) else _STRIP if chr(c) in ITEM_STRIP else 0 for c in range(256)
)  # a Latin-1 character: a separator, a strip character or other
_TO_SEG = bytes(ord(_SEG) if chr(c) in _SEPARATOR_CHARS else c for c in range(256))
_PEELED = b"\x00"  # marks a peeled character (control characters never reach the batch path; a zero: see _cut_items)
_MAX_PEEL = 8  # longer runs of strip characters beside a separator: the string path


def _cut_items_str(big: str) -> str:
    """Separators of the joined column made item separators, items stripped: the reference."""
    big = big.replace(" - ", _SEG)
    for ch in _SEPARATOR_CHARS:
        if ch in big:
            big = big.replace(ch, _SEG)
    return _strip_items(big.replace(_SEG + " ", _SEG).replace(" " + _SEG, _SEG))


def _cut_items(big: str) -> str:
    """:func:`_cut_items_str` over the bytes of a Latin-1 column (``bytes.translate`` and NumPy);
    the same items (an item that strips to nothing may be left as an empty one, which counts for
    nothing).

    A spaced dash and every separator character become ``_SEG``; then the strip characters
    beside a separator are peeled off, as ``_strip_items`` strips the runs: the first layer in one
    vectorized pass, the next ones at the positions beside the last layer.
    """
    try:
        raw = big.encode("latin-1")
    except UnicodeEncodeError:
        return _cut_items_str(big)
    b = np.frombuffer(raw, dtype=np.uint8)
    n = len(b)
    kind = np.frombuffer(raw.translate(_BYTE_CLASS), dtype=np.uint8)
    edge = np.ones(n + 2, dtype=bool)  # a separator, or beyond the column's edges
    seg = edge[1:-1]
    np.equal(kind, _SEPARATOR, out=seg)
    strip = kind == _STRIP
    dashes = np.flatnonzero(b == 45)  # " - " (a spaced dash) separates
    if dashes.size:
        dashes = dashes[(dashes > 0) & (dashes < n - 1)]
        dashes = dashes[(b[dashes - 1] == 32) & (b[dashes + 1] == 32)]
        seg[dashes] = True
        strip[dashes] = False
    # peel: a strip character beside a separator or an edge, then beside a peeled one, layer by layer
    # (boolean masks: a layer is the strip characters beside the last one that are not peeled yet)
    peeled = strip & (edge[:-2] | edge[2:])
    layer = peeled
    for _ in range(_MAX_PEEL):
        near = np.zeros(n, dtype=bool)
        np.logical_or(layer[:-2], layer[2:], out=near[1:-1])
        if n > 1:
            near[0], near[-1] = layer[1], layer[-2]
        near &= strip
        near &= ~peeled
        if not near.any():
            break
        peeled |= near
        layer = near
    else:
        return _cut_items_str(big)
    out = bytearray(raw.translate(_TO_SEG))
    view = np.frombuffer(out, dtype=np.uint8)
    view[dashes] = ord(_SEG)
    np.multiply(view, ~peeled, out=view, casting="unsafe")  # a peeled character becomes _PEELED (0)
    return out.translate(None, _PEELED).decode("latin-1")


def _trie_pattern(words: Sequence[str]) -> str:
    """A regex alternation of ``words`` as a trie (``["ab", "ac", "a"]`` => ``"a(?:b|c)?"``): the
    regex engine follows one branch per letter instead of trying every word; no words: a pattern
    that never matches."""
    if not words:
        return "(?!)"
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + pattern(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        if len(branches) == 1:  # a chain of single letters: no group
            body = branches[0]
            optional = body + "?" if len(body) == 1 else f"(?:{body})?"
        else:
            body = optional = f"(?:{'|'.join(branches)})"
            optional += "?"
        return optional if "" in node else body

    return pattern(trie)


def _column(texts: list[str]) -> tuple[str, np.ndarray]:
    """``_REC.join(texts)`` and the offsets at which the texts start in it."""
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))[:-1] + 1, out=starts[1:])
    return _REC.join(texts), starts


def _fields_of(starts: np.ndarray, positions: list[int]) -> list[int]:
    """The fields (indexes, ascending, each once) of ``positions`` (in any order) in a column whose
    fields start at ``starts``: one binary search each."""
    if not positions:
        return []
    return np.unique(np.searchsorted(starts, positions, side="right") - 1).tolist()  # type: ignore[no-any-return]


def _find_all(text: str, sub: str) -> list[int]:
    """Every position of ``sub`` in ``text`` (a fast scan when it is rare)."""
    out = []
    pos = text.find(sub)
    while pos != -1:
        out.append(pos)
        pos = text.find(sub, pos + 1)
    return out


def _safe_column(joined: str, records: int) -> bool:
    """Whether ``joined`` has no character of ``_UNSAFE_INNER`` and ``records`` record separators:
    for a Latin-1 column (the usual case) from one ``bytes.translate`` that deletes the other
    bytes (a C loop, ten times faster than the character class)."""
    try:
        raw = joined.encode("latin-1")
    except UnicodeEncodeError:
        return _UNSAFE_INNER.search(joined) is None and joined.count(_REC) == records
    return raw.translate(None, _SAFE_LATIN1) == _REC.encode() * records


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while new fields are scored.

    Scoring allocates many small objects that live on in the caches; the collector would
    walk them again and again (about a tenth of the time of fresh fields, measured with
    ``gc.callbacks``). Reference counting still frees everything that is not kept, and the
    collector runs again afterwards; if it was off already, it stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
        self._half_bits = (len(self._domain_ids) + 1) // 2
        self._lo_text: dict[int, str] = {}
        self._hi_text: dict[int, str] = {}
        self._score_of: dict[int, tuple[str, float]] = {}
        self._limit = cache_limit
        self._crossing_left = classifier.lexicon.crossing_left
        self._crossing = classifier.lexicon.crossing
        # a line wrapped inside a phrase alias ("gelijke\nkansen"): the words that can start the next
        # line (in one trie pattern), and the words that can end the line before, by that next word
        # (words of letters only: join_wrapped_lines takes the letters around a line break)
        self._wrapped_before: dict[str, tuple[str, ...]] = {}
        for a, b in sorted(classifier.lexicon.wrapped_starts):
            if _WORD.fullmatch(a) and _WORD.fullmatch(b):
                self._wrapped_before[b] = (*self._wrapped_before.get(b, ()), a)
        self._wrapped_line = re.compile(f"\n({_trie_pattern(sorted(self._wrapped_before))})(?![^\\W\\d_])")
        self._reset()

    def _reset(self) -> None:
        # pieces: the segments of split_segments, with their results as arrays
        # pieces are keyed by segment (fields cut by split_segments) or by list item (simple
        # fields; an item's piece joins the results of its segments, "jeugd en sport")
        self._piece_id: dict[str, int] = {_REC: -1, "": -2}
        self._item_id: dict[str, int] = {_REC: -1, "": -2}
        self._piece_mask: list[int] = []
        self._piece_key: list[int] = []
        self._piece_evidence: list[str | tuple[Match, ...]] = []  # the matches, written out when first read
        self._piece_unrec: list[tuple[str, ...]] = []
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None
        self._lookups = {id(self._item_id): ColumnLookup(), id(self._piece_id): ColumnLookup()}  # renewed with them
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
        ranked = rank_bits[1] | rank_bits[2] | rank_bits[3]
        masks: list[int] = []
        piece_keys: list[int] = []
        piece_evidence: list[str | tuple[Match, ...]] = []
        piece_unrec: list[tuple[str, ...]] = []
        for segs in segments:
            mask = key = 0
            evidence: tuple[Match, ...] = ()
            unrec: tuple[str, ...] = ()
            for _ in segs:
                res = next(results)
                m = 0
                for d, _score in res.scores:
                    m |= bit[d]
                if m & ranked:  # a Gelijke Kansen status: the key of its best rank
                    for r in (3, 2, 1):
                        if m & rank_bits[r]:
                            top = max(min(max(sc, 0.0), 1.0) for d, sc in res.scores if bit[d] & rank_bits[r])
                            key = max(key, r * _RANK_STEP + round(top * _SCALE))
                            break
                mask |= m | (_UNREC_FLAG if res.unrecognized else 0)
                evidence += res.evidence
                unrec += res.unrecognized
            masks.append(mask)
            piece_keys.append(key)
            piece_evidence.append(evidence)
            piece_unrec.append(unrec)
        ids.update(zip(keys, range(len(self._piece_mask), len(self._piece_mask) + len(keys))))
        self._piece_mask += masks
        self._piece_key += piece_keys
        self._piece_evidence += piece_evidence
        self._piece_unrec += piece_unrec
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

    def _masks_domains(self, masks: np.ndarray) -> list[str]:
        """:meth:`_mask_domains` of many masks: the texts of each half of the bits are cached,
        and a mask's text joins its two halves (bit order is taxonomy order)."""
        shift, lo_text, hi_text = self._half_bits, self._lo_text, self._hi_text
        los = (masks & ((1 << shift) - 1)).tolist()
        his = (masks >> shift).tolist()
        for h in set(los).difference(lo_text):
            lo_text[h] = self._mask_domains(h)
        for h in set(his).difference(hi_text):
            hi_text[h] = self._mask_domains(h << shift)
        return [a + ";" + b if a and b else a or b for a, b in zip(map(lo_text.__getitem__, los), map(hi_text.__getitem__, his))]

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

        def evidence_of(p: int) -> str:
            text = piece_evidence[p]
            if not isinstance(text, str):  # a piece's matches are written out once, when first read
                text = piece_evidence[p] = format_evidence(text)
            return text

        def texts_of(i: int) -> tuple[str, str]:
            d = detail.get(i)
            if d is not None:
                return d
            base, pids, starts, stops = blocks[bisect_right(bases, i) - 1]
            ids = pids[starts[i - base] : stops[i - base]].tolist()
            evidence = "; ".join([text for text in map(evidence_of, ids) if text])
            unrec: list[str] = []
            for p in ids:
                for u in piece_unrec[p]:
                    if u not in unrec:
                        unrec.append(u)
            return ";".join(unrec), evidence

        return texts_of

    def _score_flat(
        self, raws: list[str], column: str, ids_of: dict[str, int], expand: Callable[[str], list[str]]
    ) -> None:
        """Score new, distinct fields given as one column of pieces joined by ``_SEG``, with
        ``_REC`` between fields."""
        arr, new = self._lookups[id(ids_of)].ids(column, _SEG, ids_of, missing=_NEW)
        if new:  # look up again only where a piece was new
            self._add_pieces(list(dict.fromkeys(new)), ids_of, expand)
            arr[arr == _NEW] = list(map(ids_of.__getitem__, new))
        field_of = np.cumsum(arr == -1)
        keep = arr >= 0
        pids = arr[keep]
        fids = field_of[keep]
        n = len(raws)
        pmask, pkey = self._piece_arrays()
        counts = np.bincount(fids, minlength=n)
        stops = np.cumsum(counts)
        starts = stops - counts
        # a field's pieces are one run of pids: its domain bits OR-ed and its best key, per run
        masks = np.zeros(n, dtype=np.int64)
        keys = np.zeros(n, dtype=np.int64)
        if pids.size:
            some = counts > 0  # (a field whose items were all empty has no run)
            masks[some] = np.bitwise_or.reduceat(pmask[pids], starts[some])
            keys[some] = np.maximum.reduceat(pkey[pids], starts[some])
        dm = masks & self._domain_bits
        # each distinct domain set and Gelijke Kansen key is turned into text once
        uniq, inv = np.unique(dm, return_inverse=True)
        dom_text = self._masks_domains(uniq)
        ukeys, kinv = np.unique(keys, return_inverse=True)
        status_score = [self._status_score(k) for k in ukeys.tolist()]
        kinv_list = kinv.tolist()
        base = len(self._dom)
        self._fields.update(zip(raws, range(base, base + n)))
        self._dom.extend(map(dom_text.__getitem__, inv.tolist()))
        self._status.extend(map([st for st, _ in status_score].__getitem__, kinv_list))
        self._score.extend(map([sc for _, sc in status_score].__getitem__, kinv_list))
        self._blocks.append((base, pids, starts, stops))
        self._block_bases.append(base)
        # nothing recognized and nothing left over: the plain path decides (it may report the text)
        for i in np.flatnonzero((dm == 0) & ((masks & _UNREC_FLAG) == 0)).tolist():
            self._store_prediction(raws[i], self.classifier.predict_one(raws[i]), base + i)

    # -- batch segmentation ---------------------------------------------------------------
    def _hard_fields(self, joined: str, starts: np.ndarray) -> list[int]:
        """Indexes of the fields of a column (see :func:`_column`) that need the full rules of
        split_segments, in order."""
        at = [0] if joined.startswith(("o ", "o\n")) else []
        at.extend(m.start() for m in _HARD_DASH.finditer(joined))
        # the rarer marks, their neighbours checked here (``str.isspace`` is the regex class ``\s``;
        # a field's positions count once, so overlapping finds mark it as a regex scan would)
        end = len(joined) - 1
        spaced = (" ", "\n")
        # a spaced quote separates (a quote at an item's edge is stripped): '(?<=[ \n]')[ \n], with
        # str.find (quotes are rare)
        at.extend(p for p in _find_all(joined, "'") if 0 < p < end and joined[p - 1] in spaced and joined[p + 1] in spaced)
        # an "o" bullet ("\n- " needs nothing: the separator and strip() do it), and a field after
        # the first that starts with one: in a Latin-1 column, the "o"s after a newline and at a
        # field's start from NumPy (newlines and separators are too many for a scan)
        try:
            raw = joined.encode("latin-1")
        except UnicodeEncodeError:
            at.extend(m.start() for m in _O_BULLET.finditer(joined))
            at.extend(m.end() for m in _FIELD_O_BULLET.finditer(joined))
        else:
            b = np.frombuffer(raw, dtype=np.uint8)
            lines = np.flatnonzero(b == 10)
            lines = lines[b[np.minimum(lines + 1, end)] == 111].tolist()  # (the last character is no "o" after one)
            at.extend(p for p in lines if p + 2 <= end and joined[p + 2].isspace())
            fields = starts[1:]
            fields = fields[b[np.minimum(fields, end)] == 111].tolist()  # (a field at the end is empty)
            at.extend(p for p in fields if p + 1 <= end and joined[p + 1].isspace())
        for ch in _HARD_CHARS:
            at += _find_all(joined, ch)
        if "\n" in joined:  # a line wrapped inside a phrase alias ("gelijke\nkansen"), as join_wrapped_lines
            before = self._wrapped_before
            for m in self._wrapped_line.finditer(joined):  # a next line's whole first word that can be one
                pos = m.start()
                for word in before[m.group(1)]:  # the whole last word of the line before
                    k = pos - len(word)
                    if k >= 0 and joined.startswith(word, k) and not (k and _LETTER.match(joined, k - 1)):
                        at.append(pos)
                        break
        return _fields_of(starts, at)

    def _cut_conjunctions(self, big: str) -> str:
        """``"jeugd en sport"`` => ``"jeugd" + _SEG + "sport"`` in the joined column: the decisions of
        :func:`split_conjunctions`, made from the words around each conjunction (no alias runs
        across "jeugd en sport"); an item whose words cannot decide is left whole for
        :func:`split_item`."""
        has_of = " of " in big
        if has_of:
            parts = _CONJ.split(big)  # text, conjunction, text, ...
            texts = parts[0::2]
        else:  # "en" alone: a plain split, twice as fast as the regex's
            texts = big.split(" en ")
            parts = ["en"] * (2 * len(texts) - 1)
            parts[0::2] = texts
        before = texts[:-1]
        # the word before ends in a letter or digit (the text before ends as its word does)
        cut = list(map(str.isalnum, map(_LAST_CHAR, before)))
        # an alias may run across a conjunction after a word that starts one (a word of letters and
        # digits): then the conjunction is not cut when that word and the first token after it
        # are such a pair (split_item decides on the whole item)
        # (words end at spaces and item separators, the only whitespace left in the column besides
        # the record separator, which has item separators around it; the texts around a conjunction
        # neither end nor start with whitespace, as items are stripped: one split takes a word)
        words = list(map(_LAST, map(_RSPLIT_WORD, before)))
        at = list(compress(range(len(before)), map(self._crossing_left.__contains__, words)))
        if at:
            left = list(map(words.__getitem__, at))
            after = map(texts.__getitem__, map((1).__add__, at))
            right = list(map(_FIRST, map(_SPLIT_WORD, after)))
            plain = list(map(str.isalnum, right))
            crossing = self._crossing
            stays = map(crossing.__contains__, zip(left, right))
            _consume(map(cut.__setitem__, compress(at, map(and_, stays, plain)), repeat(False)))
            for j in compress(range(len(at)), map(not_, plain)):  # a word with other characters: its first token
                rt = tokenize(right[j])
                cut[at[j]] = bool(rt) and (left[j], rt[0]) not in crossing
        if has_of:
            seps = [_SEG] * len(cut)
            for i in compress(range(len(cut)), map(not_, cut)):
                seps[i] = f" {parts[2 * i + 1]} "
        else:
            seps = list(map((" en ", _SEG).__getitem__, cut))
        parts[1::2] = seps
        # a cut part is stripped too ("jeugd en -sport"), as split_item strips its parts: the part
        # after the cut (the part before ends in a letter or digit, and the items were stripped)
        for i in compress(range(len(cut)), map(and_, cut, map(_STRIP_CHARS.__contains__, map(_FIRST_CHAR, texts[1:])))):
            stripped = texts[i + 1].lstrip(ITEM_STRIP)
            if not stripped and i + 1 < len(cut) and not cut[i + 1]:
                # only strip characters, then " en " that stays: the strip would run on into it
                return _strip_items("".join(parts))
            parts[2 * i + 2] = stripped
        return "".join(parts)

    def _ease_ellipsis(self, folded: list[str], hard: list[int]) -> list[int]:
        """Hard fields whose only full rule is compound ellipsis, written out in ``folded``
        (``"cultuur- en jeugdbeleid"`` => ``"cultuurbeleid, jeugdbeleid"``) when that makes them
        simple; the fields that stay hard.

        split_segments writes out the ellipsis after abbreviations, acronyms, wrapped lines and
        label prefixes, which change nothing in a field without a full stop, line break or colon;
        a written-out field that is simple has no ellipsis left, so the full rules would cut it
        as the batch path does.
        """
        lex = self.classifier.lexicon
        candidates = [i for i in hard if "." not in folded[i] and "\n" not in folded[i] and ":" not in folded[i]]
        if not candidates:
            return hard
        written = [expand_ellipsis(folded[i], lex) for i in candidates]
        still = set(self._hard_fields(*_column(written)))
        eased = {i for k, i in enumerate(candidates) if k not in still}
        for k, i in enumerate(candidates):
            if i in eased:
                folded[i] = written[k]
        return [i for i in hard if i not in eased]

    def _score_new(self, raws: list[str]) -> list[int] | None:
        """Score new, distinct fields; their field ids in order, or ``None`` when some went
        through the plain path one by one (then look them up)."""
        # (an empty or blank field has nothing recognized: the plain path decides it in _score_flat)
        if not _safe_column(_REC.join(raws), len(raws) - 1) or max(map(len, raws)) > MAX_CHARS:
            fast: list[str] = []
            for raw in raws:
                if len(raw) > MAX_CHARS or _UNSAFE.search(raw):
                    self._store_prediction(raw, self.classifier.predict_one(raw))
                else:
                    fast.append(raw)
            if not fast:
                return None
        else:
            fast = raws
        folded = fold_joined(fast, _REC)
        column, starts = _column(folded)
        hard = self._hard_fields(column, starts)
        # label prefixes ("bevoegdheden:"), dropped as split_segments drops them; a field may need
        # the full rules only without its label ("bevoegdheden: o ondernemers" has an "o" bullet)
        labelled = _fields_of(starts, _find_all(column, ":")) if ":" in column else []
        unlabelled = [LABEL_PREFIX.sub("\n", folded[i]) for i in labelled]
        if labelled:
            hard = sorted({*hard, *map(labelled.__getitem__, self._hard_fields(*_column(unlabelled)))})
        if hard:
            hard = self._ease_ellipsis(folded, hard)  # a field with a colon stays hard
        texts = folded
        if labelled:  # the fields cut with the column without their labels (split_segments has the others)
            texts = list(folded)
            for i, text in zip(labelled, unlabelled):
                texts[i] = text
        if hard:
            keep = [True] * len(fast)
            for i in hard:
                keep[i] = False
            simple_raws, simple = list(compress(fast, keep)), list(compress(texts, keep))
        else:
            simple_raws, simple = fast, texts
        lex = self.classifier.lexicon
        first = len(self._dom)  # the simple fields get the next ids, then the hard ones
        if simple:
            big = _cut_items((_SEG + _REC + _SEG).join(simple))
            if " en " in big or " of " in big:
                big = self._cut_conjunctions(big)
            self._score_flat(simple_raws, big, self._item_id, lambda item: split_item(item, lex))
        if hard:
            pieces = (_SEG.join(split_segments(folded[i], lex)) for i in hard)
            self._score_flat([fast[i] for i in hard], (_SEG + _REC + _SEG).join(pieces), self._piece_id, _one)
        if fast is not raws:
            return None
        if not hard:
            return list(range(first, first + len(raws)))
        ids = np.empty(len(raws), dtype=np.int64)
        ids[keep] = np.arange(first, first + len(simple))
        ids[hard] = np.arange(first + len(simple), first + len(raws))
        return ids.tolist()  # type: ignore[no-any-return]

    # -- public ---------------------------------------------------------------------------
    def score(self, texts: Sequence[object]) -> BatchResult:
        """Results for ``texts`` (strings; ``None``, NaN and numbers are accepted), in order."""
        items = list(texts)  # any iterable, read once
        raws = cast(list[str], items) if set(map(type, items)) == {str} else [coerce_text(t) for t in items]
        if len(self._dom) > self._limit or len(self._piece_mask) > self._limit:
            self._reset()
        get = self._fields.get
        ids: list[int | None] = list(map(get, raws))
        if None in ids:
            all_new = ids.count(None) == len(ids)
            new = list(dict.fromkeys(raws if all_new else compress(raws, map(_is_none, ids))))
            with _gc_paused():
                new_ids = self._score_new(new)
            # every field new and distinct (a fresh column): its ids in order, else looked up
            ids = list(map(get, raws)) if new_ids is None or not all_new or len(new) < len(raws) else new_ids  # type: ignore[assignment]
        return BatchResult(
            list(map(self._dom.__getitem__, ids)),  # type: ignore[arg-type]
            list(map(self._status.__getitem__, ids)),  # type: ignore[arg-type]
            list(map(self._score.__getitem__, ids)),  # type: ignore[arg-type]
            ids,  # type: ignore[arg-type]
            self._resolver(),
        )
