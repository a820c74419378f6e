"""How a prediction becomes output cells (a contract: these column names)."""

from __future__ import annotations

from collections.abc import Sequence

from .prediction import Prediction

__all__ = ["PREDICTION_COLUMNS", "prediction_columns", "prediction_cells"]

PREDICTION_COLUMNS = ("domains", "gk_status", "gk_score", "unrecognized", "evidence")


def prediction_columns(existing: Sequence[str] = (), *, prefix: str = "") -> list[str]:
    """The added column names; one that the input already has gets the suffix ``_gk``.

    Examples
    --------
    >>> prediction_columns(["gemeente", "domains"])
    ['domains_gk', 'gk_status', 'gk_score', 'unrecognized', 'evidence']
    """
    taken = set(existing)
    return [prefix + c if prefix + c not in taken else f"{prefix}{c}_gk" for c in PREDICTION_COLUMNS]


def prediction_cells(p: Prediction) -> list[str]:
    """Cells in :data:`PREDICTION_COLUMNS` order: IDs and parts joined with ``;``.

    Examples
    --------
    >>> import gkclassify
    >>> prediction_cells(gkclassify.load().predict_one("Jeugd; Gelijke kansen"))[:3]
    ['jeugd;gelijke_kansen', 'explicit', '1.0000']
    """
    return [
        ";".join(p.domains),
        p.gk_status,
        f"{p.gk_score:.4f}",
        ";".join(p.unrecognized),
        p.evidence_text(),
    ]
