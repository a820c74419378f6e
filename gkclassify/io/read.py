"""Read a user's table into strings, with clear errors (file, row, column, value).

``read_table`` accepts CSV (``,`` ``;`` tab ``|``), TSV and ``.xlsx``; UTF-8
with or without BOM, UTF-16 with BOM, Windows-1252 (as Belgian Excel writes
it) and Latin-1; ``-`` for standard input. Nothing is converted: every cell is
the text that was written. Rows that are shorter than the header are padded
with empty cells; fields beyond the header get extra columns (``kolom_N``), so
nothing is lost; both are recorded in ``Table.warnings``.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from ..errors import InputError
from ..normalize import normalize

__all__ = ["Table", "read_table", "find_column", "decode_bytes", "sniff_delimiter", "TEXT_COLUMN_CANDIDATES"]

TEXT_COLUMN_CANDIDATES = (
    "beleidsdomein", "beleidsdomeinen", "bevoegdheid", "bevoegdheden", "portefeuille",
    "bevoegdheden schepen", "beleidsdomein omschrijving", "competentie", "competenties",
    "competence", "competences", "domein", "domeinen", "beleidsveld", "beleidsvelden",
    "tekst", "text",
)
_BINARY_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".zip", ".gz", ".docx", ".doc", ".pptx", ".exe", ".parquet", ".xls", ".ods", ".json"}
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_MAGIC_BINARY = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"PAR1")


@dataclass
class Table:
    """A table of strings read from a file.

    ``columns`` keeps the header exactly as written (duplicates included);
    ``rows`` are lists of the same length as ``columns``.
    """

    path: str
    columns: list[str]
    rows: list[list[str]]
    encoding: str = "utf-8"
    delimiter: str = ","
    sheet: str | None = None
    warnings: list[str] = field(default_factory=list)

    def column(self, name: str) -> list[str]:
        j = self.columns.index(name)
        return [r[j] for r in self.rows]

    def index(self, name: str) -> int:
        return self.columns.index(name)


def _read_bytes(path: str) -> tuple[str, bytes]:
    if path == "-":
        return "<stdin>", sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError("E001", path=path)
    if p.is_dir():
        raise InputError("E002", path=path)
    try:
        return path, p.read_bytes()
    except PermissionError:
        raise InputError("E006", path=path, reason="het bestand kan niet gelezen worden (geen leesrechten)") from None


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Text and the encoding it was read with; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("E008", path=path, tried="utf-16") from None
    head = data[:8192]
    if head.startswith(_MAGIC_BINARY) or head.count(b"\x00") > max(1, len(head) // 100):
        raise InputError("E006", path=path, reason="het bevat binaire gegevens")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    text = data.decode("latin-1")
    c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    if c1 > max(3, len(text) // 50):
        raise InputError("E008", path=path, tried="utf-8, utf-8-sig, cp1252, latin-1")
    return text, "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter among ``,`` ``;`` tab ``|`` that splits the first lines most consistently.

    Examples
    --------
    >>> sniff_delimiter("gemeente;bevoegdheid\\nGent;Jeugd, sport\\n")
    ';'
    >>> sniff_delimiter("a,b\\n1,2\\n")
    ','
    """
    sample = text[:65536]
    lines = sample.splitlines()[:50]
    if len(sample) == 65536 and len(lines) > 1:
        lines = lines[:-1]
    best, best_key = ",", (-1, 0, 0)
    for delim in (",", ";", "\t", "|"):
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delim))
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for r in rows if len(r) == width)
        key = (consistent, width, -(",;\t|".index(delim)))
        if key > best_key:
            best, best_key = delim, key
    return best


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes, path: str, sheet: str | None) -> tuple[list[list[str]], str]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError("E006", path=path, reason=f"geen geldig .xlsx-bestand ({type(exc).__name__})") from None
    try:
        names = wb.sheetnames
        if sheet is not None and sheet not in names:
            raise InputError("E007", path=path, sheet=sheet, available=", ".join(repr(n) for n in names))
        ws = wb[sheet] if sheet is not None else wb[names[0]]
        rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        title = ws.title
    finally:
        wb.close()
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    while width and all((len(r) < width or not r[width - 1]) for r in rows):
        width -= 1
    return [r[:width] for r in rows], title


