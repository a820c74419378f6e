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

_SCORER: list[Any] = []  # one per worker process: the last classifier's BatchScorer


def score_partition(df: Any, column: str, classifier: Any) -> Any:
    """One pandas partition with the prediction columns added (``map_partitions`` target)."""
    import pandas as pd

    from .batch import BatchScorer

    from .output import prediction_columns

    if not _SCORER or _SCORER[0].classifier is not classifier:
        _SCORER[:] = [BatchScorer(classifier)]
    result = _SCORER[0].score(df[column].tolist())
    names = prediction_columns(list(df.columns))
    values = (result.domains, result.gk_status, result.gk_score, result.unrecognized, result.evidence)
    out = df.copy()
    for name, vals in zip(names, values):
        out[name] = pd.Series(vals, index=df.index, dtype="float64" if vals is result.gk_score else object)
    return out


def add_predictions_dask(ddf: Any, column: str, *, classifier: Any = None) -> Any:
    """A Dask DataFrame with ``domains``, ``gk_status``, ``gk_score``, ``unrecognized`` and ``evidence`` added."""
    import pandas as pd

    if classifier is None:
        import gkclassify

        classifier = gkclassify.load()
    from .output import prediction_columns

    meta = ddf._meta.copy()
    for base, name in zip(PREDICTION_COLUMNS, prediction_columns(list(meta.columns))):
        meta[name] = pd.Series([], dtype="float64" if base == "gk_score" else object)
    return ddf.map_partitions(score_partition, column, classifier, meta=meta)
