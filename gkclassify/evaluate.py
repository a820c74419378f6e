"""Evaluation on a labelled table: domain P/R/F1 (micro, macro, per domain), exact match,
the GK status confusion matrix and explicit-GK precision and recall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .gk import GK_STATUSES, gk_status
from .prediction import Prediction
from .taxonomy import load_taxonomy

__all__ = ["Evaluation", "evaluate_predictions", "read_labelled", "parse_domains"]


def parse_domains(cell: str, *, where: str = "", row: int = 0, column: str = "domains") -> tuple[str, ...]:
    """``"jeugd;sport"`` => ``("jeugd", "sport")``; unknown IDs raise InputError naming the row."""
    from .errors import InputError

    tax = load_taxonomy()
    out = []
    for part in cell.replace(",", ";").split(";"):
        d = part.strip()
        if not d:
            continue
        if d not in tax:
            raise InputError("E031", path=where, row=row, value=d, column=column, options=", ".join(tax.ids))
        out.append(d)
    return tuple(sorted(set(out), key=tax.index.__getitem__))


def read_labelled(path: str, *, column: str | None = None, labels: str = "domains", sheet: str | None = None) -> tuple[list[str], list[tuple[str, ...]]]:
    """Texts and gold domains from a CSV/XLSX with a text column and a ``domains`` column."""
    from .io import find_column, read_table

    table = read_table(path, sheet=sheet)
    tcol = find_column(table, column)
    lcol = find_column(table, labels, candidates=("domains",))
    ti, li = table.index(tcol), table.index(lcol)
    texts = [r[ti] for r in table.rows]
    gold = [parse_domains(r[li], where=table.path, row=i, column=lcol) for i, r in enumerate(table.rows, start=2)]
    return texts, gold


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Evaluation:
    """Scores of predictions against gold domain sets."""

    n: int
    micro: tuple[float, float, float]
    macro: tuple[float, float, float]
    per_domain: dict[str, dict[str, float]]
    exact_match: float
    gk_confusion: dict[str, dict[str, int]]
    gk_explicit: dict[str, float]
    errors: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "micro": dict(zip(("precision", "recall", "f1"), self.micro)),
            "macro": dict(zip(("precision", "recall", "f1"), self.macro)),
            "exact_match": self.exact_match,
            "per_domain": self.per_domain,
            "gk_confusion": self.gk_confusion,
            "gk_explicit": self.gk_explicit,
        }

    def table(self) -> str:
        """A readable report."""
        lines = [
            f"velden: {self.n}",
            f"micro   P {self.micro[0]:.4f}  R {self.micro[1]:.4f}  F1 {self.micro[2]:.4f}",
            f"macro   P {self.macro[0]:.4f}  R {self.macro[1]:.4f}  F1 {self.macro[2]:.4f}",
            f"exacte match: {self.exact_match:.4f}",
            f"gelijke kansen expliciet: P {self.gk_explicit['precision']:.4f}  R {self.gk_explicit['recall']:.4f}  "
            f"(support {int(self.gk_explicit['support'])})",
            "",
            f"{'domein':<28} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}",
        ]
        for d, m in self.per_domain.items():
            lines.append(f"{d:<28} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {int(m['support']):5d}")
        lines += ["", "GK-status (rij = gold, kolom = voorspeld)", " " * 16 + "".join(f"{s[:10]:>11}" for s in GK_STATUSES)]
        for g in GK_STATUSES:
            lines.append(f"{g:<16}" + "".join(f"{self.gk_confusion[g][p]:>11d}" for p in GK_STATUSES))
        return "\n".join(lines)


def evaluate_predictions(texts: Sequence[str], gold: Sequence[tuple[str, ...]], preds: Sequence[Prediction]) -> Evaluation:
    """Compare predictions with gold domain sets."""
    tax = load_taxonomy()
    tp = dict.fromkeys(tax.ids, 0)
    fp = dict.fromkeys(tax.ids, 0)
    fn = dict.fromkeys(tax.ids, 0)
    exact = 0
    conf: dict[str, dict[str, int]] = {g: dict.fromkeys(GK_STATUSES, 0) for g in GK_STATUSES}
    errors = []
    for text, g, p in zip(texts, gold, preds):
        gs, ps = set(g), set(p.domains)
        for d in gs & ps:
            tp[d] += 1
        for d in ps - gs:
            fp[d] += 1
        for d in gs - ps:
            fn[d] += 1
        exact += gs == ps
        gstat = gk_status(dict.fromkeys(g, 1.0))[0]
        conf[gstat][p.gk_status] += 1
        if gs != ps:
            errors.append({"text": text, "gold": sorted(gs), "predicted": list(p.domains), "missing": sorted(gs - ps), "extra": sorted(ps - gs)})
    per = {}
    for d in tax.ids:
        pr, rc, f1 = _prf(tp[d], fp[d], fn[d])
        per[d] = {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f1, 4), "support": tp[d] + fn[d]}
    micro = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    present = [d for d in tax.ids if tp[d] + fn[d] > 0]
    macro = tuple(sum(per[d][k] for d in present) / max(1, len(present)) for k in ("precision", "recall", "f1"))
    gtp = conf["explicit"]["explicit"]
    gfp = sum(conf[g]["explicit"] for g in GK_STATUSES if g != "explicit")
    gfn = sum(conf["explicit"][p] for p in GK_STATUSES if p != "explicit")
    gp, gr, gf = _prf(gtp, gfp, gfn)
    return Evaluation(
        n=len(texts),
        micro=tuple(round(x, 4) for x in micro),  # type: ignore[arg-type]
        macro=tuple(round(x, 4) for x in macro),  # type: ignore[arg-type]
        per_domain=per,
        exact_match=round(exact / max(1, len(texts)), 4),
        gk_confusion=conf,
        gk_explicit={"precision": round(gp, 4), "recall": round(gr, 4), "f1": round(gf, 4), "support": gtp + gfn},
        errors=errors,
    )
