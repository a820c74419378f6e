"""``gkclassify validate``: check a municipality's own competence entries, row by row and per government.

Exit codes: 0 no findings at warning or error level, 1 findings, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from . import RAW, add_input_options, add_model_option, example, load_classifier

HELP = "controleer de eigen invoer: schrijffouten, lege bevoegdheden, varianten, gelijke kansen per bestuur"

_LEVEL_NL = {"error": "fout", "warning": "waarschuwing", "info": "info", "ok": "zonder opmerkingen"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help=HELP,
        description=(
            "Controleert elke rij: delen die alleen via een schrijffout herkend worden (met de juiste spelling), "
            "niet herkende delen (met de dichtste canonieke labels), schepenen of burgemeesters zonder bevoegdheden, "
            "dezelfde tekst in verschillende spellingen, en velden die iets anders bevatten (een naam, een functie, "
            "een datum, een webadres, alleen leestekens). Met een kolom bestuur ook per bestuur: wie gelijke kansen "
            "heeft (expliciet, verwant, mogelijk verborgen of niet) en welke domeinen niemand heeft.\n\n"
            "Met -o komt er een kopie van de invoer met de kolommen level, findings en suggestions bij; alle rijen "
            "en kolommen blijven behouden. Exitcode: 0 geen fouten of waarschuwingen, 1 wel, 2 fout in de invoer."
        ),
        epilog=example(
            "gkclassify validate examples/validate_voorbeeld.csv -o gecontroleerd.xlsx",
            "gkclassify validate examples/bevoegdheden.csv --column bevoegdheid --json > bevindingen.json",
        ),
        formatter_class=RAW,
    )
    p.add_argument("input", metavar="INVOER", help="CSV, TSV of .xlsx; - voor stdin")
    add_input_options(p)
    p.add_argument("--function-column", metavar="NAAM", help="kolom met de functie (standaard: functie/mandaat, automatisch)")
    p.add_argument("--government-column", metavar="NAAM", help="kolom met het bestuur (standaard: bestuurseenheid/gemeente/bestuur, automatisch)")
    p.add_argument("--name-column", metavar="NAAM", help="kolom met de naam (standaard: naam, automatisch)")
    p.add_argument("-o", "--output", metavar="UITVOER", help="kopie met bevindingen: .csv, .tsv, .xlsx of .jsonl (- voor CSV op stdout)")
    p.add_argument("--force", "-f", action="store_true", help="vervang een bestaand uitvoerbestand")
    p.add_argument("--json", action="store_true", help='alles als JSON op stdout: {"summary", "rows", "governments"}')
    p.add_argument("--max-findings", type=int, default=20, metavar="N", help="toon de eerste N bevindingen op het scherm (standaard: 20)")
    p.add_argument("--quiet", "-q", action="store_true", help="geen samenvatting op het scherm")
    add_model_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..errors import InputError
    from ..io import find_column, read_table, write_table
    from ..io.write import check_output
    from ..validate import validate_table

    to_stdout = args.output is not None and str(args.output) == "-"
    if to_stdout and args.json:
        raise InputError("E065")
    if args.output and not to_stdout:
        check_output(args.output, inputs=[args.input], force=args.force)
    table = read_table(args.input, sheet=args.sheet, delimiter=args.delimiter)
    column = find_column(table, args.column)
    clf = load_classifier(args)
    report = validate_table(
        table, column, classifier=clf, function_column=args.function_column,
        government_column=args.government_column, name_column=args.name_column,
    )
    out_warnings: list[str] = []
    if args.output:
        columns = table.columns + report.annotation_columns(table.columns)
        rows = [r + cells for r, cells in zip(table.rows, report.annotation_cells())]
        extra = [_governments_sheet(report)] if report.governments else []
        out_warnings = write_table(
            args.output, columns, rows, inputs=[args.input], force=args.force,
            delimiter=table.delimiter if table.delimiter in (",", ";") else ",", extra_sheets=extra,
        )
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    screen = sys.stderr if (args.json or to_stdout) else sys.stdout
    for w in [*table.warnings, *out_warnings]:
        print(f"gkclassify: waarschuwing: {w}", file=sys.stderr)
    if not args.quiet and not args.json:
        print(render(report, max_findings=args.max_findings, output=None if to_stdout else args.output), file=screen)
    return report.exit_code


def _governments_sheet(report: Any) -> tuple[str, list[str], list[list[str]]]:
    from ..taxonomy import load_taxonomy

    tax = load_taxonomy()
    columns = ["bestuur", "level", "leden", "college", "met_bevoegdheden", "gk_status", "gk_rijen",
               "ontbrekende_domeinen", "findings", "suggestions"]
    rows = []
    for g in report.governments:
        rows.append([
            g.name, g.level, str(g.members), str(g.executive_members), str(g.with_competence), g.gk_status,
            ", ".join(map(str, g.gk_rows)), ", ".join(tax.label(d) for d in g.missing_domains),
            " | ".join(f"{f.level}: {f.message}" for f in g.findings),
            " | ".join(f.suggestion for f in g.findings if f.suggestion),
        ])
    return "besturen", columns, rows


def _rows(n: int) -> str:
    return f"{n} rij" if n == 1 else f"{n} rijen"


def render(report: Any, *, max_findings: int = 20, output: str | None = None) -> str:
    """The terminal summary: counts per level, the governments, the first findings."""
    s = report.summary()
    cols = [f"kolom {report.column!r}"]
    if report.function_column:
        cols.append(f"functie {report.function_column!r}")
    if report.government_column:
        cols.append(f"bestuur {report.government_column!r}")
    lines = [f"gkclassify validate: {report.path}: {_rows(s['rows'])}; {', '.join(cols)}"]
    lines.append("Rijen per niveau:")
    for lv in ("error", "warning", "info", "ok"):
        lines.append(f"  {lv:<8} {s['rows_by_level'][lv]:>6}  ({_LEVEL_NL[lv]})")
    if any(s["findings"].values()):
        lines.append("Bevindingen: " + ", ".join(f"{s['findings'][lv]} {lv}" for lv in ("error", "warning", "info")))
    for f in report.file_findings:
        lines.append(f"  bestand [{f.level}] {f.message}")
    if report.governments:
        lines.append(f"Besturen ({len(report.governments)}):")
        for g in report.governments:
            gk = {"explicit": "expliciet", "related": "alleen verwant", "possibly_hidden": "mogelijk verborgen",
                  "none": "bij niemand"}[g.gk_status]
            extra = "; niemand heeft bevoegdheden" if any(f.code == "government_no_competences" for f in g.findings) else ""
            lines.append(
                f"  {g.name} [{g.level or 'ok'}]: {_rows(g.members)}, gelijke kansen {gk}"
                f"{' (rij ' + ', '.join(map(str, g.gk_rows[:5])) + ')' if g.gk_rows else ''}; "
                f"{len(g.missing_domains)} van de 38 domeinen door niemand{extra}"
            )
    items = [(r, f) for r in report.rows for f in r.findings]
    rank = {"error": 0, "warning": 1, "info": 2}
    items.sort(key=lambda rf: (rank[rf[1].level], rf[0].index))
    if items and max_findings > 0:
        lines.append("Eerste bevindingen:")
        for r, f in items[:max_findings]:
            who = ", ".join(x.strip() for x in (r.name, r.function) if x and x.strip())
            lines.append(f"  rij {r.row}{' (' + who + ')' if who else ''} [{f.level}] {f.code}: {f.message}")
            if f.suggestion:
                lines.append(f"      => {f.suggestion}")
        if len(items) > max_findings:
            rest = len(items) - max_findings
            where = f"zie {output}" if output else "gebruik -o UITVOER.xlsx of --json"
            lines.append(f"  … nog {rest} bevinding(en): {where}")
    if output:
        lines.append(f"Uitvoer: {output}")
    return "\n".join(lines)
