"""Bad and hostile input files through every command that reads a table.

One test per case of issue #5: each is run through ``predict`` and ``validate``
(rows kept, values unchanged) and through ``report`` and ``compare`` when they
are installed (no crash: exit 0, or exit 2 with a clear message). Commands run
in-process through ``gkclassify.cli.main``; a few run as a real subprocess.
"""

from __future__ import annotations

import csv
import importlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gkclassify import cli
from gkclassify.io import read_table
from gkclassify.io.write import escape_formula

ROOT = Path(__file__).resolve().parent.parent


def _installed(name: str) -> bool:
    if name not in cli.COMMANDS:
        return False
    try:
        importlib.import_module(f"gkclassify.commands.{name}")
    except ImportError:
        return False
    return True


TABLE_COMMANDS = [c for c in ("predict", "validate", "report", "compare") if _installed(c)]
ROW_COMMANDS = [c for c in ("predict", "validate") if _installed(c)]  # one output row per input row
ADDED = {"predict": ["domains", "gk_status", "gk_score", "unrecognized", "evidence"], "validate": ["level", "findings", "suggestions"]}

HEADER = ["ID", "Bestuurseenheid", "Mandaat", "Naam", "Bevoegdheden"]
TEXT = 4
BASE = [
    ["0012", "Gent", "Burgemeester", "An Claes", "Veiligheid en burgerzaken"],
    ["0013", "Gent", "Schepen", "Bart Peeters", "Financiën, sociale zaken en gelijke kansen"],
    ["0014", "Aalst", "Schepen", "Carine De Smet", "Jeugd; sport"],
    ["0015", "Aalst", "Gemeenteraadslid", "Dirk Janssens", ""],
]


# --------------------------------------------------------------------------- helpers


def run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch | None = None,
        stdin: bytes | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def csv_bytes(header: list[str], rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8",
              terminator: str = "\r\n") -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=terminator)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def argv_for(cmd: str, inp: str, tmp_path: Path, *extra: str) -> tuple[list[str], Path]:
    if cmd in ("predict", "validate"):
        out = tmp_path / f"uit_{cmd}.csv"
        return [cmd, inp, "-o", str(out), *extra], out
    out = tmp_path / f"uit_{cmd}.xlsx"
    if cmd == "compare":
        other = tmp_path / "ander.csv"
        if not other.exists():
            other.write_bytes(csv_bytes(HEADER, BASE))
        return [cmd, inp, str(other), "-o", str(out), *extra], out
    return [cmd, inp, "-o", str(out), *extra], out


