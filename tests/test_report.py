from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gkclassify import cli
from gkclassify.classifier import Classifier
from gkclassify.errors import InputError
from gkclassify.extract import classify_function, read_extract
from gkclassify.report import STATUS_LABELS, build_report, build_workbook

HEADER = ["Bestuurseenheid", "Mandaat", "Voornaam", "Familienaam", "Beleidsdomein", "Provincie"]

# An extract of 2019-2024 with known answers (comments: the government's status).
OLD_ROWS = [
    # Antwerpen
    ["Stad Antwerpen", "Schepen", "An", "Peeters", "Financiën en gelijke kansen", "Antwerpen"],  # explicit (schepen)
    ["Stad Antwerpen", "Burgemeester", "Bart", "Dewever", "Veiligheid", "Antwerpen"],
    ["Antwerpen", "Gemeenteraadslid", "Cas", "Claes", "", "Antwerpen"],
    ["Borsbeek", "Burgemeester", "Dirk", "Dierckx", "Gelijke kansen, jeugd en sport", ""],  # explicit (burgemeester)
    ["Zwijndrecht", "Schepen", "Els", "Engels", "Toegankelijkheid en mobiliteit", ""],  # related
    ["Mortsel", "Gemeenteraadslid", "Fien", "Foubert", "Gelijke kansen", ""],  # ignored: not in the college
    ["Mortsel", "schepen", "Gert", "Goris", "Sport en recreatie", ""],  # none
    ["Lokeren", "Schepen", "Hans", "Hermans", "Burgerzaken, veiligheid", "Antwerpen"],  # none; column says Antwerpen
    # Limburg
    ["Hasselt", "Schepen", "Ilse", "Indekeu", "Diversiteit, cultuur", "Limburg"],  # related
    ["St.-Truiden", "Burgemeester", "Jan", "Janssens", "Gelijke-kansenbeleid", "Limburg"],  # explicit (both)
    ["St.-Truiden", "Toegevoegde schepen", "Kim", "Kools", "OCMW, sociale zaken, gelijke kansen", "Limburg"],
    ["Genk", "Schepen", "Lies", "Lenaerts", "", "Limburg"],  # no data
    ["Genk", "Burgemeester", "Marc", "Maes", "   ", "Limburg"],
    ["Provincie Limburg", "Gedeputeerde", "Nele", "Nys", "Gelijke kansen", "Limburg"],  # provincial college
    # Oost-Vlaanderen
    ["SINT NIKLAAS", "Voorzitter BCSD", "Olga", "Op de Beeck", "Sociale zaken en armoedebestrijding", ""],  # possibly hidden
    ["SINT NIKLAAS", "Schepen", "Piet", "Pauwels", "Openbare werken", ""],
    ["Stad Gent", "Schepen", "Rik", "Roels", "Cultuur en erfgoed", "Oost-Vlaanderen"],  # possibly hidden
    ["OCMW Gent", "Voorzitter van het bijzonder comité voor de sociale dienst", "Sara", "Smet", "Welzijn", "Oost-Vlaanderen"],
    ["Gemeente Aalter", "Schepen (toegevoegd)", "Tom", "Thys", "Gelijke kansen, jeugd en sport", "Oost-Vlaanderen"],  # explicit
    ["Beveren", "Schepen", "Ula", "Uyttendaele", "Financiën en gelijke kansen", ""],  # explicit (schepen)
    ["Kruibeke", "Schepen", "Vic", "Verbeke", "Lokale economie", "Brussel"],  # none; not a Flemish province: gazetteer used
    # Vlaams-Brabant
    ["Leuven", "Schepen", "Wim", "Wouters", "=Integratie en onderwijs", ""],  # possibly hidden; formula-like text
    ["Leuven", "Burgemeester", "Xavier", "Xhonneux", "Ruimtelijke ordening", ""],
    ["Gooik", "Schepen", "Yves", "Yperman", "Gelijke kansen", ""],  # explicit (schepen)
    ["Herne", "Schepen", "Zoë", "Zegers", "Sport", ""],  # none
    ["Sint-Pieters-Leeuw", "Gemeenteraadslid", "Ann", "Aerts", "Gelijke kansen", ""],  # no data: only a councillor
    # West-Vlaanderen
    ["Brugge", "Burgemeester", "Bram", "Bral", "Gelijke kansen en toerisme", ""],  # explicit (burgemeester)
    ["Brugge", "Schepen", "Cato", "Coene", "Welzijn", ""],
    ["Kortrijk", "Waarnemend burgemeester", "Dries", "Desmet", "Toegankelijkheid en mobiliteit", ""],  # related
    ["Tielt", "Schepen", "Eva", "Eeckhout", "Openbare werken", ""],  # none
    ["Meulebeke", "Schepen", "Frans", "Feys", "Cultuur", ""],  # none
    ["Knokke-Heist", "Schepen", "Greet", "Goossens", "-", ""],  # no data (a dash is no text)
    # unknown government: reported, not counted
    ["Atlantis", "Schepen", "Hugo", "Huys", "Gelijke kansen", ""],
    # a college mandate without government: skipped with a warning
    ["", "Schepen", "Ivo", "Ides", "Gelijke kansen", ""],
]