def _rectangular(path: str, raw_rows: Sequence[list[str]], warnings: list[str]) -> tuple[list[str], list[list[str]]]:
    header = list(raw_rows[0])
    width = len(header)
    widest = max((len(r) for r in raw_rows), default=width)
    short, long_ = [], []
    rows = []
    for i, r in enumerate(raw_rows[1:], start=2):
        if len(r) < width:
            if r and any(r) or len(r) > 0:
                short.append(i)
            r = list(r) + [""] * (width - len(r))
        elif len(r) > width:
            long_.append(i)
        rows.append(list(r))
    if widest > width:
        header = header + [f"kolom_{j + 1}" for j in range(width, widest)]
        rows = [r + [""] * (widest - len(r)) for r in rows]
    if short:
        warnings.append(f"{path}: {len(short)} rij(en) met te weinig velden aangevuld met lege cellen (rij {_few(short)})")
    if long_:
        warnings.append(f"{path}: {len(long_)} rij(en) met meer velden dan de kopregel; extra velden staan in kolom_N (rij {_few(long_)})")
    seen: dict[str, int] = {}
    for c in header:
        seen[c] = seen.get(c, 0) + 1
    dups = [c for c, n in seen.items() if n > 1]
    if dups:
        warnings.append(f"{path}: dubbele kolomnamen {dups}; de eerste wordt gebruikt om op te zoeken, alle blijven behouden")
    return header, rows


def _few(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:5])) + (" …" if len(rows) > 5 else "")


def read_table(path: str | os.PathLike[str], *, sheet: str | None = None, delimiter: str | None = None) -> Table:
    """Read a CSV, TSV or XLSX file (``"-"`` for standard input) as strings.

    Raises
    ------
    InputError
        For a missing file, a directory, an empty or binary file, an unknown
        sheet or an unreadable encoding; the message names the file and what
        would be accepted.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "in.csv")
    >>> _ = open(p, "w", encoding="cp1252").write("nis;bevoegdheid\\n0012;Financiën\\n")
    >>> t = read_table(p)
    >>> t.columns, t.rows, t.delimiter, t.encoding
    (['nis', 'bevoegdheid'], [['0012', 'Financiën']], ';', 'cp1252')
    """
    spath = os.fspath(path)
    shown, data = _read_bytes(spath)
    suffix = Path(spath).suffix.lower()
    if not data:
        raise InputError("E003", path=shown)
    warnings: list[str] = []
    if suffix in _XLSX_SUFFIXES or data[:4] == b"PK\x03\x04":
        raw_rows, title = _read_xlsx(data, shown, sheet)
        if not raw_rows:
            raise InputError("E003", path=shown)
        header, rows = _rectangular(shown, raw_rows, warnings)
        return Table(shown, header, rows, "xlsx", "", title, warnings)
    if sheet is not None:
        warnings.append(f"{shown}: --sheet {sheet!r} genegeerd: geen Excel-bestand")
    if suffix in _BINARY_SUFFIXES:
        raise InputError("E006", path=shown, reason=f"bestanden van het type {suffix} worden niet gelezen")
    text, encoding = decode_bytes(data, shown)
    if not text.strip():
        raise InputError("E003", path=shown)
    delim = delimiter or ("\t" if suffix in (".tsv", ".tab") else sniff_delimiter(text))
    text = text.replace("\x00", "")
    try:
        raw_rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False)]
    except csv.Error as exc:
        raise InputError("E006", path=shown, reason=f"CSV niet te ontleden ({exc})") from None
    raw_rows = [r for r in raw_rows if r and any(c.strip() for c in r)] if raw_rows else []
    if not raw_rows:
        raise InputError("E003", path=shown)
    header, rows = _rectangular(shown, raw_rows, warnings)
    return Table(shown, header, rows, encoding, delim, None, warnings)


def iter_csv_rows(path: str, *, encoding: str, delimiter: str) -> Iterator[list[str]]:
    """Stream the rows of a CSV file (header first), for files too large to hold."""
    with open(path, encoding=encoding, newline="") as f:
        yield from csv.reader(f, delimiter=delimiter, strict=False)


def _key(name: str) -> str:
    return " ".join(normalize(name).replace("_", " ").replace("-", " ").split())


def find_column(
    table: Table, wanted: str | None, candidates: Sequence[str] = TEXT_COLUMN_CANDIDATES
) -> str:
    """The column named ``wanted`` or, if ``None``, the first column whose name matches a candidate.

    Names are compared case- and accent-insensitively (``"Beleidsdomein"``,
    ``"BELEIDSDOMEIN "``); a header that contains a candidate also counts
    (``"Bevoegdheden schepen 2023"``).

    Raises
    ------
    InputError
        Listing the columns that are there.
    """
    available = ", ".join(repr(c) for c in table.columns) or "(geen)"
    if wanted is not None:
        if wanted in table.columns:
            return wanted
        for c in table.columns:
            if _key(c) == _key(wanted):
                return c
        raise InputError("E004", path=table.path, column=wanted, available=available)
    keys = [_key(c) for c in table.columns]
    for cand in candidates:
        for c, k in zip(table.columns, keys):
            if k == cand:
                return c
    for cand in candidates:
        for c, k in zip(table.columns, keys):
            if cand in k.split() or (len(cand) > 6 and cand in k):
                return c
    raise InputError("E005", path=table.path, candidates=", ".join(candidates[:6]) + ", …", available=available)
