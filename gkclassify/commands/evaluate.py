"""``gkclassify evaluate``: scores of a model on a labelled table."""

from __future__ import annotations

import argparse

from . import RAW, add_model_option, example


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="meet de kwaliteit op een gelabeld bestand",
        description=(
            "Micro en macro P/R/F1 over de domeinen, P/R/F1 en support per domein, het aandeel exact juiste velden, "
            "de verwarringsmatrix van de GK-status en precisie en recall van expliciete Gelijke Kansen. "
            "Het bestand heeft een tekstkolom en een kolom domains (IDs gescheiden door ;)."
        ),
        epilog=example("gkclassify evaluate training_data/test_hand.csv --column text --json"),
        formatter_class=RAW,
    )
    p.add_argument("input", metavar="GELABELD", help="CSV of .xlsx met een tekstkolom en een kolom domains")
    p.add_argument("--column", "-c", metavar="NAAM", help="tekstkolom (standaard: automatisch, of 'text')")
    p.add_argument("--labels", default="domains", metavar="NAAM", help="kolom met de juiste domeinen (standaard: domains)")
    p.add_argument("--sheet", metavar="BLAD", help="blad van een .xlsx-bestand")
    p.add_argument("--json", action="store_true", help="als JSON op stdout")
    p.add_argument("--lexicon-only", action="store_true", help="zonder het geleerde model (ter vergelijking)")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="toon de eerste N fout geclassificeerde velden")
    add_model_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..evaluate import evaluate_predictions, read_labelled
    from . import load_classifier

    from ..errors import InputError

    try:
        texts, gold = read_labelled(args.input, column=args.column, labels=args.labels, sheet=args.sheet)
    except InputError as exc:
        # the labels column is looked up like the text column, whose message points to --column
        if exc.code == "E004" and exc.details.get("column") == args.labels and args.labels != args.column:
            raise InputError("E066", path=exc.details["path"], column=args.labels,
                             available=exc.details["available"]) from None
        raise
    clf = load_classifier(args)
    if args.lexicon_only:
        clf = clf.without_model()
    ev = evaluate_predictions(texts, gold, clf.predict(texts))
    if args.json:
        out = ev.to_dict()
        if args.errors:
            out["errors"] = ev.errors[: args.errors]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(ev.table())
        for e in ev.errors[: args.errors]:
            print(f"- {e['text']!r}: ontbreekt {e['missing']}, extra {e['extra']}")
    return 0
