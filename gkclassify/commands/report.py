"""``gkclassify report``: Gelijke Kansen per government and per province, as an Excel workbook or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import RAW, add_model_option, example, load_classifier

HELP = "rapport Gelijke Kansen per bestuur en per provincie uit een mandatenextract"


def add_extract_options(p: argparse.ArgumentParser) -> None:
    """The column, sheet and delimiter options of a mandates extract (shared with ``compare``)."""
    g = p.add_argument_group("kolommen (standaard: automatisch gezocht)")
    g.add_argument("--government-column", metavar="NAAM", help="kolom met het bestuur (bestuurseenheid, gemeente, bestuur)")
    g.add_argument("--function-column", metavar="NAAM", help="kolom met het mandaat (mandaat, functie)")
    g.add_argument("--column", "-c", metavar="NAAM", help="kolom met de bevoegdheden (beleidsdomein, bevoegdheid, …)")
    g.add_argument("--province-column", metavar="NAAM", help="kolom met de provincie (optioneel; wint van de gemeentelijst)")
    g.add_argument("--name-column", metavar="NAAM", help="kolom met de naam van de mandataris (optioneel)")
    p.add_argument("--sheet", metavar="BLAD", help="blad van een .xlsx-bestand (standaard: het eerste)")
    p.add_argument("--delimiter", metavar="TEKEN", help="scheidingsteken van een CSV-bestand (standaard: automatisch)")
    p.add_argument("-o", "--output", metavar="UITVOER.xlsx", help="Excel-werkmap om te schrijven")
    p.add_argument("--force", "-f", action="store_true", help="vervang een bestaand uitvoerbestand")
    p.add_argument("--json", action="store_true", help="de cijfers als JSON op stdout (de tabel gaat dan naar stderr)")
    add_model_option(p)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help=HELP,
        description=(
            "Leest een mandatenextract (één rij per mandataris: bestuur, mandaat, bevoegdheden) en geeft per "
            "provincie het aantal besturen met Gelijke Kansen in het college (bij een schepen, bij de burgemeester), "
            "verwant, mogelijk verborgen, geen en zonder gegevens. Andere mandaten (gemeenteraadslid, …) worden "
            "genegeerd en geteld. Exitcodes: 0 ok, 2 fout in de invoer of de opties."
        ),
        epilog=example("gkclassify report examples/mandaten_2024.csv -o rapport.xlsx",
                       "gkclassify report examples/mandaten_2024.csv --json > rapport.json"),
        formatter_class=RAW,
    )
    p.add_argument("input", metavar="EXTRACT", help="mandatenextract: CSV, TSV of .xlsx")
    add_extract_options(p)
    p.set_defaults(run=run)


def read(args: argparse.Namespace, path: str) -> Any:
    """The extract at ``path`` with the column options of ``args``."""
    from ..extract import read_extract

    return read_extract(
        path, government_column=args.government_column, function_column=args.function_column,
        text_column=args.column, province_column=args.province_column, name_column=args.name_column,
        sheet=args.sheet, delimiter=args.delimiter,
    )


def check_xlsx_output(args: argparse.Namespace, inputs: list[str], command: str) -> Path | None:
    """The output path, checked before any work: ``.xlsx``, not an input, not existing without ``--force``."""
    from ..errors import InputError
    from ..io.write import check_output

    if not args.output:
        return None
    suffix = Path(args.output).suffix.lower()
    if suffix != ".xlsx":
        raise InputError("E044", path=args.output, command=command, suffix=suffix)
    return check_output(args.output, inputs=inputs, force=args.force)


def emit(args: argparse.Namespace, data: dict[str, Any], table: str, summary: list[str]) -> None:
    """JSON on stdout with the table on stderr, or the table on stdout."""
    import json

    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    out = sys.stderr if args.json else sys.stdout
    print(table, file=out)
    for line in summary:
        print(line, file=out if not line.startswith("gkclassify: waarschuwing") else sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ..io.write import save_workbook
    from ..report import build_workbook, report_table

    out = check_xlsx_output(args, [args.input], "report")
    report = make_report(read(args, args.input), load_classifier(args))
    if out is not None:
        save_workbook(build_workbook(report), out)
    emit(args, report.to_dict(), report_table(report), summary_lines(report, args.output))
    return 0


def make_report(extract: Any, classifier: Any) -> Any:
    """The report of one extract; refuses an extract without college mandates or known governments."""
    from collections import Counter

    from ..errors import InputError
    from ..report import build_report

    if not any(m.role for m in extract.mandates):
        found = Counter(m.function for m in extract.mandates if m.function)
        shown = ", ".join(repr(f) for f, _ in found.most_common(5)) or "(alles leeg)"
        raise InputError("E042", path=extract.path, column=extract.columns.function, found=shown)
    report = build_report(extract, classifier)
    if not report.governments:
        examples = ", ".join(repr(u.name) for u in report.unknown[:3]) or "-"
        raise InputError("E043", path=extract.path, column=extract.columns.government, examples=examples)
    return report


def summary_lines(report: Any, output: str | None) -> list[str]:
    lines = []
    if report.ignored:
        shown = ", ".join(f"{f} {n}" for f, n in list(report.ignored.items())[:5])
        lines.append(f"Andere mandaten genegeerd: {sum(report.ignored.values())} rijen ({shown}{', …' if len(report.ignored) > 5 else ''})")
    for u in report.unknown:
        lines.append(f"gkclassify: waarschuwing: onbekend bestuur {u.name!r} (rij {', '.join(map(str, u.rows[:5]))}); niet meegeteld")
    lines += [f"gkclassify: waarschuwing: {w}" for w in report.warnings]
    if output:
        lines.append(f"=> {output}")
    return lines
