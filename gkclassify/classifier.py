"""The classifier: read => normalize => segment => match => flag, per field.

``Classifier.predict`` never mutates the model; it memoizes segment and field
results (real columns repeat), which changes speed, never output.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .gk import gk_status
from .lexicon import Lexicon, load_lexicon
from .linear_model import LinearModel
from .matcher import SegmentMatcher, SegmentResult
from .normalize import fold, normalize, tokenize
from .prediction import EMPTY_PREDICTION, Prediction
from .segment import split_segments
from .strategies import Match, Strategy
from .strategies.fuzzy import FuzzyStrategy
from .strategies.model import ModelStrategy
from .taxonomy import load_taxonomy

__all__ = ["Classifier", "coerce_text", "MAX_CHARS"]

MAX_CHARS = 20_000
"""Fields longer than this are classified on their first ``MAX_CHARS`` characters."""

_CACHE_LIMIT = 500_000


def coerce_text(value: object) -> str:
    """Any cell value as text: ``None``/NaN/NA => ``""``, numbers => their text, bytes decoded.

    Examples
    --------
    >>> coerce_text(None), coerce_text(float("nan")), coerce_text(12), coerce_text(b"Jeugd")
    ('', '', '12', 'Jeugd')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    try:
        if value != value:  # pandas.NA, numpy nan, NaT
            return ""
    except (TypeError, ValueError):
        return ""
    return str(value)


def _unpickle(source: str | None, with_model: bool, fuzzy: bool) -> Classifier:
    if not with_model:
        return Classifier(model=None, fuzzy=fuzzy)
    if fuzzy and source is not None and Path(source).resolve() == LinearModel.default_path().resolve():
        import gkclassify

        return gkclassify.load()  # one shared instance per worker process
    return Classifier(model=LinearModel.load(source) if source else None, fuzzy=fuzzy)


