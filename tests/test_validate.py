"""``gkclassify validate`` (issue #5): findings per row and per government, the example file, the contract."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gkclassify import cli
from gkclassify.classifier import Classifier
from gkclassify.io import Table, escape_formula, read_table
from gkclassify.validate import (
    LEVELS,
    VALIDATE_COLUMNS,
    ValidationReport,
    is_executive,
    validate_table,
    validate_texts,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "validate_voorbeeld.csv"


@pytest.fixture(scope="module")
def lex() -> Classifier:
    """Lexicon and fuzzy matcher only: findings that do not depend on the trained model."""
    return Classifier()


@pytest.fixture(scope="module")
def full() -> Classifier:
    import gkclassify

    return gkclassify.load()


def codes(report: ValidationReport) -> dict[int, list[str]]:
    return {r.row: [f.code for f in r.findings] for r in report.rows}


def one(texts, clf, **kw):
    return validate_texts(texts, classifier=clf, **kw).rows


def run(argv, capsys):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- the example file

# spreadsheet row => the findings planted there; every other row is clean
PLANTED = {
    3: {"typo"},                 # "Gelijke Kanssen"
    5: {"empty"},                # a schepen without competences
    6: {"spelling_variant"},     # "gelijke-kansen"
    7: {"spelling_variant"},     # "Gelijkekansen"
    8: {"looks_like_name"},      # "Greet Vermeulen"
    9: {"looks_like_function"},  # "Eerste schepen"
    10: {"looks_like_date"},     # "01/01/2019"
    11: {"looks_like_url"},      # "https://www.hoogdonk.be/..."
    12: {"unrecognized"},        # "Moblitiet" (=> Mobiliteit), "Wachtdiensten" (nothing close)
    13: {"only_punctuation"},    # "---"
    19: {"empty"},               # the chair of the BCSD without competences
}


@pytest.mark.parametrize("which", ["lex", "full"])
def test_example_finds_every_planted_problem_and_nothing_else(which, request):
    clf = request.getfixturevalue(which)
    report = validate_table(read_table(EXAMPLE), classifier=clf)
    assert report.column == "Bevoegdheden"
    assert (report.function_column, report.government_column, report.name_column) == ("Mandaat", "Bestuurseenheid", "Naam")
    assert len(report.rows) == 19
    found = {r.row: {f.code for f in r.findings} for r in report.rows}
    for row, planted in PLANTED.items():
        assert planted <= found[row], (row, found[row])
    extra = {row: c for row, c in found.items() if row not in PLANTED and c}
    assert extra == {}, "false alarms on clean rows"
    for row, c in found.items():
        if row in PLANTED:
            assert c - PLANTED[row] <= {"model_only"}, (row, c)
    levels = {r.row: r.level for r in report.rows}
    assert levels[3] == "warning" and levels[5] == "error" and levels[6] == "info" and levels[19] == "error"
    assert all(levels[r] == "error" for r in (8, 9, 10, 11, 13))


def test_example_suggestions(lex):
    report = validate_table(read_table(EXAMPLE), classifier=lex)
    rows = {r.row: r for r in report.rows}
    typo = rows[3].findings[0]
    assert typo.part == "Gelijke Kanssen"
    assert typo.suggestion == 'schrijf "Gelijke kansen"'
    assert 90 <= typo.score <= 100
    unrec = {f.part: f for f in rows[12].findings if f.code == "unrecognized"}
    assert unrec["Moblitiet"].candidates[0].label == "Mobiliteit"
    assert unrec["Moblitiet"].candidates[0].domains == ("mobiliteit",)
    assert 80 <= unrec["Moblitiet"].candidates[0].score < 100
    assert "Mobiliteit" in unrec["Moblitiet"].suggestion
    assert unrec["Wachtdiensten"].candidates == () and unrec["Wachtdiensten"].suggestion == ""
    variants = {f.part: f.suggestion for r in (rows[6], rows[7]) for f in r.findings}
    assert variants == {"gelijke-kansen": 'schrijf overal "Gelijke kansen"', "Gelijkekansen": 'schrijf overal "Gelijke kansen"'}
    (v,) = report.variants
    assert v.preferred == "Gelijke kansen" and dict(v.forms) == {"Gelijke kansen": 1, "gelijke-kansen": 1, "Gelijkekansen": 1}
    assert v.rows == (4, 6, 7)


def test_example_governments(lex):
    report = validate_table(read_table(EXAMPLE), classifier=lex)
    gov = {g.name: g for g in report.governments}
    # "OCMW Hoogdonk" is part of the municipality (its voorzitter BCSD sits in the college)
    assert list(gov) == ["Gemeente Hoogdonk"]
    g = gov["Gemeente Hoogdonk"]
    assert g.gk_status == "explicit" and g.gk_rows == [3, 4, 6, 7]
    assert g.members == 19 and g.executive_members == 16 and g.rows == list(range(2, 21))
    assert "gelijke_kansen" in g.domains and "erediensten" in g.missing_domains
    assert set(g.domains) | set(g.missing_domains) == set(lex.taxonomy.ids)
    assert {f.code for f in g.findings} == {"government_gk", "government_missing_domains"}
    assert g.level == "info"


def test_government_spellings_are_one_government(lex):
    """Regression: "Stad Gent", "Gent" and "OCMW Gent" were three governments, so Gent's
    burgemeester with Gelijke kansen did not count for the Gent of the other rows."""
    texts = ["Veiligheid, Gelijke kansen", "Jeugd", "Sport", "Sociale zaken", ""]
    functions = ["Burgemeester", "Schepen", "Schepen", "Voorzitter BCSD", "Schepen"]
    govs = ["Stad Gent", "Gent", " gent ", "OCMW Gent", "Aalst"]
    report = validate_texts(texts, functions=functions, governments=govs, classifier=lex)
    got = {g.name: (g.rows, g.gk_status, g.gk_rows, g.executive_members) for g in report.governments}
    assert got == {"Stad Gent": ([2, 3, 4, 5], "explicit", [2], 4), "Aalst": ([6], "none", [], 1)}
    from gkclassify.commands.validate import render

    screen = render(report)
    assert "Stad Gent [info]: 4 rijen, gelijke kansen expliciet (rij 2)" in screen
    assert "Aalst [error]: 1 rij, " in screen  # not "1 rijen"
    # a name outside the gazetteer is still grouped on its spelling, never merged with another
    report = validate_texts(["Jeugd", "Sport"], functions=["Schepen"] * 2, governments=["Hoogdonk", "Laagdonk"],
                            classifier=lex)
    assert [g.name for g in report.governments] == ["Hoogdonk", "Laagdonk"]


def test_example_through_the_cli_xlsx_and_json(tmp_path, capsys):
    out = tmp_path / "gecontroleerd.xlsx"
    code, stdout, err = run(["validate", EXAMPLE, "-o", out], capsys)
    assert code == 1, err
    assert "Rijen per niveau" in stdout and "Eerste bevindingen" in stdout and "Gemeente Hoogdonk [info]: 19 rijen" in stdout
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    rows = [[c.value or "" for c in r] for r in ws.iter_rows()]
    source = read_table(EXAMPLE)
    assert rows[0] == source.columns + list(VALIDATE_COLUMNS)
    # "000101" stays "000101"; "---" is neutralized as a formula
    assert [r[: len(source.columns)] for r in rows[1:]] == [[escape_formula(c) for c in r] for r in source.rows]
    assert rows[2][-3] == "warning" and "Gelijke kansen" in rows[2][-1]  # spreadsheet row 3
    assert rows[1][-3:] == ["", "", ""]
    assert wb.sheetnames == ["gkclassify", "besturen"]

    code, stdout, _ = run(["validate", EXAMPLE, "--json"], capsys)
    assert code == 1
    data = json.loads(stdout)
    assert list(data) == ["summary", "rows", "governments"]
    s = data["summary"]
    assert s["rows"] == 19 and s["exit_code"] == 1 and s["level"] == "error"
    assert set(s["findings"]) == set(LEVELS) and set(s["rows_by_level"]) == {*LEVELS, "ok"}
    assert s["rows_by_level"]["ok"] == 19 - len(PLANTED)
    assert [r["row"] for r in data["rows"]] == list(range(2, 21))
    r3 = data["rows"][1]
    assert set(r3) == {"row", "level", "text", "name", "function", "government", "domains", "gk_status", "findings"}
    assert set(r3["findings"][0]) == {"code", "level", "message", "suggestion", "part", "score", "candidates"}
    assert [g["government"] for g in data["governments"]] == ["Gemeente Hoogdonk"]
    assert {"gk_status", "gk_rows", "missing_domains", "findings", "level"} <= set(data["governments"][0])


def test_annotated_csv_keeps_rows_and_suffixes_taken_names(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("nr;level;bevoegdheid\n007;x;Gelijke Kanssen\n008;y;Jeugd\n", encoding="utf-8")
    out = tmp_path / "uit.csv"
    code, _, _ = run(["validate", src, "-o", out], capsys)
    assert code == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8")), delimiter=";"))
    assert rows[0] == ["nr", "level", "bevoegdheid", "level_gk", "findings", "suggestions"]
    assert rows[1][:4] == ["007", "x", "Gelijke Kanssen", "warning"]
    assert rows[2] == ["008", "y", "Jeugd", "", "", ""]


def test_exit_codes(tmp_path, capsys):
    clean = tmp_path / "schoon.csv"
    clean.write_text("functie;bevoegdheid\nSchepen;Jeugd en sport\nBurgemeester;Veiligheid\n", encoding="utf-8")
    assert run(["validate", clean], capsys)[0] == 0
    info_only = tmp_path / "info.csv"
    info_only.write_text("bevoegdheid\nGelijke kansen\ngelijke-kansen\nJeugd, ad interim\n", encoding="utf-8")  # one column: commas are text
    assert run(["validate", info_only], capsys)[0] == 0
    assert run(["validate", tmp_path / "nee.csv"], capsys)[0] == 2
    assert run(["validate", clean, "--column", "nee"], capsys)[0] == 2
    code, _, err = run(["validate", clean, "--function-column", "Rol"], capsys)
    assert code == 2 and "E041" in err and "--function-column" in err
    code, _, err = run(["validate", clean, "--json", "-o", "-"], capsys)
    assert code == 2 and "E065" in err


def test_output_to_stdout_puts_the_summary_on_stderr(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("bevoegdheid\nGelijke Kanssen\n", encoding="utf-8")
    code, out, err = run(["validate", src, "-o", "-"], capsys)
    assert code == 1
    assert list(csv.reader(io.StringIO(out)))[0] == ["bevoegdheid", "level", "findings", "suggestions"]
    assert "Rijen per niveau" in err
    code, out, err = run(["validate", src, "-q"], capsys)
    assert code == 1 and out == ""


def test_json_is_deterministic(capsys):
    outs = [run(["validate", EXAMPLE, "--json"], capsys)[1] for _ in range(2)]
    assert outs[0] == outs[1]


# --------------------------------------------------------------------------- single checks


def test_typo_keeps_the_capital_and_names_the_label(lex):
    (r,) = one(["Onderwjis"], lex)
    (f,) = r.findings
    assert (f.code, f.level, f.part, f.suggestion) == ("typo", "warning", "Onderwjis", 'schrijf "Onderwijs"')
    (r,) = one(["sport en gelijke kanssen"], lex)
    assert r.findings[0].suggestion == 'schrijf "Gelijke kansen"' and r.findings[0].part == "gelijke kanssen"


def test_unrecognized_without_anything_close(lex):
    (r,) = one(["Jeugd, Polderbesturen"], lex)
    (f,) = r.findings
    assert (f.code, f.level, f.part, f.candidates, f.suggestion) == ("unrecognized", "warning", "Polderbesturen", (), "")
    assert "geen gelijkend domein" in f.message


def test_model_only_is_info(full):
    text = "Verkeersluwe kernen"
    pred = full.predict_one(text)
    assert any(e.method == "model" for e in pred.evidence), "pick a text only the shipped model recognizes"
    (r,) = one([text], full)
    assert [(f.code, f.level) for f in r.findings] == [("model_only", "info")]


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        ("Schepen", "", ("empty", "error")),
        ("Burgemeester", "   ", ("empty", "error")),
        ("Voorzitter BCSD", "NaN", ("empty", "error")),
        ("Schepen", "nvt", ("placeholder", "error")),
        ("Gemeenteraadslid", "", None),
        ("Voorzitter gemeenteraad", "nvt", ("placeholder", "info")),
        (None, "", ("empty", "warning")),
        (None, "onbekend", ("placeholder", "warning")),
    ],
)
def test_empty_competence_by_function(lex, function, text, expected):
    functions = None if function is None else [function]
    (r,) = one([text], lex, functions=functions)
    got = [(f.code, f.level) for f in r.findings]
    assert got == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        ("Jan Peeters", "looks_like_name", "error"),
        ("PEETERS, Jan", "looks_like_name", "error"),
        ("Marie-Claire Van den Broeck", "looks_like_name", "error"),
        ("Eerste schepen", "looks_like_function", "error"),
        ("1ste schepen", "looks_like_function", "error"),
        ("Burgemeester", "looks_like_function", "error"),
        ("01/01/2019", "looks_like_date", "error"),
        ("2019-01-02", "looks_like_date", "error"),
        ("2 januari 2019", "looks_like_date", "error"),
        ("https://www.gent.be/bestuur", "looks_like_url", "error"),
        ("www.gent.be", "looks_like_url", "error"),
        ("jeugd@gent.be", "looks_like_email", "error"),
        ("---", "only_punctuation", "error"),
        ("?!", "only_punctuation", "error"),
        ("🎉", "only_punctuation", "error"),
        ("12", "looks_like_number", "error"),
        ("0012", "looks_like_number", "error"),
        ("#N/A", "spreadsheet_error", "error"),
        ("#WAARDE!", "spreadsheet_error", "error"),
        ('=HYPERLINK("http://x")', "formula", "error"),
        ("Jeugd, Eerste schepen", "looks_like_function", "info"),
        ("Jeugd (zie www.gent.be/jeugd)", "looks_like_url", "warning"),
        ("Jeugd, sinds 01/01/2020", "looks_like_date", "info"),
        ("Jeugd, Jan Peeters", "looks_like_name", "warning"),
        ("Jeugd, ad interim", "not_a_domain", "info"),
        ("Jeugd\x00sport", "control_characters", "warning"),
        ("FinanciÃ«n", "mojibake", "warning"),
        ("+ Jeugd", "formula", "warning"),
    ],
)
def test_field_that_looks_like_something_else(lex, text, code, level):
    (r,) = one([text], lex, functions=["Schepen"])
    assert [(f.code, f.level) for f in r.findings] == [(code, level)], r.findings


def test_mojibake_suggests_the_repaired_text(lex):
    (r,) = one(["FinanciÃ«n, Welzijn"], lex)
    assert r.findings[0].suggestion == 'schrijf "Financiën, Welzijn"'
    assert r.prediction.domains == ("financien", "sociale_zaken")


CLEAN = [
    "Financiën en begroting", "Welzijn (incl. toegankelijkheid)", "Burgerzaken - loketten", "Schepen van Financiën",
    "Jeugd, sport en cultuur", "Ruimtelijke ordening, wonen en mobiliteit", "Lokale economie, middenstand en toerisme",
    "Onderwijs; kinderopvang; gezin", "Gelijke kansen en diversiteit", "Personeel, ICT en digitalisering",
    "Openbare werken, patrimonium", "Milieu, natuur, klimaat en energie", "Senioren - gezondheid",
    "Erediensten en erfgoed", "Communicatie & participatie", "Politie en brandweer",
    "Sociale zaken, armoedebestrijding, integratie", "Landbouw en dierenwelzijn", "Evenementen, feestelijkheden",
    "Internationale samenwerking / Noord-Zuid", "Bevoegd voor: jeugd, sport", "- Jeugd\n- Sport\n- Cultuur",
    "Cultuur- en jeugdbeleid", "Stads- en dorpskernvernieuwing", "Land- en tuinbouw", "Welzijns- en gezondheidsbeleid",
    "ICT / e-government - pers", "Werk en sociale economie", "Markten en foren", "Voorzitter BCSD, sociale zaken",
]


@pytest.mark.parametrize("which", ["lex", "full"])
def test_no_false_alarms_on_clean_fields(which, request):
    clf = request.getfixturevalue(which)
    report = validate_texts(CLEAN, functions=["Schepen"] * len(CLEAN), classifier=clf)
    assert {r.text: [f.message for f in r.findings] for r in report.rows if r.findings} == {}
    assert report.exit_code == 0


def test_spelling_variants(lex):
    texts = ["Gelijke kansen", "Jeugd, gelijke-kansen", "Gelijkekansen", "Financiën", "financien", "Jeugd", "jeugd", "JEUGD"]
    report = validate_texts(texts, classifier=lex)
    assert codes(report) == {2: [], 3: ["spelling_variant"], 4: ["spelling_variant"], 5: [], 6: ["spelling_variant"],
                             7: [], 8: [], 9: []}  # case alone is not a variant
    prefs = {v.preferred: dict(v.forms) for v in report.variants}
    assert prefs == {"Gelijke kansen": {"Gelijke kansen": 1, "gelijke-kansen": 1, "Gelijkekansen": 1},
                     "Financiën": {"Financiën": 1, "financien": 1}}


def test_government_gk_status_and_nobody(lex):
    texts = ["Jeugd", "Gelijke kansen", "Welzijn, toegankelijkheid", "Sport", "Sociale zaken", "Cultuur", "", ""]
    functions = ["Schepen"] * 6 + ["Schepen", "Burgemeester"]
    govs = ["Gent", "Gent", "Aalst", "Aalst", "Brugge", "Ieper", "Tielt", "Tielt"]
    report = validate_texts(texts, functions=functions, governments=govs, classifier=lex)
    got = {g.name: (g.gk_status, g.gk_rows, [(f.code, f.level) for f in g.findings if f.code != "government_missing_domains"])
           for g in report.governments}
    assert got == {
        "Gent": ("explicit", [3], [("government_gk", "info")]),
        "Aalst": ("related", [4], [("government_gk", "info")]),
        "Brugge": ("possibly_hidden", [6], [("government_gk", "info")]),
        "Ieper": ("none", [], [("government_gk", "warning")]),
        "Tielt": ("none", [], [("government_no_competences", "error"), ("government_gk", "warning")]),
    }
    assert not any(f.code == "government_missing_domains" for g in report.governments if g.name == "Tielt" for f in g.findings)


def test_no_government_column_means_no_government_report(lex):
    assert validate_texts(["Jeugd"], classifier=lex).governments == []


def test_column_detection(lex):
    t = Table("x.csv", ["Gemeente", "Functie", "Volledige naam", "Beleidsdomeinen"], [["Gent", "Schepen", "An", ""]])
    rep = validate_table(t, classifier=lex)
    assert (rep.column, rep.function_column, rep.government_column, rep.name_column) == (
        "Beleidsdomeinen", "Functie", "Gemeente", "Volledige naam")
    assert codes(rep) == {2: ["empty"]} and rep.rows[0].findings[0].level == "error"
    rep = validate_table(t, classifier=lex, detect_columns=False)
    assert rep.function_column is None and rep.rows[0].findings[0].level == "warning"


def test_row_shape_and_duplicate_column_are_reported(tmp_path, lex):
    src = tmp_path / "in.csv"
    src.write_text("bevoegdheid;naam;bevoegdheid\nJeugd;An;x\nSport\nCultuur;Bo;y;z\n", encoding="utf-8")
    rep = validate_table(read_table(src), classifier=lex)
    assert codes(rep) == {2: [], 3: ["row_shape"], 4: ["row_shape"]}
    assert [f.code for f in rep.file_findings] == ["duplicate_column"]
    assert rep.exit_code == 1


def test_is_executive():
    assert is_executive("Schepen") and is_executive("Districtsschepen") and is_executive("Aangewezen burgemeester")
    assert is_executive("Voorzitter van het bijzonder comité voor de sociale dienst")
    assert not is_executive("Gemeenteraadslid") and not is_executive("Lid van het vast bureau") and not is_executive("")


def test_large_and_repeated_input_is_fast(lex):
    import time

    texts = (CLEAN + ["Gelijke Kanssen", "", "Jan Peeters", "x" * 1_000_000]) * 300
    start = time.perf_counter()
    report = validate_texts(texts, classifier=lex)
    assert len(report.rows) == len(texts)
    assert time.perf_counter() - start < 20
