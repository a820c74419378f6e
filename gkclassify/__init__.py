"""gkclassify: free-text competences of Flemish mandatarissen => canonical policy domains
and a Gelijke Kansen status.

Examples
--------
>>> import gkclassify
>>> clf = gkclassify.load()
>>> [p.gk_status for p in clf.predict(["Welzijn (incl. toegankelijkheid)", "Gelijke Kanssen", None])]
['related', 'explicit', 'none']
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["load", "Classifier", "Prediction", "add_predictions", "DOMAIN_IDS", "GK_STATUSES", "__version__"]

if TYPE_CHECKING:
    from .classifier import Classifier
    from .prediction import Prediction

_LOADED: dict[str, Any] = {}


def load(path: str | os.PathLike[str] | None = None) -> Classifier:
    """The shipped default classifier, or the one whose model directory is at ``path``.

    The default classifier is loaded once per process and shared.
    """
    from .classifier import Classifier

    if path is None:
        if "default" not in _LOADED:
            _LOADED["default"] = Classifier.from_path(None)
        return _LOADED["default"]  # type: ignore[no-any-return]
    return Classifier.from_path(path)


def add_predictions(df: Any, column: str, *, classifier: Classifier | None = None, prefix: str = "") -> Any:
    """Return a copy of a pandas DataFrame with the prediction columns added.

    See :func:`gkclassify.pandas_ext.add_predictions`.
    """
    from .pandas_ext import add_predictions as _add

    return _add(df, column, classifier=classifier, prefix=prefix)


def __getattr__(name: str) -> Any:
    if name == "Classifier":
        from .classifier import Classifier

        return Classifier
    if name == "Prediction":
        from .prediction import Prediction

        return Prediction
    if name == "DOMAIN_IDS":
        from .taxonomy import DOMAIN_IDS

        return DOMAIN_IDS
    if name == "GK_STATUSES":
        from .gk import GK_STATUSES

        return GK_STATUSES
    raise AttributeError(f"module 'gkclassify' has no attribute {name!r}")