class Classifier:
    """Turns free-text competence fields into domains and a Gelijke Kansen status.

    Parameters
    ----------
    model : LinearModel or None
        The learned model for wording the lexicon does not list; ``None`` gives
        the lexicon and fuzzy matcher alone.
    lexicon : Lexicon, optional
        Defaults to the shipped lexicon.
    fuzzy : bool
        Use typo-tolerant matching (default ``True``).

    Examples
    --------
    >>> import gkclassify
    >>> clf = gkclassify.load()
    >>> p = clf.predict(["Financiën, sociale zaken en gelijke kansen"])[0]
    >>> p.domains, p.gk_status
    (('financien', 'sociale_zaken', 'gelijke_kansen'), 'explicit')
    """

    def __init__(self, *, model: LinearModel | None = None, lexicon: Lexicon | None = None, fuzzy: bool = True) -> None:
        self.taxonomy = load_taxonomy()
        self.lexicon = lexicon or load_lexicon()
        self.model = model
        self.fuzzy = fuzzy
        fallbacks: list[Strategy] = []
        if fuzzy:
            fallbacks.append(FuzzyStrategy(self.lexicon))
        if model is not None:
            fallbacks.append(ModelStrategy(model))
        contextual = frozenset(model.meta.get("contextual_aliases", ())) if model is not None else frozenset()
        self.matcher = SegmentMatcher(self.lexicon, tuple(fallbacks), self.taxonomy.index, contextual=contextual)
        self._segments: dict[str, SegmentResult] = {}
        self._fields: dict[str, Prediction] = {}

    @classmethod
    def from_path(cls, path: str | os.PathLike[str] | None = None, **kwargs: Any) -> Classifier:
        """A classifier with the model at ``path`` (default: the shipped model)."""
        model_path = Path(path) if path is not None else LinearModel.default_path()
        return cls(model=LinearModel.load(model_path), **kwargs)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle by reference: a worker reloads the model from its directory.

        The pickle is a few hundred bytes, whatever the caches hold, so that a
        classifier ships cheaply to Dask or multiprocessing workers.
        """
        if self.model is not None and self.model.source is None:
            raise TypeError("a classifier whose model was not loaded from a directory cannot be pickled; save the model first")
        if self.lexicon is not load_lexicon():
            raise TypeError("a classifier with its own lexicon cannot be pickled by reference")
        source = self.model.source if self.model is not None else None
        return (_unpickle, (source, self.model is not None, self.fuzzy))

    def without_model(self) -> Classifier:
        """The same lexicon and fuzzy matcher, without the learned model."""
        return Classifier(model=None, lexicon=self.lexicon, fuzzy=self.fuzzy)

    @property
    def info(self) -> dict[str, Any]:
        meta = dict(self.model.meta) if self.model else {}
        return {"model": meta.get("name", "lexicon-only"), "lexicon_sha256": self.lexicon.sha256, "meta": meta}

    def segment(self, text: object) -> list[str]:
        """The list items of one field, folded (see :func:`gkclassify.segment.split_segments`)."""
        return split_segments(fold(coerce_text(text)[:MAX_CHARS]), self.lexicon)

    def match_segment(self, segment: str) -> SegmentResult:
        hit = self._segments.get(segment)
        if hit is None:
            hit = self.match_segments([segment])[0]
        return hit

    def match_segments(self, segments: Sequence[str]) -> list[SegmentResult]:
        """Results of many segments (cached), the ones not seen before matched in one batch."""
        cache = self._segments
        new = [s for s in dict.fromkeys(segments) if s not in cache]
        if not new:
            return [cache[s] for s in segments]
        found = dict(zip(new, self.matcher.match_many(new)))
        out = [cache.get(s) or found[s] for s in segments]
        if len(cache) + len(found) > _CACHE_LIMIT:
            cache.clear()
        cache.update(found)
        return out

    def predict_one(self, text: object) -> Prediction:
        """Prediction for one field; empty input gives an empty prediction."""
        raw = coerce_text(text)
        hit = self._fields.get(raw)
        if hit is not None:
            return hit
        pred = self._predict_uncached(raw)
        if len(self._fields) >= _CACHE_LIMIT:
            self._fields.clear()
        self._fields[raw] = pred
        return pred

    def predict(self, texts: Iterable[object]) -> list[Prediction]:
        """One prediction per input, in order.

        Parameters
        ----------
        texts : iterable of str (``None``, NaN and numbers are accepted)

        Returns
        -------
        list of Prediction
        """
        if isinstance(texts, str | bytes):
            raise TypeError("predict() takes a sequence of texts; for one text use predict_one()")
        return [self.predict_one(t) for t in texts]

    def _predict_uncached(self, raw: str) -> Prediction:
        if not raw or raw.isspace():
            return EMPTY_PREDICTION
        segments = self.segment(raw)
        best: dict[str, float] = {}
        evidence: list[Match] = []
        unrecognized: list[str] = []
        for seg in segments:
            res = self.match_segment(seg)
            for d, s in res.scores:
                if s > best.get(d, -1.0):
                    best[d] = s
            evidence.extend(res.evidence)
            for u in res.unrecognized:
                if u not in unrecognized:
                    unrecognized.append(u)
        if not best and not unrecognized:
            rest = normalize(raw[:MAX_CHARS])
            if tokenize(rest):
                unrecognized.append(rest)
            else:
                return EMPTY_PREDICTION
        order = self.taxonomy.index
        domains = tuple(sorted(best, key=order.__getitem__))
        status, score, deciding = gk_status(best)
        gk_words = tuple(dict.fromkeys(e.text for e in evidence if set(e.domains) & set(deciding)))
        return Prediction(
            domains=domains,
            scores=MappingProxyType({d: best[d] for d in domains}),
            gk_status=status,
            gk_score=score,
            unrecognized=tuple(unrecognized),
            evidence=tuple(evidence),
            gk_evidence=gk_words,
        )
