from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_report import OLD_ROWS, run_cli, write_csv

from gkclassify.classifier import Classifier
from gkclassify.compare import build_comparison_workbook, compare_reports
from gkclassify.extract import read_extract
from gkclassify.report import build_report

# The same governments after the elections and the mergers of 2025.
NEW_ROWS = [
    ["Antwerpen", "Schepen", "An", "Peeters", "Gelijke kansen", ""],  # kept (via Antwerpen + Borsbeek)
    ["Mortsel", "Schepen", "Gert", "Goris", "Gelijke kansen", ""],  # gained
    ["Hasselt", "Schepen", "Ilse", "Indekeu", "Gelijke kansen", ""],  # gained (via Hasselt + Kortessem)
    ["Sint-Truiden", "Burgemeester", "Jan", "Janssens", "Sport", ""],  # lost
    ["Genk", "Schepen", "Lies", "Lenaerts", "Gelijke kansen", ""],  # gained (was no data)
    ["Beveren-Kruibeke-Zwijndrecht", "Schepen", "Ula", "Uyttendaele", "Welzijn", ""],  # lost (Beveren had GK)
    ["Gent", "Schepen", "Rik", "Roels", "Gelijke kansen", ""],  # gained
    ["Sint-Niklaas", "Schepen", "Olga", "Op de Beeck", "Welzijn", ""],  # without
    ["Aalter", "Schepen", "Tom", "Thys", "Gelijke kansen", ""],  # kept
    ["Lokeren", "Schepen", "Hans", "Hermans", "Sport", "Oost-Vlaanderen"],  # without (via Lokeren + Moerbeke)
    ["Pajottegem", "Schepen", "Yves", "Yperman", "Sport", ""],  # lost (Gooik had GK)
    ["Leuven", "Schepen", "Wim", "Wouters", "Gelijke kansen", ""],  # gained
    ["Brugge", "Burgemeester", "Bram", "Bral", "Gelijke kansen", ""],  # kept
    ["Tielt", "Schepen", "Eva", "Eeckhout", "Gelijke kansen", ""],  # gained (via Meulebeke + Tielt)
    ["Knokke-Heist", "Schepen", "Greet", "Goossens", "Sport", ""],  # without
    ["Oostende", "Schepen", "Ines", "Ide", "Gelijke kansen", ""],  # only in the new extract
    ["Oostende", "Gemeenteraadslid", "Jo", "Jacobs", "Gelijke kansen", ""],
]

EXPECTED = {
    "Antwerpen": dict(college_explicit_old=2, college_explicit_new=2, net_change=0, gained=["Mortsel"], lost=[]),
    "Limburg": dict(college_explicit_old=1, college_explicit_new=2, net_change=1, gained=["Genk", "Hasselt"], lost=["Sint-Truiden"]),
    "Oost-Vlaanderen": dict(college_explicit_old=2, college_explicit_new=2, net_change=0, gained=["Gent"], lost=["Beveren-Kruibeke-Zwijndrecht"]),
    "Vlaams-Brabant": dict(college_explicit_old=1, college_explicit_new=1, net_change=0, gained=["Leuven"], lost=["Pajottegem"]),
    "West-Vlaanderen": dict(college_explicit_old=1, college_explicit_new=3, net_change=2, gained=["Tielt"], lost=[]),
}
EXPECTED_TOTAL = dict(
    college_explicit_old=7, college_explicit_new=10, net_change=3,
    gained=["Mortsel", "Genk", "Hasselt", "Gent", "Leuven", "Tielt"],
    lost=["Sint-Truiden", "Beveren-Kruibeke-Zwijndrecht", "Pajottegem"],
)
KEYS = ["college_explicit_old", "college_explicit_new", "net_change", "gained", "lost"]


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_csv(tmp_path / "mandaten_2023.csv", OLD_ROWS), write_csv(tmp_path / "mandaten_2025.csv", NEW_ROWS)


