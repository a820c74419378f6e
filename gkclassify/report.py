"""Gelijke Kansen per government and per province, from a mandates extract.

A government's college is its schepenen (incl. toegevoegde schepen and the
voorzitter BCSD) and its burgemeester; a province's college is its gedeputeerden.
Every government gets one status (they partition the governments):

- ``explicit``: a college member's competences name Gelijke Kansen (recorded:
  a schepen, the burgemeester, or both);
- ``related`` / ``possibly_hidden`` / ``none``: the strongest status of any member;
- ``no_data``: no college member has any competence text (a government in the
  extract with only other mandates, e.g. gemeenteraadsleden, counts here too).

Other mandates are ignored and counted (``Report.ignored``). A government name
the gazetteer does not know is reported (``Report.unknown``), never guessed or
counted. A province column, when present, wins over the gazetteer; a
disagreement is recorded in ``Report.warnings``.

Examples
--------
>>> from gkclassify.classifier import Classifier
>>> from gkclassify.extract import Extract, ExtractColumns, Mandate
>>> ex = Extract("x.csv", ExtractColumns("bestuur", "mandaat", "tekst"), [
...     Mandate(2, "Stad Gent", "Schepen", "schepen", "Gelijke kansen, jeugd", name="An"),
...     Mandate(3, "Gent", "Burgemeester", "burgemeester", "Veiligheid"),
...     Mandate(4, "Aalter", "Schepen", "schepen", "")])
>>> rep = build_report(ex, Classifier())
>>> [(g.name, g.status, g.schepen_explicit) for g in rep.governments]
[('Aalter', 'no_data', False), ('Gent', 'explicit', True)]
>>> rep.total().college_explicit, rep.total().no_data
(1, 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .extract import Extract, Mandate, Role
from .gazetteer import PROVINCES, Era, Gazetteer, Municipality, load, match_province, province_government
from .gk import GKStatus
from .normalize import normalize

if TYPE_CHECKING:
    from .classifier import Classifier

__all__ = [
    "GovernmentStatus", "Member", "Government", "UnknownGovernment", "ProvinceCounts", "Report",
    "build_report", "detect_era", "build_workbook", "add_sheet", "format_counts", "STATUS_LABELS", "COUNT_COLUMNS",
]

GovernmentStatus = Literal["explicit", "related", "possibly_hidden", "none", "no_data"]
_ORDER: tuple[GovernmentStatus, ...] = ("explicit", "related", "possibly_hidden", "none")
STATUS_LABELS: dict[str, str] = {
    "explicit": "GK in het college", "related": "verwant", "possibly_hidden": "mogelijk verborgen",
    "none": "geen", "no_data": "geen gegevens",
}
COUNT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("governments", "Besturen"), ("schepen_explicit", "Met schepen voor GK"),
    ("burgemeester_explicit", "Met burgemeester voor GK"), ("college_explicit", "Met GK in het college"),
    ("related", "Verwant"), ("possibly_hidden", "Mogelijk verborgen"), ("none", "Geen"), ("no_data", "Geen gegevens"),
)
_EXTRA_LABELS = ("Niet in het extract", "Deputatie")
_SHORT_LABELS = ("Besturen", "Schepen GK", "Burgemeester GK", "GK college", "Verwant", "Mog. verborgen", "Geen", "Geen gegevens")
_COLLEGE: dict[str, tuple[Role, ...]] = {"gemeente": ("schepen", "burgemeester"), "provincie": ("gedeputeerde",)}
_PLACEHOLDERS = {"nvt", "n v t", "niet van toepassing", "onbekend", "nb", "n b", "geen gegevens"}


@dataclass(frozen=True, slots=True)
class Member:
    """A college member: the row, the original text and its GK status (``None``: no text)."""

    name: str
    function: str
    role: Role
    text: str
    row: int
    gk_status: GKStatus | None
    evidence: str = ""

    def label(self) -> str:
        """``"An Peeters (Schepen)"``, or the function with the row when there is no name."""
        return f"{self.name} ({self.function})" if self.name else f"{self.function} (rij {self.row})"


@dataclass(frozen=True, slots=True)
class Government:
    """One government (municipality or province) with its college and status."""

    name: str
    nis_code: str | None
    province: str
    kind: Literal["gemeente", "provincie"]
    status: GovernmentStatus
    schepen_explicit: bool
    burgemeester_explicit: bool
    members: tuple[Member, ...] = ()
    names_in_extract: tuple[str, ...] = ()
    province_gazetteer: str | None = None
    fusion_2025: str | None = None

    @property
    def college_explicit(self) -> bool:
        return self.status == "explicit"

    def deciding(self) -> tuple[Member, ...]:
        """The members whose status is the government's."""
        return tuple(m for m in self.members if m.gk_status == self.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "nis_code": self.nis_code, "province": self.province, "kind": self.kind,
            "status": self.status, "college_explicit": self.college_explicit,
            "schepen_explicit": self.schepen_explicit, "burgemeester_explicit": self.burgemeester_explicit,
            "evidence": [f"{m.label()}: {m.evidence}" for m in self.deciding() if m.evidence],
            "texts": [m.text for m in self.members if m.gk_status is not None],
            "members": [
                {"name": m.name, "function": m.function, "role": m.role, "row": m.row, "text": m.text,
                 "gk_status": m.gk_status, "evidence": m.evidence}
                for m in self.members
            ],
            "names_in_extract": list(self.names_in_extract),
            "province_gazetteer": self.province_gazetteer,
            "fusion_2025": self.fusion_2025,
        }


