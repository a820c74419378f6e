"""Scoring a table too large for one machine with Dask.

The classifier pickles by reference (a few hundred bytes: the model directory),
and each worker loads it once and keeps a :class:`~gkclassify.batch.BatchScorer`
with its caches, so partitions that repeat texts are cheap.

Examples
--------
>>> import dask.dataframe as dd, pandas as pd
>>> ddf = dd.from_pandas(pd.DataFrame({"t": ["Jeugd", "Gelijke kansen", None, "Sport"]}), npartitions=2)
>>> add_predictions_dask(ddf, "t").compute()["gk_status"].tolist()
['none', 'explicit', 'none', 'none']
"""

from __future__ import annotations

from typing import Any

from .output import PREDICTION_COLUMNS

__all__ = ["score_partition", "add_predictions_dask"]

_SCORERS: dict[int, Any] = {}


def score_partition(df: Any, column: str, classifier: Any) -> Any:
    """One pandas partition with the prediction columns added (``map_partitions`` target)."""
    import pandas as pd

    from .batch import BatchScorer

    key = id(classifier)
    scorer = _SCORERS.get(key)
    if scorer is None or scorer.classifier is not classifier:
        scorer = _SCORERS[key] = BatchScorer(classifier)
    result = scorer.score(df[column].tolist())
    out = df.copy()
    out["domains"] = pd.Series(result.domains, index=df.index, dtype=object)
    out["gk_status"] = pd.Series(result.gk_status, index=df.index, dtype=object)
    out["gk_score"] = pd.Series(result.gk_score, index=df.index, dtype="float64")
    out["unrecognized"] = pd.Series(result.unrecognized, index=df.index, dtype=object)
    out["evidence"] = pd.Series(result.evidence, index=df.index, dtype=object)
    return out


def add_predictions_dask(ddf: Any, column: str, *, classifier: Any = None) -> Any:
    """A Dask DataFrame with ``domains``, ``gk_status``, ``gk_score``, ``unrecognized`` and ``evidence`` added."""
    import pandas as pd

    if classifier is None:
        import gkclassify

        classifier = gkclassify.load()
    meta = ddf._meta.copy()
    for name in PREDICTION_COLUMNS:
        meta[name] = pd.Series([], dtype="float64" if name == "gk_score" else object)
    return ddf.map_partitions(score_partition, column, classifier, meta=meta)
