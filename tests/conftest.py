from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def clf():
    import gkclassify

    return gkclassify.load()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