@dataclass(frozen=True, slots=True)
class UnknownGovernment:
    """A government name with college rows that the gazetteer does not know: reported, not guessed."""

    name: str
    rows: tuple[int, ...]
    province: str = ""


@dataclass(frozen=True, slots=True)
class ProvinceCounts:
    """The numbers of one province (municipalities only) or of the total."""

    province: str
    governments: int = 0
    college_explicit: int = 0
    schepen_explicit: int = 0
    burgemeester_explicit: int = 0
    related: int = 0
    possibly_hidden: int = 0
    none: int = 0
    no_data: int = 0
    not_in_extract: int = 0
    province_college: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _count(province: str, govs: Sequence[Government], **extra: Any) -> ProvinceCounts:
    c = Counter(g.status for g in govs)
    return ProvinceCounts(
        province, len(govs), c["explicit"], sum(g.schepen_explicit for g in govs),
        sum(g.burgemeester_explicit for g in govs), c["related"], c["possibly_hidden"], c["none"], c["no_data"], **extra,
    )


@dataclass
class Report:
    """The per-government statuses of one extract, with what was ignored or unknown."""

    source: str
    governments: list[Government]
    era: Era | None = None
    unknown: list[UnknownGovernment] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    model: str = ""
    missing: dict[str, int] = field(default_factory=dict)

    @property
    def municipalities(self) -> list[Government]:
        return [g for g in self.governments if g.kind == "gemeente"]

    def counts(self) -> list[ProvinceCounts]:
        """One row per province, in :data:`PROVINCES` order (municipalities only)."""
        colleges = {g.province: g.status for g in self.governments if g.kind == "provincie"}
        return [
            _count(p, [g for g in self.municipalities if g.province == p],
                   not_in_extract=self.missing.get(p, 0), province_college=colleges.get(p))
            for p in PROVINCES
        ]

    def total(self) -> ProvinceCounts:
        return _count("Totaal", self.municipalities, not_in_extract=sum(self.missing.values()))

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: ``provinces``, ``total``, ``governments`` and what was left out."""
        total = self.total().to_dict()
        del total["province"], total["province_college"]
        return {
            "source": self.source,
            "era": self.era,
            "model": self.model,
            "provinces": [c.to_dict() for c in self.counts()],
            "total": total,
            "governments": [g.to_dict() for g in self.governments],
            "unknown_governments": [{"name": u.name, "rows": list(u.rows), "province": u.province} for u in self.unknown],
            "ignored_mandates": dict(self.ignored),
            "warnings": list(self.warnings),
        }


def detect_era(names: Iterable[str], gazetteer: Gazetteer | None = None) -> tuple[Era | None, bool]:
    """The era an extract's government names belong to, and whether they mix both.

    ``"2025"`` when a name exists only from 2025 on (Pajottegem) and none only before;
    ``"2019-2024"`` the other way round; ``None`` when no name tells.

    Examples
    --------
    >>> detect_era(["Gent", "Pajottegem"]), detect_era(["Gooik", "Gent"]), detect_era(["Gent"])
    (('2025', False), ('2019-2024', False), (None, False))
    """
    g = gazetteer or load()
    old = new = False
    for n in set(names):
        eras = g.eras(n)
        old |= eras == {"2019-2024"}
        new |= eras == {"2025"}
    if old and new:
        return None, True
    return ("2025" if new else "2019-2024" if old else None), False


@dataclass
class _Acc:
    name: str
    nis: str | None
    kind: Literal["gemeente", "provincie"]
    province: str
    fusion_2025: str | None = None
    spellings: dict[str, None] = field(default_factory=dict)
    provinces: Counter[str] = field(default_factory=Counter)
    members: list[Mandate] = field(default_factory=list)


def _resolve(raw: str, gazetteer: Gazetteer, era: Era | None) -> tuple[str, _Acc] | None:
    province = province_government(raw, gazetteer)
    if province is not None:
        return f"provincie:{province}", _Acc(f"Provincie {province}", None, "provincie", province)
    m: Municipality | None = gazetteer.match_name(raw, era=era)
    if m is None:
        return None
    return f"gemeente:{m.nis_code}:{m.name}", _Acc(m.name, m.nis_code, "gemeente", m.province, m.fusion_2025)


def _has_text(text: str, pred: Any) -> bool:
    return not pred.is_empty and normalize(text).replace(".", " ").strip() not in _PLACEHOLDERS


def build_report(
    extract: Extract,
    classifier: Classifier,
    *,
    gazetteer: Gazetteer | None = None,
    era: Era | None = None,
) -> Report:
    """Classify every college member's competences and aggregate per government.

    Parameters
    ----------
    extract : Extract
        From :func:`gkclassify.extract.read_extract`.
    classifier : Classifier
        ``gkclassify.load()`` or any other.
    gazetteer : Gazetteer, optional
        Defaults to the built-in one.
    era : {"2019-2024", "2025"}, optional
        Which municipalities the extract is about; found from the names when not given.

    Returns
    -------
    Report
    """
    g = gazetteer or load()
    warnings = list(extract.warnings)
    if era is None:
        era, mixed = detect_era((m.government for m in extract.mandates if m.government), g)
        if mixed:
            warnings.append("het bestand mengt gemeenten van voor en na de fusies van 1 januari 2025")
    accs: dict[str, _Acc] = {}
    resolved: dict[str, tuple[str, _Acc] | None] = {}
    unknown: dict[str, tuple[list[int], Counter[str]]] = {}
    ignored: Counter[str] = Counter()
    bad_provinces: set[str] = set()
    nameless: list[int] = []
    for m in extract.mandates:
        if not m.government:
            if m.role is not None:
                nameless.append(m.row)
            else:
                ignored[m.function or "(leeg)"] += 1
            continue
        if m.government not in resolved:
            resolved[m.government] = _resolve(m.government, g, era)
        hit = resolved[m.government]
        if hit is None:
            if m.role is None:
                ignored[m.function or "(leeg)"] += 1
            else:
                rows, provs = unknown.setdefault(m.government, ([], Counter()))
                rows.append(m.row)
                if m.province:
                    provs[m.province] += 1
            continue
        key, fresh = hit
        acc = accs.setdefault(key, fresh)
        acc.spellings[m.government] = None
        if m.province and acc.kind == "gemeente":
            p = match_province(m.province)
            if p is not None:
                acc.provinces[p] += 1
            elif m.province not in bad_provinces:
                bad_provinces.add(m.province)
                warnings.append(f"rij {m.row}: onbekende provincie {m.province!r} (verwacht: {', '.join(PROVINCES)}); de gemeentelijst wordt gebruikt")
        if m.role in _COLLEGE[acc.kind]:
            acc.members.append(m)
        else:
            ignored[m.function or "(leeg)"] += 1
    if nameless:
        shown = ", ".join(map(str, nameless[:10])) + (" …" if len(nameless) > 10 else "")
        warnings.append(f"{len(nameless)} collegemandaat/-mandaten zonder bestuur (lege cel in kolom "
                        f"{extract.columns.government!r}, rij {shown}); overgeslagen")
    texts = [m.text for acc in accs.values() for m in acc.members]
    preds = iter(classifier.predict(texts))
    governments = []
    for acc in accs.values():
        members = []
        for m in acc.members:
            pred = next(preds)
            has = _has_text(m.text, pred)
            assert m.role is not None
            members.append(Member(m.name, m.function, m.role, m.text, m.row, pred.gk_status if has else None,
                                  pred.evidence_text() if has else ""))
        governments.append(_government(acc, tuple(members), warnings))
    governments.sort(key=lambda x: (PROVINCES.index(x.province), x.kind != "gemeente", x.name, x.nis_code or ""))
    present = {x.nis_code for x in governments}
    missing = Counter(m.province for m in g.in_era(era or "2019-2024") if m.nis_code not in present)
    model = getattr(classifier, "info", {}).get("model", "")
    return Report(
        extract.path, governments, era,
        [UnknownGovernment(n, tuple(r), p.most_common(1)[0][0] if p else "") for n, (r, p) in unknown.items()],
        dict(sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0]))), warnings, model, dict(missing),
    )


def _government(acc: _Acc, members: tuple[Member, ...], warnings: list[str]) -> Government:
    statuses = {m.gk_status for m in members}
    status: GovernmentStatus = next((s for s in _ORDER if s in statuses), "no_data")
    province, gazetteer_province = acc.province, None
    if acc.provinces:
        chosen = acc.provinces.most_common(1)[0][0]
        if chosen != acc.province:
            gazetteer_province = acc.province
            warnings.append(
                f"{acc.name}: provincie in het bestand ({chosen}) wijkt af van de gemeentelijst ({acc.province}); "
                f"de provincie uit het bestand wordt gebruikt"
            )
            province = chosen
    return Government(
        acc.name, acc.nis, province, acc.kind, status,
        any(m.role == "schepen" and m.gk_status == "explicit" for m in members),
        any(m.role == "burgemeester" and m.gk_status == "explicit" for m in members),
        members, tuple(acc.spellings), gazetteer_province, acc.fusion_2025,
    )


# ---------------------------------------------------------------- presentation


def format_counts(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    """A plain fixed-width table for the terminal.

    Examples
    --------
    >>> print(format_counts([["Limburg", 3]], ["Provincie", "Besturen"]))
    Provincie  Besturen
    Limburg           3
    """
    cells = [[str(h) for h in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[j]) for r in cells) for j in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))).rstrip()
        for r in cells
    )


def report_table(report: Report) -> str:
    """The overview per province as a terminal table."""
    rows = [[c.province] + [getattr(c, k) for k, _ in COUNT_COLUMNS] for c in report.counts() + [report.total()]]
    return format_counts(rows, ["Provincie"] + list(_SHORT_LABELS))


def add_sheet(
    wb: Any, title: str, columns: Sequence[str], rows: Iterable[Sequence[object]], *, widths: Sequence[int] = (),
    filter_rows: int | None = None,
) -> Any:
    """A formatted sheet: bold filled header, frozen header row, autofilter, column widths.

    Text cells are escaped against formulas; numbers stay numbers. ``filter_rows``
    limits the autofilter to the first rows (to keep a total row out of sorting).
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .io.write import _xlsx_cell

    ws = wb.create_sheet(title[:31])
    ws.append(list(columns))
    n = 0
    for r in rows:
        ws.append([_xlsx_cell(v) if isinstance(v, str) else v for v in r])
        n += 1
    fill = PatternFill("solid", fgColor="1F4E78")
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    last = get_column_letter(max(1, len(columns)))
    ws.auto_filter.ref = f"A1:{last}{(n if filter_rows is None else min(n, filter_rows)) + 1}"
    for j, c in enumerate(columns, start=1):
        letter = get_column_letter(j)
        if j <= len(widths):
            width = widths[j - 1]
        else:
            sample = [len(str(c))] + [len(str(v.value or "").split("\n")[0]) for v in ws[letter][1:201]]
            width = min(60, max(8, max(sample) + 2))
        ws.column_dimensions[letter].width = width
    return ws


