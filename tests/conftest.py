from __future__ import annotations

import os
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


# Property tests explore new examples locally; under CI they run a fixed, reproducible set.
from hypothesis import settings as _hyp_settings  # noqa: E402

_hyp_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hyp_settings.load_profile("ci")
