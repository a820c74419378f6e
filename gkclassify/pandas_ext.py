"""pandas helper: add the prediction columns to a DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .output import PREDICTION_COLUMNS, prediction_cells, prediction_columns

if TYPE_CHECKING:
    from .classifier import Classifier

__all__ = ["add_predictions"]


def add_predictions(df: Any, column: str, *, classifier: Classifier | None = None, prefix: str = "") -> Any:
    """A copy of ``df`` with ``domains``, ``gk_status``, ``gk_score``, ``unrecognized`` and ``evidence`` added.

    Parameters
    ----------
    df : pandas.DataFrame
    column : str
        The column with the competence text.
    classifier : Classifier, optional
        Defaults to :func:`gkclassify.load`.
    prefix : str
        Put before the added column names (e.g. ``"gk_"``). A name the frame already has
        gets the suffix ``_gk``, so no input column is overwritten.

    Examples
    --------
    >>> import pandas as pd
    >>> out = add_predictions(pd.DataFrame({"t": ["Jeugd, sport", None]}), "t")
    >>> out["domains"].tolist(), out["gk_score"].tolist()
    (['sport;jeugd', ''], [0.0, 0.0])
    """
    import pandas as pd

    if column not in df.columns:
        raise KeyError(f"kolom {column!r} bestaat niet; beschikbaar: {list(df.columns)}")
    if classifier is None:
        import gkclassify

        classifier = gkclassify.load()
    preds = classifier.predict(df[column].tolist())
    cells = [prediction_cells(p) for p in preds]
    out = df.copy()
    names = prediction_columns([str(c) for c in df.columns], prefix=prefix)
    for j, (base, name) in enumerate(zip(PREDICTION_COLUMNS, names)):
        if base == "gk_score":
            out[name] = pd.Series([p.gk_score for p in preds], index=df.index, dtype=float)
        else:
            out[name] = pd.Series([c[j] for c in cells], index=df.index, dtype=object)
    return out
