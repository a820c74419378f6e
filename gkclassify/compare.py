"""Evolution of Gelijke Kansen in the college between two extracts, per province.

Governments are paired by NIS code. When the new extract is about the
municipalities of 2025 and the old one is not, an old municipality that merged
is paired with the merged municipality (the gazetteer's 2025 column), and the
pair says so in ``via_fusie``. A pair *gained* GK when no old government of it
had GK in the college and the new one has; it *lost* GK the other way round.
Governments present in only one extract are listed apart, never as gained or lost.

The counts ``college_explicit_old`` and ``college_explicit_new`` are those of
each extract's own report (old governments under their old province), so they
equal the numbers of ``gkclassify report`` on each file; gained and lost are
listed under the province of the government as it is now.

Examples
--------
>>> from gkclassify.classifier import Classifier
>>> from gkclassify.extract import Extract, ExtractColumns, Mandate
>>> from gkclassify.report import build_report
>>> cols = ExtractColumns("bestuur", "mandaat", "tekst")
>>> clf = Classifier()
>>> old = build_report(Extract("oud.csv", cols, [
...     Mandate(2, "Gooik", "Schepen", "schepen", "Gelijke kansen"),
...     Mandate(3, "Herne", "Schepen", "schepen", "Sport")]), clf)
>>> new = build_report(Extract("nieuw.csv", cols, [
...     Mandate(2, "Pajottegem", "Schepen", "schepen", "Sport")]), clf)
>>> cmp = compare_reports(old, new)
>>> p = cmp.provinces()[3]
>>> p.province, p.college_explicit_old, p.college_explicit_new, p.net_change, p.lost
('Vlaams-Brabant', 1, 0, -1, ('Pajottegem',))
>>> cmp.changes[0].via_fusie
('Galmaarden', 'Gooik', 'Herne')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .gazetteer import PROVINCES, Gazetteer, load
from .report import STATUS_LABELS, Government, GovernmentStatus, Report, add_sheet, format_counts

__all__ = ["ChangeKind", "Change", "ProvinceChange", "Comparison", "compare_reports", "CHANGE_LABELS"]

ChangeKind = Literal["gained", "lost", "kept", "without", "only_old", "only_new"]
CHANGE_LABELS: dict[str, str] = {
    "gained": "erbij", "lost": "eraf", "kept": "behouden", "without": "beide keren niet",
    "only_old": "enkel in het oude extract", "only_new": "enkel in het nieuwe extract",
}
_STRENGTH: tuple[GovernmentStatus, ...] = ("explicit", "related", "possibly_hidden", "none", "no_data")


def _strongest(govs: Sequence[Government]) -> GovernmentStatus | None:
    return min((g.status for g in govs), key=_STRENGTH.index, default=None)


def _texts(govs: Sequence[Government]) -> list[str]:
    return [f"{g.name} — {m.label()}: {m.text}" for g in govs for m in g.members if m.gk_status is not None]


@dataclass(frozen=True, slots=True)
class Change:
    """One government followed from the old extract to the new one."""

    name: str
    nis_code: str | None
    province: str
    kind: Literal["gemeente", "provincie"]
    old: tuple[Government, ...]
    new: tuple[Government, ...]
    via_fusie: tuple[str, ...] = ()
    note: str = ""

    @property
    def college_explicit_old(self) -> bool:
        return any(g.college_explicit for g in self.old)

    @property
    def college_explicit_new(self) -> bool:
        return any(g.college_explicit for g in self.new)

    @property
    def change(self) -> ChangeKind:
        if not self.old:
            return "only_new"
        if not self.new:
            return "only_old"
        a, b = self.college_explicit_old, self.college_explicit_new
        return "kept" if a and b else "lost" if a else "gained" if b else "without"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "nis_code": self.nis_code, "province": self.province, "kind": self.kind,
            "change": self.change,
            "status_old": _strongest(self.old), "status_new": _strongest(self.new),
            "college_explicit_old": self.college_explicit_old, "college_explicit_new": self.college_explicit_new,
            "via_fusie": list(self.via_fusie) or None, "note": self.note,
            "old_governments": [g.name for g in self.old], "new_governments": [g.name for g in self.new],
            "texts_old": _texts(self.old), "texts_new": _texts(self.new),
        }


@dataclass(frozen=True, slots=True)
class ProvinceChange:
    """Per province (or the total): GK in the college then and now, and who gained or lost it."""

    province: str
    college_explicit_old: int
    college_explicit_new: int
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    only_old: tuple[str, ...] = ()
    only_new: tuple[str, ...] = ()

    @property
    def net_change(self) -> int:
        return self.college_explicit_new - self.college_explicit_old

    def to_dict(self) -> dict[str, Any]:
        return {
            "province": self.province, "college_explicit_old": self.college_explicit_old,
            "college_explicit_new": self.college_explicit_new, "net_change": self.net_change,
            "gained": list(self.gained), "lost": list(self.lost),
            "only_old": list(self.only_old), "only_new": list(self.only_new),
        }


@dataclass
class Comparison:
    """Two reports and the changes between them."""

    old: Report
    new: Report
    changes: list[Change]
    merged: bool = False
    notes: list[str] = field(default_factory=list)

    def _names(self, province: str | None, kind: ChangeKind) -> tuple[str, ...]:
        return tuple(c.name for c in self.changes
                     if c.kind == "gemeente" and c.change == kind and province in (None, c.province))

    def provinces(self) -> list[ProvinceChange]:
        """One row per province, in :data:`~gkclassify.gazetteer.PROVINCES` order."""
        old = {c.province: c.college_explicit for c in self.old.counts()}
        new = {c.province: c.college_explicit for c in self.new.counts()}
        return [
            ProvinceChange(p, old[p], new[p], self._names(p, "gained"), self._names(p, "lost"),
                           self._names(p, "only_old"), self._names(p, "only_new"))
            for p in PROVINCES
        ]

    def total(self) -> ProvinceChange:
        return ProvinceChange(
            "Totaal", self.old.total().college_explicit, self.new.total().college_explicit,
            self._names(None, "gained"), self._names(None, "lost"), self._names(None, "only_old"), self._names(None, "only_new"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: ``provinces``, ``total`` and the per-government ``governments``."""
        total = self.total().to_dict()
        del total["province"]
        return {
            "old": self.old.source, "new": self.new.source, "era_old": self.old.era, "era_new": self.new.era,
            "via_fusie": self.merged,
            "provinces": [p.to_dict() for p in self.provinces()],
            "total": total,
            "governments": [c.to_dict() for c in self.changes],
            "unknown_governments": {"old": [u.name for u in self.old.unknown], "new": [u.name for u in self.new.unknown]},
            "warnings": list(self.notes) + [f"oud: {w}" for w in self.old.warnings]
            + [f"nieuw: {w}" for w in self.new.warnings],
        }