def read_csv_output(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")  # no newline translation: a lone CR is data
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def assert_ok(code: int, cmd: str, err: str) -> None:
    allowed = (0, 1) if cmd == "validate" else (0,)
    assert code in allowed, f"{cmd}: exit {code}: {err}"
    assert "Traceback" not in err and "interne fout" not in err


def assert_rows_kept(out: Path, header: list[str], rows: list[list[str]], cmd: str) -> list[list[str]]:
    """Same row count and order, every original column and value unchanged (formulas escaped)."""
    got = read_csv_output(out)
    width = len(header)
    assert got[0][:width] == [escape_formula(c) for c in header]
    assert got[0][width:] == ADDED[cmd]
    assert len(got) - 1 == len(rows)
    for want, have in zip(rows, got[1:]):
        assert have[:width] == [escape_formula(c) for c in want]
        assert len(have) == width + len(ADDED[cmd])
    return got


def assert_clear_error(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert err.startswith("gkclassify: fout: ["), err
    assert "Traceback" not in err
    for n in needles:
        assert n in err, (n, err)


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- tolerated content


HOSTILE_CELLS = {
    "empty_cells": [["", "", "", "", ""], ["0020", "Gent", "Schepen", "", ""]],
    "nan": [["0021", "Gent", "Schepen", "X", v] for v in ("NaN", "nan", "None", "NULL", "#N/A", "<NA>")],
    "numbers": [["0022", "Gent", "Schepen", "X", v] for v in ("12", "3.5", "0012", "1e10", "-7")],
    "long_cell": [["0023", "Gent", "Schepen", "X", "Jeugd, sport, " + "cultuur " * 131_072]],  # > 1 MB
    "nul_and_control": [["0024", "Gent", "Schepen", "X\x00Y", "Jeugd\x00sport\x01\x02\x1b\x7f en cultuur"]],
    "emoji": [["0025", "Gent", "Schepen", "😀", "Sport 🏀⚽, Cultuur 🎭"], ["0026", "Gent", "Schepen", "X", "👍"]],
    "right_to_left": [["0027", "Gent", "Schepen", "X", "שלום, عربي و ثقافة, \u200fJeugd"]],
    "quoted_newlines": [["0028", "Gent", "Schepen", "X", "Jeugd\nSport\r\nCultuur;\"gelijke kansen\""]],
    "formulas": [
        ["=1+1", "Gent", "Schepen", "@SUM(A1)", '=HYPERLINK("http://x","klik")'],
        ["0029", "Gent", "Schepen", "X", "+32 9 123 45 67"],
        ["0030", "Gent", "Schepen", "X", "-Jeugd"],
        ["0031", "Gent", "Schepen", "X", "\tTab vooraan"],
        ["0032", "Gent", "Schepen", "X", "\rCR vooraan"],
    ],
    "unicode_oddities": [["0033", "Gent", "Schepen", "X", "Financie\u0308n \u00a0– Gelijke\u00adkansen\u200b, ﬁnanciën"]],
}


@pytest.mark.parametrize("case", sorted(HOSTILE_CELLS))
@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_hostile_cells_are_tolerated(cmd, case, tmp_path, capsys):
    rows = BASE + HOSTILE_CELLS[case]
    src = tmp_path / "invoer.csv"
    src.write_bytes(csv_bytes(HEADER, rows))
    before = src.read_bytes()
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    assert out.exists() and no_temp_files(tmp_path)
    assert src.read_bytes() == before
    if cmd in ROW_COMMANDS:
        assert_rows_kept(out, HEADER, rows, cmd)


@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_duplicate_column_names(cmd, tmp_path, capsys):
    header = ["ID", "Bestuurseenheid", "Mandaat", "Naam", "Bevoegdheden", "Naam", "Bevoegdheden"]
    rows = [r + [r[3] + " (2)", "tweede kolom"] for r in BASE]
    src = tmp_path / "dubbel.csv"
    src.write_bytes(csv_bytes(header, rows))
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    if cmd in ROW_COMMANDS:
        assert "dubbele kolomnamen" in err
        assert_rows_kept(out, header, rows, cmd)


@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_rows_with_too_many_or_too_few_fields(cmd, tmp_path, capsys):
    text = "ID;Bestuurseenheid;Mandaat;Naam;Bevoegdheden\r\n"
    text += "0012;Gent;Burgemeester;An;Veiligheid\r\n"
    text += "0013;Gent;Schepen\r\n"  # too few
    text += "0014;Aalst;Schepen;Bart;Jeugd;extra;nog extra\r\n"  # too many
    text += "0015;Aalst;Schepen;Carine;Sport\r\n"
    src = tmp_path / "scheef.csv"
    src.write_text(text, encoding="utf-8", newline="")
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    if cmd in ROW_COMMANDS:
        assert "te weinig velden" in err and "meer velden" in err
        got = read_csv_output(out)
        assert got[0][:7] == HEADER + ["kolom_6", "kolom_7"]
        assert [r[0] for r in got[1:]] == ["0012", "0013", "0014", "0015"]
        assert got[2][:7] == ["0013", "Gent", "Schepen", "", "", "", ""]
        assert got[3][:7] == ["0014", "Aalst", "Schepen", "Bart", "Jeugd", "extra", "nog extra"]


def test_validate_reports_hostile_cells_where_it_matters(tmp_path, capsys):
    import json

    rows = [
        ["0001", "Gent", "Schepen", "A", "Jeugd\x00sport"],
        ["0002", "Gent", "Schepen", "B", "NaN"],
        ["0003", "Gent", "Schepen", "C", "12"],
        ["0004", "Gent", "Schepen", "D", "Jeugd " + "x" * 1_000_000],
        ["0005", "Gent", "Schepen", "E", "👍"],
        ["0006", "Gent", "Schepen", "F", '=HYPERLINK("http://x")'],
        ["0007", "Gent", "Schepen", "G", "FinanciÃ«n"],
    ]
    src = tmp_path / "in.csv"
    src.write_bytes(csv_bytes(HEADER, rows) + b"0008;Gent;Schepen\r\n")
    code, out, _ = run(["validate", src, "--json"], capsys)
    assert code == 1
    data = json.loads(out)
    codes = {r["row"]: {f["code"] for f in r["findings"]} for r in data["rows"]}
    assert "control_characters" in codes[2]
    assert "empty" in codes[3]
    assert "looks_like_number" in codes[4]
    assert "too_long" in codes[5]
    assert "only_punctuation" in codes[6]
    assert "formula" in codes[7]
    assert "mojibake" in codes[8]
    assert "row_shape" in codes[9] and "empty" in codes[9]


# --------------------------------------------------------------------------- delimiters, encodings, xlsx, stdin


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_delimiters_are_detected(cmd, delimiter, tmp_path, capsys):
    rows = BASE + [["0040", "Gent", "Schepen", "X", "Jeugd, sport; cultuur | erfgoed\tevenementen"]]
    src = tmp_path / "in.csv"
    src.write_bytes(csv_bytes(HEADER, rows, delimiter=delimiter))
    assert read_table(src).delimiter == delimiter
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    if cmd in ROW_COMMANDS:
        assert_rows_kept(out, HEADER, rows, cmd)


ENCODED = [
    ("utf-8", "Financiën, welzijn én zorg – gelijke kansen"),
    ("utf-8-sig", "Financiën, welzijn én zorg – gelijke kansen"),
    ("cp1252", "Financiën, welzijn én zorg – gelijke kansen €"),
    ("latin-1", "Financiën, welzijn én zorg, gelijke kansen ©"),
    ("utf-16", "Financiën, welzijn én zorg – gelijke kansen"),
    ("utf-16-le", "Financiën, welzijn én zorg – gelijke kansen"),
]


@pytest.mark.parametrize(("encoding", "text"), ENCODED)
@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_encodings_are_detected(cmd, encoding, text, tmp_path, capsys):
    rows = BASE + [["0041", "Gent", "Schepen", "Zoë Françoise", text]]
    src = tmp_path / "in.csv"
    src.write_bytes(csv_bytes(HEADER, rows, encoding=encoding))
    table = read_table(src)
    assert table.rows[-1][TEXT] == text and table.rows[-1][3] == "Zoë Françoise"
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    if cmd in ROW_COMMANDS:
        assert_rows_kept(out, HEADER, rows, cmd)


def test_utf8_with_appended_cp1252_lines_is_read_line_by_line(tmp_path):
    data = csv_bytes(HEADER, BASE) + "0050;Gent;Schepen;Zoë;Financiën\r\n".encode("cp1252")
    src = tmp_path / "gemengd.csv"
    src.write_bytes(data)
    table = read_table(src)
    assert table.rows[1][TEXT] == "Financiën, sociale zaken en gelijke kansen"  # not mojibake
    assert table.rows[-1][3:] == ["Zoë", "Financiën"]
    assert any("gemengde tekstcodering" in w for w in table.warnings)
    assert len(table.rows) == len(BASE) + 1


@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_xlsx_first_sheet_and_named_sheet(cmd, tmp_path, capsys):
    other = [["iets", "anders"], ["1", "2"]]
    data = xlsx_bytes({"Mandaten": [HEADER, *BASE], "Andere": other})
    src = tmp_path / "in.xlsx"
    src.write_bytes(data)
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    if cmd in ROW_COMMANDS:
        assert_rows_kept(out, HEADER, BASE, cmd)
    data2 = xlsx_bytes({"Voorblad": [["Export mandaten"]], "Mandaten": [HEADER, *BASE]})
    src2 = tmp_path / "in2.xlsx"
    src2.write_bytes(data2)
    argv, out = argv_for(cmd, str(src2), tmp_path, "--sheet", "Mandaten", "--force")
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    if cmd in ROW_COMMANDS:
        assert_rows_kept(out, HEADER, BASE, cmd)


def test_xlsx_numbers_and_ids_are_not_converted(tmp_path, capsys):
    import datetime

    rows = [["0012", 44021, "Schepen", "An", "Jeugd"], ["00099", 12.5, "Schepen", "Bo", datetime.datetime(2019, 1, 2)]]
    src = tmp_path / "in.xlsx"
    src.write_bytes(xlsx_bytes({"Blad1": [HEADER, *rows]}))
    out = tmp_path / "uit.xlsx"
    code, _, err = run(["predict", src, "-o", out], capsys)
    assert code == 0, err
    ws = load_workbook(out).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert values[1][:5] == ["0012", "44021", "Schepen", "An", "Jeugd"]
    assert values[2][:5] == ["00099", "12.5", "Schepen", "Bo", "2019-01-02"]
    assert all(c.data_type == "s" for r in ws.iter_rows() for c in r if c.value is not None)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_stdin(cmd, kind, tmp_path, capsys, monkeypatch):
    data = csv_bytes(HEADER, BASE, encoding="cp1252") if kind == "csv" else xlsx_bytes({"Blad1": [HEADER, *BASE]})
    argv, out = argv_for(cmd, "-", tmp_path)
    code, _, err = run(argv, capsys, monkeypatch, stdin=data)
    assert_ok(code, cmd, err)
    if cmd in ROW_COMMANDS:
        assert_rows_kept(out, HEADER, BASE, cmd)


@pytest.mark.parametrize("cmd", ROW_COMMANDS)
@pytest.mark.parametrize("kind", ["csv", "xlsx", "csv_no_newline"])
def test_header_without_rows_gives_empty_output_with_header(cmd, kind, tmp_path, capsys):
    if kind == "xlsx":
        src = tmp_path / "leeg.xlsx"
        src.write_bytes(xlsx_bytes({"Blad1": [HEADER]}))
    else:
        src = tmp_path / "leeg.csv"
        src.write_text(";".join(HEADER) + ("" if kind == "csv_no_newline" else "\r\n"), encoding="utf-8")
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert code == 0, err
    assert read_csv_output(out) == [HEADER + ADDED[cmd]]


@pytest.mark.parametrize("cmd", [c for c in TABLE_COMMANDS if c not in ROW_COMMANDS])
def test_header_without_rows_in_aggregating_commands(cmd, tmp_path, capsys):
    src = tmp_path / "leeg.csv"
    src.write_text(";".join(HEADER) + "\r\n", encoding="utf-8")
    argv, _ = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert code in (0, 2), err
    assert "Traceback" not in err and "interne fout" not in err
    if code == 2:
        assert err.startswith("gkclassify: fout: [") and "leeg.csv" in err


def test_blank_lines_and_empty_rows(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("\r\n\r\nID;Bevoegdheden\r\n0001;Jeugd\r\n;\r\n\r\n0002;Sport\r\n;;\r\n\r\n", encoding="utf-8")
    table = read_table(src)
    assert table.rows == [["0001", "Jeugd"], ["", ""], ["0002", "Sport"], ["", ""]]
    single = tmp_path / "een.csv"
    single.write_text("bevoegdheid\nJeugd\n\nSport\n\n", encoding="utf-8")
    assert read_table(single).rows == [["Jeugd"], [""], ["Sport"]]  # Excel writes an empty cell as an empty line


@pytest.mark.parametrize("cmd", ROW_COMMANDS)
def test_one_column_file_keeps_commas_in_cells(cmd, tmp_path, capsys):
    src = tmp_path / "lijst.csv"
    src.write_text("Bevoegdheden\r\nJeugd, sport\r\nCultuur\r\n\r\nFinanciën; begroting\r\n", encoding="cp1252")
    table = read_table(src)
    assert table.columns == ["Bevoegdheden"]
    assert table.rows == [["Jeugd, sport"], ["Cultuur"], [""], ["Financiën; begroting"]]
    argv, out = argv_for(cmd, str(src), tmp_path)
    code, _, err = run(argv, capsys)
    assert_ok(code, cmd, err)
    assert_rows_kept(out, ["Bevoegdheden"], table.rows, cmd)
    if cmd == "predict":
        assert read_csv_output(out)[1][1] == "sport;jeugd"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_title_lines_above_the_header_are_skipped(kind, tmp_path, capsys):
    lines = [["Export mandaten Gemeente Hoogdonk"], ["Aangemaakt op 2024-05-01"], [], HEADER, *BASE]
    if kind == "csv":
        src = tmp_path / "export.csv"
        src.write_bytes(csv_bytes(lines[0], [r for r in lines[1:]]))
    else:
        src = tmp_path / "export.xlsx"
        src.write_bytes(xlsx_bytes({"Blad1": lines}))
    table = read_table(src)
    assert table.columns == HEADER and table.rows == BASE
    assert any("titelregel" in w for w in table.warnings)
    code, _, err = run(["predict", src, "-o", tmp_path / "uit.csv"], capsys)
    assert code == 0 and "titelregel" in err


def test_utf32_and_unusual_line_endings(tmp_path):
    src = tmp_path / "u32.csv"
    src.write_bytes(csv_bytes(HEADER, BASE, encoding="utf-32"))
    assert read_table(src).rows == BASE
    mac = tmp_path / "mac.csv"
    mac.write_bytes(csv_bytes(HEADER, BASE, terminator="\r"))
    assert read_table(mac).rows == BASE


# --------------------------------------------------------------------------- errors


def _make(kind: str, tmp_path: Path) -> tuple[str, list[str], list[str]]:
    """An input path, extra options and the texts the error message must contain."""
    if kind == "missing":
        return str(tmp_path / "bestaat_niet.csv"), [], ["E001", "bestaat_niet.csv"]
    if kind == "directory":
        d = tmp_path / "map.csv"
        d.mkdir()
        return str(d), [], ["E002", "map.csv"]
    p = tmp_path / f"{kind}.csv"
    if kind == "empty":
        p.write_bytes(b"")
        return str(p), [], ["E003", p.name]
    if kind == "whitespace":
        p.write_bytes(b" \r\n\t\r\n  \n")
        return str(p), [], ["E060", p.name]
    if kind == "missing_column":
        p.write_bytes(csv_bytes(HEADER, BASE))
        return str(p), ["--column", "Portefeuille"], ["Portefeuille", "Bevoegdheden"]
    if kind == "no_text_column":
        p.write_bytes(csv_bytes(["a", "b"], [["1", "2"]]))
        return str(p), [], [p.name, "'a', 'b'"]
    if kind == "png":
        p = tmp_path / "foto.csv"
        p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
        return str(p), [], ["E006", "foto.csv", "PNG"]
    if kind == "random_bytes":
        p.write_bytes(bytes(range(256)) * 20)
        return str(p), [], ["E006", "binaire"]
    if kind == "pdf":
        p = tmp_path / "verslag.pdf"
        p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
        return str(p), [], ["E006", "PDF"]
    if kind == "html":
        p.write_text("<!DOCTYPE html><html><body><table><tr><td>Jeugd</td></tr></table></body></html>", encoding="utf-8")
        return str(p), [], ["E006", "HTML"]
    if kind == "json":
        p.write_text('[{"naam": "An", "bevoegdheden": "Jeugd"}]', encoding="utf-8")
        return str(p), [], ["E006", "JSON"]
    if kind == "old_xls":
        p = tmp_path / "oud.xls"
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        return str(p), [], ["E006", ".xls"]
    if kind == "corrupt_xlsx":
        p = tmp_path / "kapot.xlsx"
        p.write_bytes(xlsx_bytes({"Blad1": [HEADER, *BASE]})[:300])
        return str(p), [], ["E006", "kapot.xlsx"]
    if kind == "zip_not_xlsx":
        import zipfile

        p = tmp_path / "archief.xlsx"
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("iets.txt", "geen werkmap")
        return str(p), [], ["E006", "archief.xlsx"]
    if kind == "missing_sheet":
        p = tmp_path / "bladen.xlsx"
        p.write_bytes(xlsx_bytes({"Mandaten": [HEADER, *BASE], "Info": [["x"]]}))
        return str(p), ["--sheet", "Bevoegdheden"], ["E007", "Bevoegdheden", "'Mandaten', 'Info'"]
    if kind == "empty_sheet":
        p = tmp_path / "leegblad.xlsx"
        p.write_bytes(xlsx_bytes({"Blad1": []}))
        return str(p), [], ["E061", "leegblad.xlsx"]
    if kind == "unreadable_encoding":
        rows = [["1", "北京", "Schepen", "王伟", "青年事务和体育运动, 财政"], ["2", "上海", "Schepen", "李娜", "文化和旅游"]]
        p.write_bytes(csv_bytes(HEADER, rows * 5, encoding="gbk"))
        return str(p), [], ["E008", "UTF-8"]
    if kind == "bad_delimiter":
        p.write_bytes(csv_bytes(HEADER, BASE))
        return str(p), ["--delimiter", ";;"], ["E063", "';;'"]
    raise AssertionError(kind)


ERROR_CASES = [
    "missing", "directory", "empty", "whitespace", "missing_column", "no_text_column", "png", "random_bytes",
    "pdf", "html", "json", "old_xls", "corrupt_xlsx", "zip_not_xlsx", "missing_sheet", "empty_sheet",
    "unreadable_encoding", "bad_delimiter",
]


@pytest.mark.parametrize("kind", ERROR_CASES)
@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_bad_files_give_a_clear_error(cmd, kind, tmp_path, capsys):
    inp, extra, needles = _make(kind, tmp_path)
    if cmd not in ROW_COMMANDS and kind == "no_text_column":
        needles = [Path(inp).name]
    argv, out = argv_for(cmd, inp, tmp_path, *extra)
    code, _, err = run(argv, capsys)
    assert_clear_error(code, err, *needles)
    assert not out.exists() and no_temp_files(tmp_path)


# --------------------------------------------------------------------------- output safety


@pytest.fixture()
def good_csv(tmp_path: Path) -> Path:
    p = tmp_path / "goed.csv"
    p.write_bytes(csv_bytes(HEADER, BASE))
    return p


@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_existing_output_only_replaced_with_force(cmd, good_csv, tmp_path, capsys):
    argv, out = argv_for(cmd, str(good_csv), tmp_path)
    out.write_bytes(b"oud")
    code, _, err = run(argv, capsys)
    assert_clear_error(code, err, out.name)
    assert out.read_bytes() == b"oud"
    code, _, err = run([*argv, "--force"], capsys)
    assert_ok(code, cmd, err)
    assert out.read_bytes() != b"oud" and no_temp_files(tmp_path)


@pytest.mark.parametrize("cmd", TABLE_COMMANDS)
def test_input_is_never_overwritten(cmd, tmp_path, capsys):
    suffix = ".csv" if cmd in ROW_COMMANDS else ".xlsx"
    src = tmp_path / f"invoer{suffix}"
    src.write_bytes(csv_bytes(HEADER, BASE) if suffix == ".csv" else xlsx_bytes({"Blad1": [HEADER, *BASE]}))
    before = src.read_bytes()
    argv = [cmd, str(src), str(src)] if cmd == "compare" else [cmd, str(src)]
    for extra in (["-o", str(src)], ["-o", str(src), "--force"], ["-o", str(tmp_path / "." / src.name), "--force"]):
        code, _, err = run(argv + extra, capsys)
        assert code == 2, err
        assert src.read_bytes() == before


@pytest.mark.parametrize("cmd", ROW_COMMANDS)
def test_unknown_output_format_and_unwritable_output(cmd, good_csv, tmp_path, capsys):
    code, _, err = run([cmd, good_csv, "-o", tmp_path / "uit.pdf"], capsys)
    assert_clear_error(code, err, "E011", ".pdf")
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    code, _, err = run([cmd, good_csv, "-o", blocker / "uit.csv"], capsys)
    assert_clear_error(code, err, "E062")


@pytest.mark.parametrize("cmd", ROW_COMMANDS)
def test_formulas_are_neutralized_in_csv_and_xlsx(cmd, tmp_path, capsys):
    rows = BASE + HOSTILE_CELLS["formulas"]
    src = tmp_path / "in.csv"
    src.write_bytes(csv_bytes(HEADER, rows))
    out_csv = tmp_path / "uit.csv"
    code, _, err = run([cmd, src, "-o", out_csv], capsys)
    assert_ok(code, cmd, err)
    for r in read_csv_output(out_csv):
        for cell in r:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    out_xlsx = tmp_path / "uit.xlsx"
    code, _, err = run([cmd, src, "-o", out_xlsx], capsys)
    assert_ok(code, cmd, err)
    ws = load_workbook(out_xlsx).worksheets[0]
    cells = [c for r in ws.iter_rows() for c in r if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert all(not str(c.value).startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert values[len(BASE) + 1][0] == "'=1+1"
    assert values[len(BASE) + 1][TEXT] == "'=HYPERLINK(\"http://x\",\"klik\")"


@pytest.mark.parametrize("cmd", ROW_COMMANDS)
def test_xlsx_output_survives_control_characters_and_huge_cells(cmd, tmp_path, capsys):
    rows = BASE + HOSTILE_CELLS["nul_and_control"] + HOSTILE_CELLS["long_cell"]
    src = tmp_path / "in.csv"
    src.write_bytes(csv_bytes(HEADER, rows))
    out = tmp_path / "uit.xlsx"
    code, _, err = run([cmd, src, "-o", out], capsys)
    assert_ok(code, cmd, err)
    if cmd == "validate":
        assert "afgekapt" in err and "stuurtekens" in err
    ws = load_workbook(out).worksheets[0]
    assert ws.max_row == len(rows) + 1
    assert [ws.cell(i + 2, 1).value for i in range(len(rows))] == [r[0] for r in rows]
    assert ws.cell(len(rows) + 1, TEXT + 1).value == rows[-1][TEXT][:32767]
    assert ws.cell(len(BASE) + 2, TEXT + 1).value == "Jeugdsport\x7f en cultuur"  # C0 removed, DEL is legal XML


def test_predict_to_stdout_and_jsonl(good_csv, tmp_path, capsys):
    import json

    code, out, _ = run(["predict", good_csv], capsys)
    assert code == 0
    got = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert [r[0] for r in got] == ["ID", "0012", "0013", "0014", "0015"]
    out_jsonl = tmp_path / "uit.jsonl"
    code, _, _ = run(["predict", good_csv, "-o", out_jsonl], capsys)
    assert code == 0
    lines = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert [d["ID"] for d in lines] == ["0012", "0013", "0014", "0015"]


# --------------------------------------------------------------------------- real processes


def _subprocess(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "gkclassify", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=120)


def test_subprocess_missing_file_and_stdin(tmp_path):
    res = _subprocess(["predict", str(tmp_path / "nee.csv")])
    assert res.returncode == 2
    assert b"E001" in res.stderr and b"Traceback" not in res.stderr
    res = _subprocess(["predict", "-"], stdin=csv_bytes(HEADER, BASE, encoding="cp1252"))
    assert res.returncode == 0, res.stderr
    rows = list(csv.reader(io.StringIO(res.stdout.decode("utf-8")), delimiter=";"))
    assert len(rows) == len(BASE) + 1 and rows[2][TEXT] == BASE[1][TEXT]


def test_subprocess_validate_hostile_file(tmp_path):
    rows = BASE + HOSTILE_CELLS["nul_and_control"] + HOSTILE_CELLS["right_to_left"] + HOSTILE_CELLS["emoji"]
    src = tmp_path / "in.csv"
    src.write_bytes(csv_bytes(HEADER, rows))
    res = _subprocess(["validate", str(src), "-o", str(tmp_path / "uit.xlsx")])
    assert res.returncode == 1, res.stderr
    assert b"Traceback" not in res.stderr
    assert "Rijen per niveau" in res.stdout.decode("utf-8")
    res = _subprocess(["validate", str(tmp_path / "map")])
    assert res.returncode == 2


@pytest.mark.parametrize("cmd", ROW_COMMANDS)
def test_xlsx_output_wider_than_excel_is_a_clear_error(cmd, tmp_path, capsys):
    """Regression: a row with ~20,000 unquoted ';' became ~20,000 kolom_N columns and writing
    .xlsx ended in "interne fout: ValueError: Invalid column index" (exit 3)."""
    src = tmp_path / "in.csv"
    src.write_bytes(csv_bytes(HEADER, BASE) + ("Gent;Schepen;" + "Jeugd;" * 20_000 + "\r\n").encode())
    out = tmp_path / "uit.xlsx"
    code, _, err = run([cmd, src, "-o", out], capsys)
    assert_clear_error(code, err, "E067", str(out), "16384", ".csv")
    assert not out.exists() and no_temp_files(tmp_path)
    code, _, err = run([cmd, src, "-o", tmp_path / "uit.csv"], capsys)  # CSV has no such limit
    assert_ok(code, cmd, err)
