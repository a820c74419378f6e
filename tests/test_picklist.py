"""Every label of the Mandatendatabank pick-list maps to the right domain(s), or is deliberately unrecognized."""

from __future__ import annotations

import csv

import pytest

from gkclassify.evaluate import parse_domains
from tests.conftest import ROOT

ROWS = list(csv.DictReader(open(ROOT / "training_data" / "picklist.csv", encoding="utf-8")))


def test_the_whole_official_list_is_held():
    assert len(ROWS) == 151
    assert sum(1 for r in ROWS if not r["domains"]) == 12  # 8 management roles + 4 labels naming no domain


@pytest.mark.parametrize("row", ROWS, ids=[r["text"] for r in ROWS])
def test_picklist_label(clf, row):
    p = clf.predict_one(row["text"])
    expected = parse_domains(row["domains"])
    assert p.domains == expected, (row["text"], p.domains, p.evidence_text())
    if not expected:
        assert p.unrecognized, "a label naming no domain must come back as unrecognized"
    else:
        assert not p.unrecognized