EXPECTED_OLD = {
    "Antwerpen": dict(governments=5, college_explicit=2, schepen_explicit=1, burgemeester_explicit=1, related=1, possibly_hidden=0, none=2, no_data=0),
    "Limburg": dict(governments=3, college_explicit=1, schepen_explicit=1, burgemeester_explicit=1, related=1, possibly_hidden=0, none=0, no_data=1),
    "Oost-Vlaanderen": dict(governments=5, college_explicit=2, schepen_explicit=2, burgemeester_explicit=0, related=0, possibly_hidden=2, none=1, no_data=0),
    "Vlaams-Brabant": dict(governments=4, college_explicit=1, schepen_explicit=1, burgemeester_explicit=0, related=0, possibly_hidden=1, none=1, no_data=1),
    "West-Vlaanderen": dict(governments=5, college_explicit=1, schepen_explicit=0, burgemeester_explicit=1, related=1, possibly_hidden=0, none=2, no_data=1),
}
EXPECTED_OLD_TOTAL = dict(governments=22, college_explicit=7, schepen_explicit=5, burgemeester_explicit=3, related=3, possibly_hidden=3, none=6, no_data=3)
NUMBER_KEYS = list(EXPECTED_OLD_TOTAL)


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ";") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = cli.main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def lexicon_clf() -> Classifier:
    return Classifier()


@pytest.fixture()
def old_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "mandaten_2023.csv", OLD_ROWS)


@pytest.fixture()
def old_report(old_csv: Path, lexicon_clf: Classifier):
    return build_report(read_extract(old_csv), lexicon_clf)


# ---------------------------------------------------------------- extract


@pytest.mark.parametrize("value, role", [
    ("Schepen", "schepen"), ("schepen", "schepen"), ("Toegevoegde schepen", "schepen"), ("Schepen (toegevoegd)", "schepen"),
    ("Voorzitter BCSD", "schepen"), ("Voorzitter van het bijzonder comité voor de sociale dienst", "schepen"),
    ("VOORZITTER VAN HET BIJZONDER COMITE VOOR DE SOCIALE DIENST", "schepen"), ("Voorzitter B.C.S.D.", "schepen"), ("Voorzitter OCMW", None),
    ("Burgemeester", "burgemeester"), ("Aangewezen burgemeester", "burgemeester"), ("Waarnemend burgemeester", "burgemeester"),
    ("Burgemeester (waarnemend)", "burgemeester"), ("Gedeputeerde", "gedeputeerde"),
    ("Gemeenteraadslid", None), ("Voorzitter van de gemeenteraad", None), ("Lid van het bijzonder comité voor de sociale dienst", None),
    ("Districtsschepen", None), ("", None),
])
def test_classify_function(value, role):
    assert classify_function(value) == role