def _yes(flag: bool) -> str:
    return "ja" if flag else "nee"


def _member_rows(govs: Iterable[Government], keep: Callable[[Government, Member], bool]) -> list[list[object]]:
    return [
        [g.province, g.name, g.nis_code or "", m.name, m.function, m.text, m.evidence, m.row]
        for g in govs for m in g.members if keep(g, m)
    ]


_MEMBER_COLUMNS = ("Provincie", "Bestuur", "NIS-code", "Mandataris", "Functie", "Bevoegdheden (origineel)", "Bewijs", "Rij")
_MEMBER_WIDTHS = (16, 24, 10, 24, 24, 60, 50, 6)


def build_workbook(report: Report) -> Any:
    """The report as an openpyxl workbook, in Dutch (save with :func:`gkclassify.io.write.save_workbook`)."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    counts = report.counts() + [report.total()]
    ws = add_sheet(wb, "Overzicht", ["Provincie"] + [label for _, label in COUNT_COLUMNS] + list(_EXTRA_LABELS),
                   ([c.province] + [getattr(c, k) for k, _ in COUNT_COLUMNS]
                    + [c.not_in_extract, STATUS_LABELS[c.province_college] if c.province_college else ""] for c in counts),
                   widths=[18] + [14] * len(COUNT_COLUMNS) + [14, 18], filter_rows=len(PROVINCES))
    for cell in ws[len(counts) + 1]:
        cell.font = Font(bold=True)
    note = len(counts) + 3
    ws.cell(note, 1, "Met GK in het college = met een schepen of de burgemeester voor Gelijke Kansen (beide telt één keer). "
                     "GK in het college, verwant, mogelijk verborgen, geen en geen gegevens delen de besturen op.")
    ws.cell(note + 1, 1, "Niet in het extract = gemeenten van de periode die in het bestand niet voorkomen; ze zijn in "
                         "geen andere kolom geteld. Deputatie = de status van het provinciebestuur (gedeputeerden), "
                         "leeg als het niet in het bestand staat.")
    ws.cell(note + 2, 1, f"Bron: {report.source}; model: {report.model or '-'}")
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Besturen per provincie naar Gelijke Kansen-status"
    chart.y_axis.title = "Besturen"
    first = 1 + [k for k, _ in COUNT_COLUMNS].index("college_explicit") + 1
    chart.add_data(Reference(ws, min_col=first, max_col=first + 4, min_row=1, max_row=len(PROVINCES) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(PROVINCES) + 1))
    chart.width, chart.height = 22, 11
    ws.add_chart(chart, f"A{note + 4}")

    munis = report.municipalities
    add_sheet(wb, "Schepen voor GK", _MEMBER_COLUMNS,
              _member_rows(munis, lambda g, m: m.role == "schepen" and m.gk_status == "explicit"), widths=_MEMBER_WIDTHS)
    add_sheet(wb, "Burgemeester voor GK", _MEMBER_COLUMNS,
              _member_rows(munis, lambda g, m: m.role == "burgemeester" and m.gk_status == "explicit"), widths=_MEMBER_WIDTHS)
    add_sheet(wb, "Mogelijk verborgen", _MEMBER_COLUMNS,
              _member_rows(munis, lambda g, m: g.status == "possibly_hidden" and m.gk_status == "possibly_hidden"),
              widths=_MEMBER_WIDTHS)
    add_sheet(wb, "Geen gegevens", ["Provincie", "Bestuur", "NIS-code", "Collegeleden in het bestand"],
              ([g.province, g.name, g.nis_code or "", "; ".join(m.label() for m in g.members) or "geen"]
               for g in munis if g.status == "no_data"), widths=(16, 24, 10, 80))
    add_sheet(wb, "Alle besturen",
              ["Provincie", "Bestuur", "NIS-code", "Soort", "Status", "Schepen voor GK", "Burgemeester voor GK",
               "Collegeleden", "Bevoegdheden"],
              ([g.province, g.name, g.nis_code or "", g.kind, STATUS_LABELS[g.status], _yes(g.schepen_explicit),
                _yes(g.burgemeester_explicit), len(g.members),
                "\n".join(f"{m.label()}: {m.text}" for m in g.members if m.gk_status is not None)]
               for g in report.governments), widths=(16, 24, 10, 10, 18, 10, 10, 10, 80))
    add_sheet(wb, "Toelichting", ["Onderwerp", "Details"], _notes(report), widths=(30, 100))
    return wb


_DEFINITIONS = {
    "explicit": "een schepen (ook toegevoegde schepen of voorzitter BCSD) of de burgemeester is bevoegd voor Gelijke Kansen",
    "related": "geen expliciete Gelijke Kansen, wel diversiteit of toegankelijkheid in het college",
    "possibly_hidden": "enkel sociale zaken, armoedebestrijding of integratie: Gelijke Kansen zit er mogelijk in verborgen",
    "none": "het college heeft bevoegdheden, maar niets hiervan",
    "no_data": "geen enkel collegelid heeft een ingevulde bevoegdheid",
}


def _notes(report: Report) -> list[list[object]]:
    rows: list[list[object]] = [
        ["Bronbestand", report.source],
        ["Model", report.model or "-"],
        ["Periode van de gemeenten", report.era or "niet af te leiden (2019-2024 verondersteld)"],
    ]
    rows += [[f"Status: {STATUS_LABELS[k]}", text] for k, text in _DEFINITIONS.items()]
    rows += [["Onbekend bestuur (niet meegeteld)", f"{u.name!r} (rij {', '.join(map(str, u.rows[:10]))})"] for u in report.unknown]
    rows += [["Andere mandaten (genegeerd)", f"{f}: {n}"] for f, n in report.ignored.items()]
    rows += [["Opmerking", w] for w in report.warnings]
    return rows