def _key(g: Government) -> str:
    return f"{g.kind}:{g.nis_code or g.province}"


def compare_reports(old: Report, new: Report, *, gazetteer: Gazetteer | None = None) -> Comparison:
    """Pair the governments of two reports, through the 2025 mergers when the new one is of 2025.

    Parameters
    ----------
    old, new : Report
        From :func:`gkclassify.report.build_report` on the older and the newer extract.

    Returns
    -------
    Comparison
    """
    gz = gazetteer or load()
    merged = new.era == "2025" and old.era != "2025"
    new_by_key = {_key(g): g for g in new.governments}
    groups: dict[str, list[Government]] = {}
    for g in old.governments:
        key = _key(g)
        if merged and key not in new_by_key and g.nis_code is not None:
            m = gz.by_nis(g.nis_code, era="2019-2024")
            if m is not None:
                key = f"gemeente:{m.successor_nis}"
        groups.setdefault(key, []).append(g)
    changes = []
    for key in list(new_by_key) + [k for k in groups if k not in new_by_key]:
        olds, now = tuple(groups.get(key, ())), new_by_key.get(key)
        changes.append(_change(key, olds, now, gz, merged))
    changes.sort(key=lambda c: (PROVINCES.index(c.province), c.kind != "gemeente", c.name))
    notes = []
    if old.era == "2025" and new.era == "2019-2024":
        notes.append(
            f"het oude extract ({old.source}) heeft gemeenten van na de fusies van 2025 en het nieuwe "
            f"({new.source}) van ervoor: zijn OUD en NIEUW omgewisseld? Gefuseerde gemeenten staan nu "
            "als 'enkel in het oude/nieuwe extract'"
        )
    return Comparison(old, new, changes, merged, notes)