def test_read_extract_finds_columns_and_names(old_csv: Path):
    ex = read_extract(old_csv)
    c = ex.columns
    assert (c.government, c.function, c.text, c.province, c.name) == (
        "Bestuurseenheid", "Mandaat", "Beleidsdomein", "Provincie", ("Voornaam", "Familienaam"))
    assert ex.mandates[0].name == "An Peeters" and ex.mandates[0].row == 2 and ex.mandates[0].role == "schepen"


def test_read_extract_with_flags_and_other_names(tmp_path: Path):
    p = write_csv(tmp_path / "x.csv", [["Gent", "Jan", "Schepen", "Jeugd"]], header=["Gemeente", "Mandataris", "Functie", "Bevoegdheid"])
    ex = read_extract(p)
    assert (ex.columns.government, ex.columns.function, ex.columns.text, ex.columns.name, ex.columns.province) == (
        "Gemeente", "Functie", "Bevoegdheid", ("Mandataris",), None)
    p2 = write_csv(tmp_path / "y.csv", [["Gent", "Schepen", "Jeugd"]], header=["Wie", "Wat", "Waarvoor"])
    ex2 = read_extract(p2, government_column="wie", function_column="WAT", text_column="Waarvoor")
    assert ex2.mandates[0].government == "Gent" and ex2.mandates[0].role == "schepen"


def test_missing_column_lists_columns(tmp_path: Path):
    p = write_csv(tmp_path / "x.csv", [["Schepen", "Jeugd"]], header=["Mandaat", "Beleidsdomein"])
    with pytest.raises(InputError) as e:
        read_extract(p)
    assert e.value.code == "E040" and "'Mandaat', 'Beleidsdomein'" in str(e.value) and "--government-column" in str(e.value)
    p2 = write_csv(tmp_path / "y.csv", [["Gent", "Schepen", "Jeugd"]], header=["Gemeente", "Mandaat", "Beleidsdomein"])
    with pytest.raises(InputError) as e:
        read_extract(p2, province_column="Prov")
    assert e.value.code == "E041" and "'Gemeente', 'Mandaat', 'Beleidsdomein'" in str(e.value)


# ---------------------------------------------------------------- report


def test_counts_per_province(old_report):
    rows = {c.province: c for c in old_report.counts()}
    assert list(rows) == ["Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"]
    for province, expected in EXPECTED_OLD.items():
        assert {k: getattr(rows[province], k) for k in NUMBER_KEYS} == expected, province
    total = old_report.total()
    assert {k: getattr(total, k) for k in NUMBER_KEYS} == EXPECTED_OLD_TOTAL
    partition = total.college_explicit + total.related + total.possibly_hidden + total.none + total.no_data
    assert partition == total.governments
    assert rows["Limburg"].province_college == "explicit" and rows["Antwerpen"].province_college is None
    assert rows["Limburg"].not_in_extract == 42 - 3
    assert old_report.era == "2019-2024"


def test_per_government_details(old_report):
    govs = {g.name: g for g in old_report.governments}
    st = govs["Sint-Truiden"]
    assert (st.status, st.schepen_explicit, st.burgemeester_explicit, st.nis_code) == ("explicit", True, True, "71053")
    assert st.names_in_extract == ("St.-Truiden",)
    gent = govs["Gent"]
    assert gent.status == "possibly_hidden" and set(gent.names_in_extract) == {"Stad Gent", "OCMW Gent"}
    assert [m.role for m in gent.members] == ["schepen", "schepen"]
    assert govs["Mortsel"].status == "none" and len(govs["Mortsel"].members) == 1  # the councillor is not a member
    assert govs["Sint-Pieters-Leeuw"].status == "no_data" and govs["Sint-Pieters-Leeuw"].members == ()
    assert govs["Knokke-Heist"].status == "no_data" and govs["Genk"].status == "no_data"
    assert govs["Provincie Limburg"].kind == "provincie" and govs["Provincie Limburg"].status == "explicit"
    lok = govs["Lokeren"]
    assert (lok.province, lok.province_gazetteer) == ("Antwerpen", "Oost-Vlaanderen")
    assert any("Lokeren" in w and "wijkt af" in w for w in old_report.warnings)
    assert [u.name for u in old_report.unknown] == ["Atlantis"] and old_report.unknown[0].rows == (34,)
    assert old_report.ignored == {"Gemeenteraadslid": 3}
    assert govs["Zwijndrecht"].fusion_2025 == "Beveren-Kruibeke-Zwijndrecht"
    assert govs["Kruibeke"].province == "Oost-Vlaanderen" and govs["Kruibeke"].province_gazetteer is None
    assert any("onbekende provincie 'Brussel'" in w for w in old_report.warnings)
    assert any("zonder bestuur" in w and "rij 35" in w for w in old_report.warnings)


