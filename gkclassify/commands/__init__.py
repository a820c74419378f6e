"""One module per CLI command: ``register(subparsers)`` and ``run(args) -> int``."""

from __future__ import annotations

import argparse

RAW = argparse.RawDescriptionHelpFormatter


def example(*lines: str) -> str:
    """The help epilog: every command's help ends with a real example."""
    return "Voorbeeld:\n" + "\n".join("  " + line for line in lines)


def add_input_options(p: argparse.ArgumentParser, *, column_help: str = "kolom met de bevoegdheden (standaard: automatisch gezocht)") -> None:
    p.add_argument("--column", "-c", metavar="NAAM", help=column_help)
    p.add_argument("--sheet", metavar="BLAD", help="blad van een .xlsx-bestand (standaard: het eerste)")
    p.add_argument("--delimiter", metavar="TEKEN", help="scheidingsteken van een CSV-bestand (standaard: automatisch)")


def add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="UITVOER", help="uitvoerbestand: .csv, .tsv, .xlsx of .jsonl (standaard: CSV op stdout)")
    p.add_argument("--force", "-f", action="store_true", help="vervang een bestaand uitvoerbestand")
    p.add_argument("--quiet", "-q", action="store_true", help="geen voortgang of samenvatting op stderr")


def add_model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", "-m", metavar="MAP", help="modelmap (standaard: het meegeleverde model)")


def load_classifier(args: argparse.Namespace):  # -> Classifier
    import gkclassify

    return gkclassify.load(getattr(args, "model", None))
