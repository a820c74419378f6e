"""``gkclassify taxonomy``: the 38 domains with label, GK role and scope note."""

from __future__ import annotations

import argparse

from . import RAW, example


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "taxonomy",
        help="toon de 38 beleidsdomeinen",
        description="Toont de canonieke beleidsdomeinen: id, label, rol voor Gelijke Kansen en afbakening.",
        epilog=example("gkclassify taxonomy --json > taxonomie.json"),
        formatter_class=RAW,
    )
    p.add_argument("--json", action="store_true", help="als JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..taxonomy import load_taxonomy

    tax = load_taxonomy()
    if args.json:
        print(json.dumps([{"id": d.id, "label": d.label, "gk_role": d.gk_role or None, "scope_note": d.scope_note} for d in tax.domains], ensure_ascii=False, indent=2))
        return 0
    width = max(len(d.id) for d in tax.domains)
    for d in tax.domains:
        role = f" [{d.gk_role}]" if d.gk_role else ""
        print(f"{d.id:<{width}}  {d.label}{role}\n{'':<{width}}  {d.scope_note}")
    return 0
