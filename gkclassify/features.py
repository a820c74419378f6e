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
from collections.abc import Iterable, Mapping
from itertools import repeat

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
    """Maps texts to sparse tf-idf rows over a fixed vocabulary."""

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        idf: np.ndarray,
        lemmas: Mapping[str, str] | None = None,
    ) -> None:
        self.vocabulary = dict(vocabulary)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.lemmas = dict(lemmas or {})

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

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and L2-normalized tf-idf values of one text."""
        counts = ngrams(text, self.lemmas)
        n = len(counts)
        ind = np.fromiter(map(self.vocabulary.get, counts, repeat(-1, n)), dtype=np.int64, count=n)
        cnt = np.fromiter(counts.values(), dtype=np.float64, count=n)
        known = ind >= 0
        if not known.any():
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        ind, cnt = ind[known], cnt[known]
        val = (1.0 + np.log(cnt)) * self.idf[ind]
        norm = math.sqrt(float(val @ val))
        if norm > 0:
            val /= norm
        return ind, val

    def transform(self, texts: Iterable[str]):  # -> scipy.sparse.csr_matrix
        """A SciPy CSR matrix (imports SciPy; used for training and evaluation)."""
        from scipy.sparse import csr_matrix

        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for t in texts:
            i, v = self.row(t)
            order = np.argsort(i)
            indices.append(i[order])
            data.append(v[order])
            indptr.append(indptr[-1] + len(i))
        ind = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64)
        dat = np.concatenate(data) if data else np.zeros(0)
        return csr_matrix((dat, ind, np.array(indptr)), shape=(len(indptr) - 1, len(self.vocabulary)))
