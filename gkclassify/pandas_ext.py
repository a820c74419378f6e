"""pandas helper: add the prediction columns to a DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .output import PREDICTION_COLUMNS, prediction_cells

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
        Put before the added column names (e.g. ``"gk_"``).

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
    for j, name in enumerate(PREDICTION_COLUMNS):
        values = [c[j] for c in cells]
        out[prefix + name] = pd.Series([float(v) for v in values] if name == "gk_score" else values, index=df.index, dtype=float if name == "gk_score" else object)
    return out