@pytest.fixture()
def comparison(files):
    clf = Classifier()
    old, new = (build_report(read_extract(p), clf) for p in files)
    return compare_reports(old, new)


def test_counts_gained_and_lost(comparison):
    assert comparison.merged and comparison.old.era == "2019-2024" and comparison.new.era == "2025"
    d = comparison.to_dict()
    for p in d["provinces"]:
        assert {k: p[k] for k in KEYS} == EXPECTED[p["province"]], p["province"]
    assert [p["province"] for p in d["provinces"]] == list(EXPECTED)
    assert {k: d["total"][k] for k in KEYS} == EXPECTED_TOTAL
    only = {p["province"]: (p["only_old"], p["only_new"]) for p in d["provinces"]}
    assert only["West-Vlaanderen"] == (["Kortrijk"], ["Oostende"])
    assert only["Vlaams-Brabant"] == (["Sint-Pieters-Leeuw"], [])
    # the counts are those of each extract's own report
    assert d["total"]["college_explicit_old"] == comparison.old.total().college_explicit
    assert d["total"]["college_explicit_new"] == comparison.new.total().college_explicit


def test_mergers_are_compared_through_the_merger(comparison):
    govs = {g["name"]: g for g in comparison.to_dict()["governments"]}
    bkz = govs["Beveren-Kruibeke-Zwijndrecht"]
    assert bkz["change"] == "lost" and bkz["province"] == "Oost-Vlaanderen" and bkz["nis_code"] == "46030"
    assert bkz["via_fusie"] == ["Beveren", "Kruibeke", "Zwijndrecht"]
    assert sorted(bkz["old_governments"]) == ["Beveren", "Kruibeke", "Zwijndrecht"]
    assert "Zwijndrecht lag in de provincie Antwerpen" in bkz["note"] and "fusie 2025" in bkz["note"]
    assert any("Financiën en gelijke kansen" in t for t in bkz["texts_old"]) and any("Welzijn" in t for t in bkz["texts_new"])
    paj = govs["Pajottegem"]
    assert paj["change"] == "lost" and paj["via_fusie"] == ["Galmaarden", "Gooik", "Herne"]
    assert sorted(paj["old_governments"]) == ["Gooik", "Herne"] and paj["status_old"] == "explicit" and paj["status_new"] == "none"
    assert govs["Antwerpen"]["change"] == "kept" and govs["Antwerpen"]["via_fusie"] == ["Antwerpen", "Borsbeek"]
    assert govs["Tielt"]["change"] == "gained" and govs["Tielt"]["nis_code"] == "37022"
    assert sorted(govs["Tielt"]["old_governments"]) == ["Meulebeke", "Tielt"]
    assert govs["Hasselt"]["via_fusie"] == ["Hasselt", "Kortessem"] and govs["Hasselt"]["old_governments"] == ["Hasselt"]
    assert govs["Lokeren"]["change"] == "without" and govs["Lokeren"]["province"] == "Oost-Vlaanderen"
    assert govs["Gent"]["via_fusie"] is None and govs["Gent"]["note"] == ""
    assert govs["Genk"]["status_old"] == "no_data" and govs["Genk"]["change"] == "gained"
    assert govs["Oostende"]["change"] == "only_new" and govs["Kortrijk"]["change"] == "only_old"


def test_same_era_compares_directly(files, tmp_path: Path):
    clf = Classifier()
    old = build_report(read_extract(files[0]), clf)
    same = compare_reports(old, old)
    assert not same.merged
    d = same.to_dict()
    assert d["total"]["net_change"] == 0 and d["total"]["gained"] == [] and d["total"]["lost"] == []
    assert all(g["via_fusie"] is None for g in d["governments"])
    # Borsbeek stays Borsbeek when both extracts are of 2019-2024
    later = [r[:] for r in OLD_ROWS]
    later[3][4] = "Sport"  # Borsbeek's burgemeester no longer has GK
    new = build_report(read_extract(write_csv(tmp_path / "later.csv", later)), clf)
    d = compare_reports(old, new).to_dict()
    assert d["total"]["lost"] == ["Borsbeek"] and d["total"]["net_change"] == -1


