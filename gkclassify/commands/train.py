"""``gkclassify train``: rebuild the model from ``training_data/``."""

from __future__ import annotations

import argparse

from . import RAW, example


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="train het model opnieuw uit training_data/",
        description=(
            "Traint het geleerde model (n-grammen + logistische regressie per domein), kalibreert het en "
            "stemt de drempels per domein af op de validatiesplitsing; rapporteert de scores op de testsplitsing. "
            "Met dezelfde gegevens is weights.npz byte voor byte gelijk aan het meegeleverde model "
            "(zet SOURCE_DATE_EPOCH om ook model.json gelijk te krijgen)."
        ),
        epilog=example("gkclassify train --data training_data -o models/default --force"),
        formatter_class=RAW,
    )
    p.add_argument("--data", default="training_data", metavar="MAP", help="map met de trainingsgegevens (standaard: training_data)")
    p.add_argument("-o", "--output", default="model-out", metavar="MAP", help="uitvoermap voor het model (standaard: model-out)")
    p.add_argument("--force", "-f", action="store_true", help="vervang een bestaande modelmap")
    p.add_argument("--quiet", "-q", action="store_true", help="geen voortgang")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..errors import InputError
    from ..train import train

    data = Path(args.data)
    if not data.is_dir():
        raise InputError("E001", path=str(data))
    out = Path(args.output)
    if out.exists() and not args.force:
        raise InputError("E009", path=str(out))
    train(data, out, quiet=args.quiet)
    return 0