def _change(key: str, olds: tuple[Government, ...], now: Government | None, gz: Gazetteer, merged: bool) -> Change:
    ref = now or olds[0]
    name, province, nis = ref.name, ref.province, ref.nis_code
    if now is None and merged and ref.nis_code is not None:
        successor = gz.by_nis(key.split(":")[1], era="2025")
        if successor is not None and successor.nis_code != ref.nis_code:
            name, province, nis = successor.name, successor.province, successor.nis_code
    via: tuple[str, ...] = ()
    note = ""
    if merged and ref.kind == "gemeente" and nis is not None:
        unit = gz.by_nis(nis, era="2025")
        if unit is not None and unit.former:
            via = unit.former
            seen = [g.name for g in olds]
            note = f"fusie 2025: {' + '.join(via)} => {unit.name}"
            if seen:
                note += f"; in het oude extract: {', '.join(seen)}"
            moved = sorted({f"{g.name} lag in de provincie {g.province}" for g in olds if g.province != province})
            if moved:
                note += "; " + "; ".join(moved)
    return Change(name, nis, province, ref.kind, olds, (now,) if now else (), via, note)


# ---------------------------------------------------------------- presentation


_COLUMNS = ("Provincie", "GK in het college (oud)", "GK in het college (nieuw)", "Netto verandering", "Erbij", "Eraf")


def _count_rows(cmp: Comparison) -> list[list[object]]:
    return [[p.province, p.college_explicit_old, p.college_explicit_new, p.net_change, len(p.gained), len(p.lost)]
            for p in cmp.provinces() + [cmp.total()]]


def comparison_table(cmp: Comparison) -> str:
    """The evolution per province as a terminal table."""
    return format_counts(_count_rows(cmp), ("Provincie", "GK college oud", "GK college nieuw", "Netto", "Erbij", "Eraf"))


def build_comparison_workbook(cmp: Comparison) -> Any:
    """The evolution as an openpyxl workbook, in Dutch."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    rows = _count_rows(cmp)
    for r, p in zip(rows, cmp.provinces() + [cmp.total()]):
        r += ["; ".join(p.gained), "; ".join(p.lost)]
    ws = add_sheet(wb, "Evolutie", _COLUMNS + ("Besturen erbij", "Besturen eraf"), rows,
                   widths=(18, 14, 14, 12, 8, 8, 50, 50), filter_rows=len(PROVINCES))
    for cell in ws[len(rows) + 1]:
        cell.font = Font(bold=True)
    note = len(rows) + 3
    ws.cell(note, 1, f"Oud: {cmp.old.source}; nieuw: {cmp.new.source}. Erbij/eraf per bestuur zoals het nu is"
                     + (" (gefuseerde gemeenten via de fusie van 2025)." if cmp.merged else "."))
    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = "Besturen met Gelijke Kansen in het college"
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=1, max_row=len(PROVINCES) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(PROVINCES) + 1))
    chart.width, chart.height = 22, 11
    ws.add_chart(chart, f"A{note + 2}")
    columns = ("Provincie", "Bestuur", "NIS-code", "Verandering", "Status oud", "Status nieuw", "Via fusie",
               "Bevoegdheden oud", "Bevoegdheden nieuw")
    widths = (16, 24, 10, 14, 16, 16, 40, 60, 60)

    def row(c: Change) -> list[object]:
        o, n = _strongest(c.old), _strongest(c.new)
        return [c.province, c.name, c.nis_code or "", CHANGE_LABELS[c.change], STATUS_LABELS[o] if o else "",
                STATUS_LABELS[n] if n else "", c.note, "\n".join(_texts(c.old)), "\n".join(_texts(c.new))]

    municipal = [c for c in cmp.changes if c.kind == "gemeente"]
    add_sheet(wb, "Erbij", columns, (row(c) for c in municipal if c.change == "gained"), widths=widths)
    add_sheet(wb, "Eraf", columns, (row(c) for c in municipal if c.change == "lost"), widths=widths)
    add_sheet(wb, "Alle besturen", columns, (row(c) for c in cmp.changes), widths=widths)
    notes: list[list[object]] = [["Oud extract", cmp.old.source], ["Nieuw extract", cmp.new.source], [
        "Netto verandering",
        "GK in het college (nieuw) min GK in het college (oud), elk geteld zoals in het rapport van dat extract "
        "(oude gemeenten in hun oude provincie). Erbij en eraf tellen besturen zoals ze nu zijn: wanneer "
        "meerdere gemeenten met GK fusioneren of een gemeente van provincie wisselt (Zwijndrecht), "
        "verschilt de netto verandering van erbij min eraf.",
    ]]
    notes += [[f"Onbekend bestuur ({side})", u.name] for side, rep in (("oud", cmp.old), ("nieuw", cmp.new)) for u in rep.unknown]
    notes += [["Opmerking", w] for w in cmp.to_dict()["warnings"]]
    add_sheet(wb, "Toelichting", ["Onderwerp", "Details"], notes, widths=(30, 100))
    return wb