def test_json_contract(old_report):
    d = json.loads(json.dumps(old_report.to_dict(), ensure_ascii=False))
    assert set(d) >= {"provinces", "total", "governments"}
    keys = {"province", "governments", "college_explicit", "schepen_explicit", "burgemeester_explicit",
            "related", "possibly_hidden", "none", "no_data"}
    assert all(keys <= set(p) for p in d["provinces"])
    assert {k: d["total"][k] for k in NUMBER_KEYS} == EXPECTED_OLD_TOTAL
    g = next(g for g in d["governments"] if g["name"] == "Brugge")
    assert {"name", "nis_code", "province", "status", "schepen_explicit", "burgemeester_explicit", "evidence", "texts"} <= set(g)
    assert (g["nis_code"], g["province"], g["status"], g["burgemeester_explicit"]) == ("31005", "West-Vlaanderen", "explicit", True)
    assert "Gelijke kansen en toerisme" in g["texts"] and any("gelijke_kansen" in e for e in g["evidence"])


def _sheet_rows(ws) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_workbook_numbers_equal_json(old_report, tmp_path: Path):
    from openpyxl import load_workbook

    from gkclassify.io.write import save_workbook

    out = tmp_path / "rapport.xlsx"
    save_workbook(build_workbook(old_report), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Overzicht", "Schepen voor GK", "Burgemeester voor GK", "Mogelijk verborgen",
                             "Geen gegevens", "Alle besturen", "Toelichting"]
    ws = wb["Overzicht"]
    # the autofilter covers the provinces, not the total row (sorting must not move "Totaal")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:K6" and len(ws._charts) == 1
    d = old_report.to_dict()
    rows = _sheet_rows(ws)[1:7]
    for row, p in zip(rows, d["provinces"] + [dict(d["total"], province="Totaal")]):
        assert row[0] == p["province"]
        assert row[1:9] == [p[k] for k in ("governments", "schepen_explicit", "burgemeester_explicit", "college_explicit",
                                           "related", "possibly_hidden", "none", "no_data")]
        # regression: not_in_extract and the provincial college were in the JSON only
        assert row[9] == p["not_in_extract"]
        assert row[10] == (STATUS_LABELS[p["province_college"]] if p.get("province_college") else None)
    assert _sheet_rows(ws)[0][9:11] == ["Niet in het extract", "Deputatie"]
    assert rows[1][10] == "GK in het college"  # Limburg's deputation
    schepen = _sheet_rows(wb["Schepen voor GK"])[1:]
    assert sorted(r[1] for r in schepen) == ["Aalter", "Antwerpen", "Beveren", "Gooik", "Sint-Truiden"]
    assert sorted(r[1] for r in _sheet_rows(wb["Burgemeester voor GK"])[1:]) == ["Borsbeek", "Brugge", "Sint-Truiden"]
    hidden = _sheet_rows(wb["Mogelijk verborgen"])[1:]
    assert sorted({r[1] for r in hidden}) == ["Gent", "Leuven", "Sint-Niklaas"]
    leuven = next(r for r in hidden if r[1] == "Leuven")
    assert leuven[5] == "'=Integratie en onderwijs" and "integratie" in leuven[6]  # formula escaped, evidence shown
    assert sorted(r[1] for r in _sheet_rows(wb["Geen gegevens"])[1:]) == ["Genk", "Knokke-Heist", "Sint-Pieters-Leeuw"]
    assert len(_sheet_rows(wb["Alle besturen"])) == 1 + 22 + 1  # municipalities + the provincial college
    assert wb["Schepen voor GK"]["A1"].font.bold and wb["Schepen voor GK"].freeze_panes == "A2"


