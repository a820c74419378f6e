"""The CLI: predict on CSV, ;-CSV in cp1252 and xlsx; help for every command; exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from openpyxl import Workbook, load_workbook

from gkclassify.cli import COMMANDS, build_parser, main

TEXT = "Financiën, sociale zaken en gelijke kansen"


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_ending_with_an_example(name, capsys):
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-2].strip() == "Voorbeeld:" or "Voorbeeld:" in out.split("\n\n")[-1]
    assert f"gkclassify {name}" in out.split("Voorbeeld:")[-1]


def test_top_level_help_lists_commands():
    text = build_parser().format_help()
    for name in COMMANDS:
        assert name in text


def test_predict_csv_keeps_rows_columns_and_values(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("nis,naam,bevoegdheid\n0012,An,\"" + TEXT + "\"\n0013,Jan,\n0014,Piet,Gelijke Kanssen\n", encoding="utf-8")
    code, out, _ = _run(["predict", str(src)], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["nis", "naam", "bevoegdheid", "domains", "gk_status", "gk_score", "unrecognized", "evidence"]
    assert [r[0] for r in rows[1:]] == ["0012", "0013", "0014"]
    assert rows[1][2] == TEXT
    assert rows[1][3] == "financien;sociale_zaken;gelijke_kansen" and rows[1][4] == "explicit"
    assert rows[2][3] == "" and rows[2][4] == "none"
    assert rows[3][4] == "explicit"


def test_predict_semicolon_cp1252_as_belgian_excel_writes_it(tmp_path, capsys):
    src = tmp_path / "excel.csv"
    src.write_bytes("Gemeente;Beleidsdomein\r\nGent;Financiën;\r\nBrugge;Sociale zaken\r\n".replace("Financiën;", "Financiën").encode("cp1252"))
    out = tmp_path / "uit.jsonl"
    code, _, _ = _run(["predict", str(src), "-o", str(out)], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["Beleidsdomein"] == "Financiën" and rows[0]["domains"] == "financien"
    assert rows[1]["gk_status"] == "possibly_hidden"


def test_predict_xlsx_in_and_out(tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(["Gemeente", "Bevoegdheden", "NIS"])
    ws.append(["Gent", TEXT, "0012"])
    ws.append(["Aalst", "@SUM(A1:A9)", 41002])
    ws.append(["Brugge", None, None])
    src = tmp_path / "in.xlsx"
    wb.save(src)
    out = tmp_path / "uit.xlsx"
    code, _, _ = _run(["predict", str(src), "-o", str(out)], capsys)
    assert code == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Gemeente", "Bevoegdheden", "NIS", "domains")
    assert rows[1][2] == "0012" and rows[2][2] == "41002"
    assert rows[1][3] == "financien;sociale_zaken;gelijke_kansen"
    assert rows[2][1] == "'@SUM(A1:A9)"  # the formula is neutralized
    assert len(rows) == 4
    # deterministic bytes, and no overwrite without --force
    first = out.read_bytes()
    code, _, err = _run(["predict", str(src), "-o", str(out)], capsys)
    assert code == 2 and "--force" in err
    code, _, _ = _run(["predict", str(src), "-o", str(out), "--force"], capsys)
    assert code == 0 and out.read_bytes() == first


def test_missing_column_lists_the_columns(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("gemeente,naam\nGent,An\n", encoding="utf-8")
    code, _, err = _run(["predict", str(src)], capsys)
    assert code == 2
    assert "'gemeente'" in err and "'naam'" in err and "--column" in err
    code, _, err = _run(["predict", str(src), "--column", "bevoegdheid"], capsys)
    assert code == 2 and "bevoegdheid" in err


def test_input_is_never_overwritten(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("bevoegdheid\nJeugd\n", encoding="utf-8")
    before = src.read_bytes()
    code, _, err = _run(["predict", str(src), "-o", str(src), "--force"], capsys)
    assert code == 2 and src.read_bytes() == before


def test_usage_errors_exit_2(capsys):
    code, _, _ = _run([], capsys)
    assert code == 2
    with pytest.raises(SystemExit) as exc:
        main(["predict"])
    assert exc.value.code == 2


def test_python_dash_m_and_evaluate_json(root):
    r = subprocess.run([sys.executable, "-m", "gkclassify", "evaluate", str(root / "training_data" / "dev_hand.csv"), "--column", "text", "--json"],
                       capture_output=True, text=True, check=True)
    data = json.loads(r.stdout)
    assert set(data) >= {"micro", "macro", "per_domain", "exact_match", "gk_confusion", "gk_explicit"}
    assert len(data["per_domain"]) == 38


@pytest.mark.parametrize("name", [c for c in COMMANDS if c != "train"])  # train rewrites a model: minutes
def test_every_help_example_runs_from_the_repo_root(name, root, tmp_path, monkeypatch, capsys):
    """Regression: the examples of report, compare and validate named files that do not exist
    (mandaten.csv, mandaten_2023.csv, export.csv). Run each one as written, in a folder that
    looks like the repo root (examples/ and training_data/), with the output redirected."""
    import shlex

    for folder in ("examples", "training_data"):
        (tmp_path / folder).symlink_to(root / folder)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main([name, "--help"])
    epilog = capsys.readouterr().out.split("Voorbeeld:")[-1]
    lines = [ln.strip() for ln in epilog.strip().splitlines()]
    assert lines and all(ln.startswith(f"gkclassify {name}") for ln in lines)
    for line in lines:
        words = shlex.split(line)
        target = None
        if ">" in words:
            target = tmp_path / words[words.index(">") + 1]
            words = words[: words.index(">")]
        code, out, err = _run(words[1:], capsys)
        assert code in (0, 1), f"{line}: exit {code}: {err}"  # 1: validate found something
        if target is not None:
            target.write_text(out, encoding="utf-8")
            if "--json" in words:
                json.loads(out)
        if "-o" in words:
            assert (tmp_path / words[words.index("-o") + 1]).exists(), line


def test_evaluate_missing_labels_column_points_to_labels(tmp_path, capsys):
    """Regression: a file without a 'domains' column said "Kies er een met --column"."""
    p = tmp_path / "ongelabeld.csv"
    p.write_text("text;bevoegdheid\nJeugd;x\n", encoding="utf-8")
    code, _, err = _run(["evaluate", str(p), "--column", "text"], capsys)
    assert code == 2 and "E066" in err and "--labels" in err and "'domains'" in err and "'bevoegdheid'" in err
    code, _, err = _run(["evaluate", str(p), "--column", "tekst"], capsys)  # the text column: still E004
    assert code == 2 and "E004" in err and "'tekst'" in err
