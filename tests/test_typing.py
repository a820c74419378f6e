"""The public API is typed (``py.typed`` ships): mypy finds no error in the package."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_mypy_is_clean():
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "gkclassify", "--ignore-missing-imports", "--no-error-summary"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_py_typed_ships():
    assert (ROOT / "gkclassify" / "py.typed").is_file()