def test_workbook_numbers_equal_json(comparison, tmp_path: Path):
    from openpyxl import load_workbook

    from gkclassify.io.write import save_workbook

    out = tmp_path / "evolutie.xlsx"
    save_workbook(build_comparison_workbook(comparison), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Evolutie", "Erbij", "Eraf", "Alle besturen", "Toelichting"]
    ws = wb["Evolutie"]
    assert ws.freeze_panes == "A2" and len(ws._charts) == 1
    assert ws.auto_filter.ref == "A1:H6"  # the provinces; sorting must not move the total row
    notes = {r[0]: r[1] for r in wb["Toelichting"].iter_rows(min_row=2, values_only=True)}
    assert "erbij min eraf" in notes["Netto verandering"]
    d = comparison.to_dict()
    rows = [list(r) for r in ws.iter_rows(min_row=2, max_row=7, values_only=True)]
    for row, p in zip(rows, d["provinces"] + [dict(d["total"], province="Totaal")]):
        assert row[:6] == [p["province"], p["college_explicit_old"], p["college_explicit_new"], p["net_change"],
                           len(p["gained"]), len(p["lost"])]
        assert (row[6] or "") == "; ".join(p["gained"]) and (row[7] or "") == "; ".join(p["lost"])
    gained = sorted(r[1] for r in wb["Erbij"].iter_rows(min_row=2, values_only=True))
    lost = sorted(r[1] for r in wb["Eraf"].iter_rows(min_row=2, values_only=True))
    assert gained == sorted(EXPECTED_TOTAL["gained"]) and lost == sorted(EXPECTED_TOTAL["lost"])


def test_cli_compare(files, tmp_path: Path, capsys):
    old, new = files
    out = tmp_path / "evolutie.xlsx"
    rc, stdout, stderr = run_cli(["compare", str(old), str(new), "--json", "-o", str(out)], capsys)
    assert rc == 0, stderr
    d = json.loads(stdout)
    for p in d["provinces"]:
        assert {k: p[k] for k in KEYS} == EXPECTED[p["province"]], p["province"]
    assert {k: d["total"][k] for k in KEYS} == EXPECTED_TOTAL
    assert out.exists() and "Totaal" in stderr and "via de fusie" in stderr
    first = out.read_bytes()
    rc, _, stderr = run_cli(["compare", str(old), str(new), "-o", str(out)], capsys)
    assert rc == 2 and "E009" in stderr
    rc, stdout, _ = run_cli(["compare", str(old), str(new), "-o", str(out), "--force"], capsys)
    assert rc == 0 and out.read_bytes() == first and "Totaal" in stdout
    rc, _, stderr = run_cli(["compare", str(old), str(tmp_path / "weg.csv")], capsys)
    assert rc == 2 and "E001" in stderr
    rc, _, stderr = run_cli(["compare", str(old), str(new), "--function-column", "Rol"], capsys)
    assert rc == 2 and "E041" in stderr and "'Mandaat'" in stderr


def test_swapped_extracts_are_warned(files, capsys):
    """Regression: OUD of 2025 and NIEUW of 2019-2024 gave only 'enkel in het oude/nieuwe extract', silently."""
    old, new = files
    clf = Classifier()
    swapped = compare_reports(build_report(read_extract(new), clf), build_report(read_extract(old), clf))
    assert not swapped.merged
    (w,) = [w for w in swapped.to_dict()["warnings"] if "omgewisseld" in w]
    assert str(new) in w and str(old) in w
    assert not any("omgewisseld" in w for w in compare_reports(
        build_report(read_extract(old), clf), build_report(read_extract(new), clf)).to_dict()["warnings"])
    rc, _, stderr = run_cli(["compare", str(new), str(old)], capsys)
    assert rc == 0 and "waarschuwing: " in stderr and "omgewisseld" in stderr