# ---------------------------------------------------------------- CLI


def test_cli_report_json_and_workbook(old_csv: Path, tmp_path: Path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "rapport.xlsx"
    rc, stdout, stderr = run_cli(["report", str(old_csv), "-o", str(out), "--json"], capsys)
    assert rc == 0, stderr
    d = json.loads(stdout)
    assert {k: d["total"][k] for k in NUMBER_KEYS} == EXPECTED_OLD_TOTAL
    for p in d["provinces"]:
        assert {k: p[k] for k in NUMBER_KEYS} == EXPECTED_OLD[p["province"]]
    assert "Provincie" in stderr and "Totaal" in stderr and "Atlantis" in stderr
    ws = load_workbook(out)["Overzicht"]
    assert [c.value for c in ws[7]][:9] == ["Totaal"] + [d["total"][k] for k in (
        "governments", "schepen_explicit", "burgemeester_explicit", "college_explicit", "related", "possibly_hidden", "none", "no_data")]
    # refuses to overwrite without --force; with --force the bytes are the same (deterministic)
    first = out.read_bytes()
    rc, _, stderr = run_cli(["report", str(old_csv), "-o", str(out)], capsys)
    assert rc == 2 and "E009" in stderr
    rc, stdout, _ = run_cli(["report", str(old_csv), "-o", str(out), "--force"], capsys)
    assert rc == 0 and out.read_bytes() == first
    assert stdout.splitlines()[0].startswith("Provincie")  # table on stdout without --json


def test_cli_errors(tmp_path: Path, old_csv: Path, capsys):
    bad = write_csv(tmp_path / "bad.csv", [["Schepen", "Jeugd"]], header=["Functie", "Bevoegdheid"])
    rc, _, err = run_cli(["report", str(bad)], capsys)
    assert rc == 2 and "E040" in err and "'Functie', 'Bevoegdheid'" in err
    rc, _, err = run_cli(["report", str(old_csv), "--government-column", "Gemeentenaam"], capsys)
    assert rc == 2 and "E041" in err and "'Bestuurseenheid'" in err
    rc, _, err = run_cli(["report", str(old_csv), "-o", str(tmp_path / "r.csv")], capsys)
    assert rc == 2 and "E044" in err
    rc, _, err = run_cli(["report", str(tmp_path / "bestaat_niet.csv")], capsys)
    assert rc == 2 and "E001" in err
    councillors = write_csv(tmp_path / "raad.csv", [["Gent", "Gemeenteraadslid", "a", "b", "Jeugd", ""]])
    rc, _, err = run_cli(["report", str(councillors)], capsys)
    assert rc == 2 and "E042" in err and "Gemeenteraadslid" in err
    unknown = write_csv(tmp_path / "onbekend.csv", [["Atlantis", "Schepen", "a", "b", "Jeugd", ""]])
    rc, _, err = run_cli(["report", str(unknown)], capsys)
    assert rc == 2 and "E043" in err and "Atlantis" in err
    with pytest.raises(SystemExit) as e:
        cli.main(["report"])
    assert e.value.code == 2


def test_cli_never_overwrites_input(tmp_path: Path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(HEADER)
    for r in OLD_ROWS:
        wb.active.append(r)
    src = tmp_path / "mandaten.xlsx"
    wb.save(src)
    before = src.read_bytes()
    rc, _, err = run_cli(["report", str(src), "-o", str(src), "--force"], capsys)
    assert rc == 2 and "E010" in err and src.read_bytes() == before
    rc, stdout, err = run_cli(["report", str(src), "--json"], capsys)
    assert rc == 0 and json.loads(stdout)["total"]["college_explicit"] == 7


def test_help_ends_with_example(capsys):
    for command in ("report", "compare"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        out = capsys.readouterr().out
        assert out.rstrip().splitlines()[-1].strip().startswith(f"gkclassify {command} ")
