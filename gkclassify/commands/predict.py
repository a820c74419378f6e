"""``gkclassify predict``: add domains, GK status and evidence to every row of a table."""

from __future__ import annotations

import argparse
import sys

from . import RAW, add_input_options, add_model_option, add_output_options, example, load_classifier

HELP = "classificeer de bevoegdheden in een CSV/XLSX-bestand"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "predict",
        help=HELP,
        description=(
            "Voegt aan elke rij de kolommen domains, gk_status, gk_score, unrecognized en evidence toe. "
            "Alle rijen en kolommen van de invoer blijven behouden, in dezelfde volgorde."
        ),
        epilog=example("gkclassify predict examples/bevoegdheden.csv -o resultaat.xlsx",
                       "gkclassify predict export.csv --column Bevoegdheid > resultaat.csv"),
        formatter_class=RAW,
    )
    p.add_argument("input", metavar="INVOER", help="CSV, TSV of .xlsx; - voor stdin")
    add_input_options(p)
    add_output_options(p)
    add_model_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..io import find_column, read_table, write_table
    from ..output import prediction_columns, prediction_cells

    table = read_table(args.input, sheet=args.sheet, delimiter=args.delimiter)
    column = find_column(table, args.column)
    clf = load_classifier(args)
    j = table.index(column)
    preds = clf.predict([r[j] for r in table.rows])
    new_cols = prediction_columns(table.columns)
    rows = [r + prediction_cells(p) for r, p in zip(table.rows, preds)]
    written = write_table(
        args.output, table.columns + new_cols, rows, inputs=[args.input], force=args.force,
        delimiter=table.delimiter if table.delimiter in (",", ";") else ",",
    )
    if not args.quiet:
        for w in list(table.warnings) + list(written or []):
            print(f"gkclassify: waarschuwing: {w}", file=sys.stderr)
        if args.output:
            from collections import Counter

            c = Counter(p.gk_status for p in preds)
            print(
                f"gkclassify: {len(rows)} rijen, kolom {column!r} => {args.output} "
                f"(gelijke kansen: {c['explicit']} expliciet, {c['related']} verwant, "
                f"{c['possibly_hidden']} mogelijk verborgen)",
                file=sys.stderr,
            )
    return 0
