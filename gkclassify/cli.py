"""Command-line interface: a thin layer over the public functions.

Each command lives in ``gkclassify/commands/<name>.py`` with ``register(subparsers)``
and ``run(args) -> int``; heavy imports happen inside ``run`` so that
``gkclassify --help`` stays fast.

Exit codes: 0 ok, 1 findings (validate), 2 usage or input error, 3 internal error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main", "build_parser", "COMMANDS"]

COMMANDS = ("predict", "validate", "train", "evaluate", "taxonomy", "report", "compare")

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"gkclassify: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog="gkclassify",
        description=(
            "Vrije-tekstbevoegdheden van schepenen en burgemeesters => canonieke beleidsdomeinen "
            "en een Gelijke Kansen-status."
        ),
        epilog="Voorbeeld:\n  gkclassify predict examples/bevoegdheden.csv -o resultaat.xlsx",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gkclassify {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"gkclassify.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_INPUT
    from .errors import GKError

    try:
        return int(args.run(args))
    except GKError as exc:
        print(f"gkclassify: fout: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("gkclassify: onderbroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        print("gkclassify: fout: onvoldoende geheugen", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # noqa: BLE001 - last line of defence: a message, never a traceback
        print(
            f"gkclassify: interne fout: {type(exc).__name__}: {exc}. "
            "Meld dit met het commando en (een stukje van) het bestand.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
