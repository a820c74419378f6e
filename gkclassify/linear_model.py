"""The learned component: a one-vs-rest linear model over n-gram features, applied with NumPy.

Scores are calibrated per domain (Platt scaling fitted on a validation split)
and compared with per-domain thresholds tuned on that split. Prediction needs
only NumPy: scikit-learn and spaCy are used at training time only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .features import Featurizer
from .model_io import load_model_dir
from .taxonomy import load_taxonomy

__all__ = ["LinearModel"]


@dataclass
class LinearModel:
    """Weights, calibration and thresholds of the learned model.

    ``coef`` is (n_features, n_domains); ``platt_a``, ``platt_b`` and
    ``thresholds`` are per domain, in taxonomy order.
    """

    featurizer: Featurizer
    coef: np.ndarray
    intercept: np.ndarray
    platt_a: np.ndarray
    platt_b: np.ndarray
    thresholds: np.ndarray
    meta: dict[str, Any]
    source: str | None = None
    """The directory the model was loaded from, if any (for pickling by reference)."""

    @property
    def domain_ids(self) -> tuple[str, ...]:
        return tuple(self.meta["domains"])

    def _weights(self) -> np.ndarray:
        """``coef`` transposed (domains x features) as float64, converted once per weight array:
        a batch gathers its features' columns, and each domain's row is then summed per text
        along contiguous memory."""
        cached = getattr(self, "_coef64", None)
        if cached is None or cached[0] is not self.coef:
            cached = self._coef64 = (self.coef, np.ascontiguousarray(self.coef.T, dtype=np.float64))
        return cached[1]

    def decision_many(self, texts: Sequence[str]) -> np.ndarray:
        """Raw margins, one row per normalized text: one sparse x dense product.

        Each row is summed over its own features in column order, so a text gets the
        same margins alone as in any batch.
        """
        out = np.tile(self.intercept.astype(np.float64), (len(texts), 1))
        if not texts:
            return out
        indptr, idx, val = self.featurizer.rows(texts)
        if len(idx):
            contrib = self._weights().take(idx, axis=1)  # domains x nonzeros
            contrib *= val
            nonempty = np.flatnonzero(np.diff(indptr) > 0)
            out[nonempty] += np.add.reduceat(contrib, indptr[nonempty], axis=1).T
        return out

    def proba_many(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated per-domain probabilities, one row per normalized text."""
        z = self.platt_a * self.decision_many(texts) + self.platt_b
        return 1.0 / (1.0 + np.exp(-z))

    def proba(self, text: str) -> np.ndarray:
        """Calibrated per-domain probabilities for one normalized text."""
        return self.proba_many([text])[0]

    def arrays(self) -> dict[str, np.ndarray]:
        vocab = sorted(self.featurizer.vocabulary, key=self.featurizer.vocabulary.__getitem__)
        lemma_items = sorted(self.featurizer.lemmas.items())
        return {
            "vocabulary": np.array(vocab, dtype=str),
            "idf": self.featurizer.idf.astype(np.float32),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
            "platt_a": self.platt_a.astype(np.float32),
            "platt_b": self.platt_b.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
            "lemma_from": np.array([k for k, _ in lemma_items], dtype=str),
            "lemma_to": np.array([v for _, v in lemma_items], dtype=str),
        }

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> LinearModel:
        """Load and verify a model directory (see :mod:`gkclassify.model_io`)."""
        from .errors import ModelError

        tax = load_taxonomy()
        meta, arr = load_model_dir(path, taxonomy_sha256=tax.sha256)
        required = {"vocabulary", "idf", "coef", "intercept", "platt_a", "platt_b", "thresholds", "lemma_from", "lemma_to"}
        missing = required - set(arr)
        n_dom = len(tax)
        if missing:
            raise ModelError("E024", path=str(path), problem=f"ontbrekende arrays {sorted(missing)}")
        if arr["coef"].shape != (len(arr["vocabulary"]), n_dom) or tuple(meta.get("domains", ())) != tax.ids:
            raise ModelError("E024", path=str(path), problem="vormen van de arrays passen niet bij de taxonomie")
        vocab = {str(f): i for i, f in enumerate(arr["vocabulary"].tolist())}
        lemmas = dict(zip(arr["lemma_from"].tolist(), arr["lemma_to"].tolist()))
        feat = Featurizer(vocab, arr["idf"].astype(np.float64), lemmas)
        return cls(
            feat,
            arr["coef"],
            arr["intercept"].astype(np.float64),
            arr["platt_a"].astype(np.float64),
            arr["platt_b"].astype(np.float64),
            arr["thresholds"].astype(np.float64),
            meta,
            str(Path(path).resolve()),
        )

    @staticmethod
    def default_path() -> Path:
        """The shipped default model: installed as ``gkclassify/models/default``,
        or ``models/default`` at the root of a source checkout."""
        here = Path(__file__).resolve().parent
        installed = here / "models" / "default"
        return installed if installed.is_dir() else here.parent / "models" / "default"
