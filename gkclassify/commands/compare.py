"""``gkclassify compare``: evolution of Gelijke Kansen in the college between two extracts."""

from __future__ import annotations

import argparse

from . import RAW, example, load_classifier
from .report import add_extract_options, check_xlsx_output, emit, make_report, read

HELP = "evolutie van Gelijke Kansen in het college tussen twee mandatenextracten"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help=HELP,
        description=(
            "Vergelijkt twee mandatenextracten: per provincie het aantal besturen met Gelijke Kansen in het college "
            "toen en nu, het verschil, en welke besturen het erbij kregen of verloren (met de bevoegdheden van beide "
            "kanten). Een oud extract van 2019-2024 en een nieuw van 2025 worden via de fusies van 2025 vergeleken. "
            "De kolomopties gelden voor beide bestanden. Geef eerst het oude extract, dan het nieuwe; het voorbeeld "
            "hieronder vergelijkt de voorbeeldextracten van 2024 en 2025. "
            "Exitcodes: 0 ok, 2 fout in de invoer of de opties."
        ),
        epilog=example("gkclassify compare examples/mandaten_2024.csv examples/mandaten_2025.csv -o evolutie.xlsx",
                       "gkclassify compare examples/mandaten_2024.csv examples/mandaten_2025.csv --json > evolutie.json"),
        formatter_class=RAW,
    )
    p.add_argument("old", metavar="OUD", help="het oudere mandatenextract (CSV, TSV of .xlsx)")
    p.add_argument("new", metavar="NIEUW", help="het nieuwere mandatenextract")
    add_extract_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..compare import build_comparison_workbook, compare_reports, comparison_table
    from ..io.write import save_workbook

    out = check_xlsx_output(args, [args.old, args.new], "compare")
    extracts = [read(args, path) for path in (args.old, args.new)]
    clf = load_classifier(args)
    reports = [make_report(ex, clf) for ex in extracts]
    cmp = compare_reports(reports[0], reports[1])
    if out is not None:
        save_workbook(build_comparison_workbook(cmp), out)
    lines = []
    for p in cmp.provinces():
        if p.gained or p.lost:
            lines.append(f"{p.province}: erbij {', '.join(p.gained) or '-'}; eraf {', '.join(p.lost) or '-'}")
    if cmp.merged:
        lines.append("Gefuseerde gemeenten (2025) zijn via de fusie vergeleken.")
    lines += [f"gkclassify: waarschuwing: {w}" for w in cmp.to_dict()["warnings"]]
    for side, rep in (("oud", reports[0]), ("nieuw", reports[1])):
        lines += [f"gkclassify: waarschuwing: {side}: onbekend bestuur {u.name!r}; niet meegeteld" for u in rep.unknown]
    if args.output:
        lines.append(f"=> {args.output}")
    emit(args, cmp.to_dict(), comparison_table(cmp), lines)
    return 0
