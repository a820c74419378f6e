"""``gkclassify predict``: add domains, GK status and evidence to every row of a table."""

from __future__ import annotations

import argparse
import sys

from . import RAW, add_input_options, add_model_option, add_output_options, example

HELP = "classificeer de bevoegdheden in een CSV/XLSX-bestand"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "predict",
        help=HELP,
        description=(
            "Voegt aan elke rij de kolommen domains, gk_status, gk_score, unrecognized en evidence toe. "
            "Alle rijen en kolommen van de invoer blijven behouden, in dezelfde volgorde. "
            "Grote CSV-bestanden worden in stukken verwerkt (constant geheugen), met een voortgangsbalk "
            "op stderr als dat een terminal is."
        ),
        epilog=example("gkclassify predict examples/bevoegdheden.csv -o resultaat.xlsx",
                       "gkclassify predict examples/bevoegdheden.csv --column bevoegdheid > resultaat.csv"),
        formatter_class=RAW,
    )
    p.add_argument("input", metavar="INVOER", help="CSV, TSV of .xlsx; - voor stdin")
    add_input_options(p)
    add_output_options(p)
    add_model_option(p)
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="aantal processen voor grote bestanden (standaard: 1)")
    p.add_argument("--chunk-size", type=int, default=50_000, metavar="RIJEN", help="rijen per stuk bij grote bestanden (standaard: 50000)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError

    if args.jobs < 1 or args.chunk_size < 1:
        raise InputError("E012", path=args.input, row="-", column="--jobs/--chunk-size", problem="moet een positief geheel getal zijn",
                         value=min(args.jobs, args.chunk_size), accepted="Geef 1 of meer.")
    from ..stream import can_stream, progress_bar, stream_predict

    summary = None
    if can_stream(args.input, args.output):
        summary = stream_predict(
            args.input, args.output, column=args.column, delimiter=args.delimiter, model=args.model,
            force=args.force, chunk_rows=args.chunk_size, jobs=args.jobs,
            progress=None if args.quiet else progress_bar("gkclassify predict"),
        )
    if summary is None:
        summary = _in_memory(args)
    if not args.quiet:
        for w in summary["warnings"]:
            print(f"gkclassify: waarschuwing: {w}", file=sys.stderr)
        if args.output:
            print(f"gkclassify: {summary['rows']} rijen, kolom {summary['column']!r} => {args.output}", file=sys.stderr)
    return 0


def _in_memory(args: argparse.Namespace) -> dict:
    from ..batch import BatchScorer
    from ..io import find_column, read_table, write_table
    from ..output import prediction_columns
    from . import load_classifier

    table = read_table(args.input, sheet=args.sheet, delimiter=args.delimiter)
    column = find_column(table, args.column)
    j = table.index(column)
    result = BatchScorer(load_classifier(args)).score([r[j] for r in table.rows])
    rows = [r + result.cells(i) for i, r in enumerate(table.rows)]
    written = write_table(
        args.output, table.columns + prediction_columns(table.columns), rows, inputs=[args.input], force=args.force,
        delimiter=table.delimiter if table.delimiter in (",", ";") else ",",
    )
    return {"rows": len(rows), "column": column, "output": args.output, "warnings": list(table.warnings) + list(written or [])}
