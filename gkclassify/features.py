"""Character and word n-gram features, computed with the standard library and NumPy.

The same code featurizes at training time (building a SciPy CSR matrix for
scikit-learn) and at prediction time (index and value arrays applied to the
weight matrix with NumPy), so training and prediction cannot drift apart.

Features of a text (already normalized):

- ``char_wb`` n-grams, 2 to 5 characters, of each word padded with spaces
  (as scikit-learn's ``analyzer="char_wb"``): they carry Dutch compounds and typos;
- word unigrams, prefixed ``w:``, with their lemma from spaCy's Dutch lookup
  table when it differs (``scholen`` => ``w:school``).

Weights: sublinear tf (``1 + log tf``) times idf, L2-normalized.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

__all__ = ["ngrams", "Featurizer"]

MIN_N = 2
MAX_N = 5


def ngrams(text: str, lemmas: Mapping[str, str] | None = None) -> Counter[str]:
    """Feature counts of one normalized text.

    Examples
    --------
    >>> sorted(ngrams("ab"))
    [' a', ' ab', ' ab ', 'ab', 'ab ', 'b ', 'w:ab']
    """
    grams: list[str] = []
    for word in text.split():
        grams.append("w:" + word)
        if lemmas:
            lemma = lemmas.get(word)
            if lemma and lemma != word:
                grams.append("w:" + lemma)
        w = " " + word + " "
        wl = len(w)
        grams += [w[i : i + n] for n in range(MIN_N, min(MAX_N, wl) + 1) for i in range(wl - n + 1)]
    return Counter(grams)


class Featurizer:
    """Maps texts to sparse tf-idf rows over a fixed vocabulary.

    Character n-grams are found for a whole batch at once: the padded words of all texts
    become one array of code points, every n-gram of 2 to 5 characters becomes one
    integer (12 bits per character, so the code is exact, not a hash), and the codes are
    looked up in the sorted codes of the vocabulary with one ``searchsorted``. N-grams with
    a character beyond U+0FFE are looked up by their string (rare: other scripts, emoji).
    One text or a million, the arithmetic is the same, so a batch gives each text the
    values it would get alone.
    """

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        idf: np.ndarray,
        lemmas: Mapping[str, str] | None = None,
    ) -> None:
        self.vocabulary = dict(vocabulary)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.lemmas = dict(lemmas or {})
        codes, cols = [], []
        for gram, col in self.vocabulary.items():
            code = _code(gram)
            if code is not None:
                codes.append(code)
                cols.append(col)
        order = np.argsort(np.array(codes, dtype=np.uint64), kind="stable")
        self._codes = np.array(codes, dtype=np.uint64)[order]
        self._cols = np.array(cols, dtype=np.int64)[order]
        # a hash table of the vocabulary's codes by slot: the position of the only code in a slot,
        # -1 for an empty slot (the n-gram is not in the vocabulary), -2 for a slot that several
        # codes share (a binary search decides; a few percent of the codes)
        slots = _slot(self._codes)
        self._slot_pos = np.full(1 << _FILTER_BITS, -1, dtype=np.int32)  # 4 MB
        self._slot_pos[slots] = np.arange(len(self._codes))
        shared, counts = np.unique(slots, return_counts=True)
        self._slot_pos[shared[counts > 1]] = -2

    @classmethod
    def fit(
        cls, texts: Iterable[str], *, min_df: int = 2, lemmas: Mapping[str, str] | None = None
    ) -> Featurizer:
        """Vocabulary (features seen in at least ``min_df`` texts, sorted) and smoothed idf."""
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(ngrams(t, lemmas).keys())
        vocab = sorted(f for f, c in df.items() if c >= min_df)
        idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in vocab])
        return cls({f: i for i, f in enumerate(vocab)}, idf, lemmas)

    def _hits(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(text index, column) of every occurrence of a vocabulary feature in ``texts``."""
        get = self.vocabulary.get
        lemmas = self.lemmas
        words: list[str] = []
        word_text: list[int] = []
        hit_text: list[int] = []
        hit_col: list[int] = []
        for t, text in enumerate(texts):
            for word in text.split():
                words.append(word)
                word_text.append(t)
                col = get("w:" + word)
                if col is not None:
                    hit_text.append(t)
                    hit_col.append(col)
                if lemmas:
                    lemma = lemmas.get(word)
                    if lemma and lemma != word:
                        col = get("w:" + lemma)
                        if col is not None:
                            hit_text.append(t)
                            hit_col.append(col)
        texts_out = [np.array(hit_text, dtype=np.int64)]
        cols_out = [np.array(hit_col, dtype=np.int64)]
        if words:
            big = " " + "  ".join(words) + " "  # every word padded with a space on each side
            lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
            pos_end = np.repeat(np.cumsum(lens), lens)  # where the word of each position ends
            pos_text = np.repeat(np.array(word_text, dtype=np.int64), lens)
            u = np.frombuffer(big.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1
            size = len(u)
            starts = np.arange(size)
            exotic = u > _CHAR_MAX
            ex_cum = np.concatenate(([0], np.cumsum(exotic))) if exotic.any() else None
            code = np.zeros(size, dtype=np.uint64)
            for n in range(1, MAX_N + 1):
                code[: max(size - n + 1, 0)] |= u[n - 1 :] << np.uint64(_BITS * (MAX_N - n))
                if n < MIN_N:
                    continue
                ok = starts + n <= pos_end
                if ex_cum is not None:
                    odd = ok & (ex_cum[np.minimum(starts + n, size)] - ex_cum[starts] > 0)
                    ok &= ~odd
                    for i in np.flatnonzero(odd).tolist():
                        col = get(big[i : i + n])
                        if col is not None:
                            texts_out.append(pos_text[i : i + 1])
                            cols_out.append(np.array([col], dtype=np.int64))
                at = np.flatnonzero(ok)
                c = code[at]
                j = self._slot_pos[_slot(c)]
                keep = j != -1
                at, c, j = at[keep], c[keep], j[keep]
                shared = j == -2
                if shared.any():
                    j[shared] = np.minimum(np.searchsorted(self._codes, c[shared]), len(self._codes) - 1)
                found = self._codes[j] == c
                texts_out.append(pos_text[at[found]])
                cols_out.append(self._cols[j[found]])
        return np.concatenate(texts_out), np.concatenate(cols_out)

    def rows(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts (``indptr``, column indices sorted within a row, L2-normalized tf-idf
        values) of ``texts``.

        Examples
        --------
        >>> f = Featurizer.fit(["jeugd en sport", "sport"], min_df=2)
        >>> indptr, ind, val = f.rows(["sport", "cultuur"])
        >>> indptr.tolist(), round(float(val @ val), 6)
        ([0, 19, 19], 1.0)
        """
        n_texts = len(texts)
        text_of, col = self._hits(texts)
        width = max(len(self.vocabulary), 1)
        keys, counts = np.unique(text_of * width + col, return_counts=True)
        text_of, col = np.divmod(keys, width)
        val = (1.0 + np.log(counts)) * self.idf[col]
        norm = np.sqrt(np.bincount(text_of, weights=val * val, minlength=n_texts))
        val /= norm[text_of]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(text_of, minlength=n_texts))))
        return indptr, col, val

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices (sorted) and L2-normalized tf-idf values of one text."""
        _, ind, val = self.rows([text])
        return ind, val

    def transform(self, texts: Iterable[str]):  # -> scipy.sparse.csr_matrix
        """A SciPy CSR matrix (imports SciPy; used for training and evaluation)."""
        from scipy.sparse import csr_matrix

        texts = list(texts)
        indptr, ind, val = self.rows(texts)
        return csr_matrix((val, ind, indptr), shape=(len(texts), len(self.vocabulary)))


_BITS = 12
_FILTER_BITS = 20
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of code * 2^64 / phi


def _slot(codes: np.ndarray) -> np.ndarray:
    """Filter slots of n-gram codes (multiplication wraps around modulo 2^64)."""
    return (codes * _GOLDEN) >> np.uint64(64 - _FILTER_BITS)
_CHAR_MAX = (1 << _BITS) - 1  # code point + 1 must fit in 12 bits and not be 0


def _code(gram: str) -> int | None:
    """The exact integer code of an n-gram of 2 to 5 characters below U+0FFF, else None.

    ``" a"`` => ``(0x21 << 48) | (0x62 << 36)`` (code point + 1, left-aligned)
    """
    if not MIN_N <= len(gram) <= MAX_N:
        return None
    code = 0
    for k, ch in enumerate(gram):
        u = ord(ch) + 1
        if u > _CHAR_MAX:
            return None
        code |= u << (_BITS * (MAX_N - 1 - k))
    return code
