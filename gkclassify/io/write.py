"""Write tables atomically: CSV, TSV, XLSX or JSON Lines by extension, or CSV to stdout.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) are prefixed with ``'`` in CSV and
XLSX output (OWASP's advice); JSON Lines keeps values as they are.

Output goes to a temporary file in the target folder that is renamed into
place, so a reader never sees half a file; an existing file is replaced only
with ``force``, an input file never. XLSX cannot hold control characters or
cells longer than 32,767 characters: those are removed or cut, and
:func:`write_table` returns a warning that says so.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["escape_formula", "write_table", "atomic_write", "check_output", "save_workbook", "workbook_bytes", "OUTPUT_FORMATS"]

OUTPUT_FORMATS = (".csv", ".tsv", ".xlsx", ".jsonl", ".json")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: object) -> str:
    """Neutralize a cell that a spreadsheet would evaluate.

    Examples
    --------
    >>> escape_formula("=HYPERLINK(\\"http://x\\")"), escape_formula("- Jeugd"), escape_formula("Jeugd")
    ('\\'=HYPERLINK("http://x")', "'- Jeugd", 'Jeugd')
    """
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    if value and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_ILLEGAL_XLSX: dict[int, None] = dict.fromkeys(
    [c for c in range(0x20) if c not in (9, 10, 13)] + [0xFFFE, 0xFFFF] + list(range(0xD800, 0xE000)), None
)
XLSX_MAX_CELL = 32767
XLSX_MAX_COLUMNS = 16384


def _xlsx_cell(value: str, stats: dict[str, int] | None = None) -> str:
    clean = value.translate(_ILLEGAL_XLSX)
    if stats is not None and len(clean) != len(value):
        stats["stripped"] = stats.get("stripped", 0) + 1
    out = escape_formula(clean)
    if len(out) > XLSX_MAX_CELL:
        if stats is not None:
            stats["cut"] = stats.get("cut", 0) + 1
        out = out[:XLSX_MAX_CELL]
    return out


def atomic_write(path: Path, writer: Callable[[Any], None], *, binary: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError("E062", path=str(path), reason=exc.strerror or str(exc)) from None
    try:
        if binary:
            with os.fdopen(fd, "wb") as f:
                writer(f)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                writer(f)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise InputError("E062", path=str(path), reason=exc.strerror or str(exc)) from None
        raise


def check_output(output: str | os.PathLike[str], *, inputs: Sequence[str] = (), force: bool = False) -> Path:
    """Refuse to overwrite an input or, without ``force``, an existing file."""
    out = Path(output)
    suffix = out.suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise InputError("E011", path=str(out), suffix=suffix, options=", ".join(OUTPUT_FORMATS))
    for inp in inputs:
        if inp != "-" and Path(inp).exists() and out.exists() and os.path.samefile(inp, out):
            raise InputError("E010", path=str(out))
        if inp != "-" and Path(inp).resolve() == out.resolve():
            raise InputError("E010", path=str(out))
    if out.is_dir():
        raise InputError("E002", path=str(out))
    if out.exists() and not force:
        raise InputError("E009", path=str(out))
    return out


def _write_csv(f: Any, columns: Sequence[str], rows: Sequence[Sequence[str]], delimiter: str) -> None:
    terminator = "\r\n" if delimiter == ";" else "\n"
    w = csv.writer(f, delimiter=delimiter, lineterminator=terminator)
    # the csv module quotes a lone carriage return only when it is part of the line
    # terminator; such a row is written fully quoted so that it reads back as one row
    quoted = csv.writer(f, delimiter=delimiter, lineterminator=terminator, quoting=csv.QUOTE_ALL)
    for r in [columns, *rows]:
        cells = [escape_formula(c) for c in r]
        (quoted if any("\r" in c for c in cells) else w).writerow(cells)


def _jsonl_lines(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    """One JSON object per row; a repeated column name gets ``.2``, ``.3``, … ."""
    for r in rows:
        obj: dict[str, str] = {}
        for c, v in zip(columns, r):
            key, n = c, 2
            while key in obj:
                key, n = f"{c}.{n}", n + 1
            obj[key] = v
        yield json.dumps(obj, ensure_ascii=False) + "\n"


def write_table(
    output: str | os.PathLike[str] | None,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    inputs: Sequence[str] = (),
    force: bool = False,
    sheet_name: str = "gkclassify",
    delimiter: str = ",",
    extra_sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]] = (),
) -> list[str]:
    """Write ``rows`` under ``columns`` to ``output`` (``None`` or ``"-"``: CSV on stdout).

    ``extra_sheets`` (``(name, columns, rows)``) are added as further sheets of
    an ``.xlsx`` output and ignored for other formats.

    Returns
    -------
    list of str
        Warnings about what the format could not keep (XLSX: control
        characters removed, cells cut at 32,767 characters).
    """
    if output is None or str(output) == "-":
        buf = io.StringIO(newline="")
        _write_csv(buf, columns, rows, delimiter)
        _stdout_write(buf.getvalue())
        return []
    out = check_output(output, inputs=inputs, force=force)
    suffix = out.suffix.lower()
    if suffix in (".csv", ".tsv"):
        d = "\t" if suffix == ".tsv" else delimiter
        atomic_write(out, lambda f: _write_csv(f, columns, rows, d))
    elif suffix in (".jsonl", ".json"):

        atomic_write(out, lambda f: f.writelines(_jsonl_lines(columns, rows)))
    else:
        from openpyxl import Workbook

        widest = max([len(columns)] + [len(cols) for _, cols, _ in extra_sheets])
        if widest > XLSX_MAX_COLUMNS:
            raise InputError("E067", path=str(out), n=widest, limit=XLSX_MAX_COLUMNS)
        stats: dict[str, int] = {}
        wb = Workbook(write_only=False)
        _fill_sheet(wb.active, sheet_name, columns, rows, stats)
        for name, cols, rws in extra_sheets:
            _fill_sheet(wb.create_sheet(), name, cols, rws, stats)
        save_workbook(wb, out)
        warnings = []
        if stats.get("stripped"):
            warnings.append(f"{out}: stuurtekens verwijderd uit {stats['stripped']} cel(len) (Excel kan ze niet bewaren)")
        if stats.get("cut"):
            warnings.append(f"{out}: {stats['cut']} cel(len) afgekapt op {XLSX_MAX_CELL} tekens (de grens van Excel)")
        return warnings
    return []


def _stdout_write(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            raise
        sys.stdout.flush()
        buffer.write(text.encode("utf-8", errors="replace"))
    sys.stdout.flush()


_SHEET_TITLE_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _fill_sheet(ws: Any, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], stats: dict[str, int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws.title = (title.translate(_SHEET_TITLE_BAD).strip("'") or "blad")[:31]
    ws.append([_xlsx_cell(c, stats) for c in columns])
    for r in rows:
        ws.append([_xlsx_cell(v, stats) for v in r])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    if rows and columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(columns)))}{len(rows) + 1}"
    for j, c in enumerate(columns, start=1):
        sample = [len(c)] + [len(str(r[j - 1]).split("\n")[0]) for r in rows[:200] if j - 1 < len(r)]
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, max(sample) + 2))


_FIXED_TIME = "2000-01-01T00:00:00Z"


def workbook_bytes(wb: Any) -> bytes:
    """The workbook as ``.xlsx`` bytes that are the same for the same content.

    openpyxl stamps the save time into ``docProps/core.xml`` and the zip
    entries; both are fixed here so output is deterministic byte for byte.
    """
    import re
    import zipfile

    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + _FIXED_TIME.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)
    return out.getvalue()


def save_workbook(wb: Any, path: Path) -> None:
    """Save an openpyxl workbook atomically and deterministically."""
    data = workbook_bytes(wb)
    atomic_write(path, lambda f: f.write(data), binary=True)
