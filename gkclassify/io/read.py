"""Read a user's table into strings, with clear errors (file, row, column, value).

``read_table`` accepts CSV (``,`` ``;`` tab ``|``), TSV and ``.xlsx``; UTF-8
with or without BOM, UTF-16/UTF-32 with BOM, UTF-16 without BOM, Windows-1252
(as Belgian Excel writes it) and Latin-1; ``-`` for standard input. Nothing is
converted: every cell is the text that was written (``"0012"`` stays
``"0012"``; NUL and control characters are kept). Rows that are shorter than
the header are padded with empty cells; fields beyond the header get extra
columns (``kolom_N``), so nothing is lost; both are recorded in
``Table.warnings`` and, per row, in ``Table.short_rows`` / ``Table.long_rows``.

Tolerated, with a warning: a file whose lines are partly UTF-8 and partly
Windows-1252 (decoded line by line), title lines above the header (skipped),
NUL characters. Blank lines are not rows, except in a one-column file, where
an empty line is an empty cell (as Excel writes it); a one-column file keeps the
commas in its cells ("Jeugd, sport").

Refused, with a message naming the file and what is accepted: a missing file, a
directory, an empty file, a binary or non-tabular file (PDF, image, old ``.xls``,
HTML, JSON), an ``.xlsx`` without the requested sheet, an unreadable encoding.
A header without rows is *not* an error: it gives a table without rows.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..errors import InputError
from ..normalize import normalize

__all__ = [
    "Table", "read_table", "find_column", "find_optional_column", "decode_bytes", "sniff_delimiter",
    "TEXT_COLUMN_CANDIDATES",
]

TEXT_COLUMN_CANDIDATES = (
    "beleidsdomein", "beleidsdomeinen", "bevoegdheid", "bevoegdheden", "portefeuille",
    "bevoegdheden schepen", "beleidsdomein omschrijving", "competentie", "competenties",
    "competence", "competences", "domein", "domeinen", "beleidsveld", "beleidsvelden",
    "tekst", "text",
)
_SUFFIX_REASONS = {
    ".xls": "oud Excel-formaat (.xls); sla het op als .xlsx of CSV",
    ".ods": "OpenDocument-rekenblad (.ods); sla het op als .xlsx of CSV",
    ".pdf": "een PDF-bestand",
    ".docx": "een Word-document",
    ".doc": "een Word-document",
    ".pptx": "een PowerPoint-bestand",
    ".json": "JSON; zet het om naar CSV of .xlsx",
    ".parquet": "een Parquet-bestand; zet het om naar CSV of .xlsx",
}
_BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".zip", ".gz", ".exe", ".bz2", ".xz", ".7z"} | set(_SUFFIX_REASONS)
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_MAGIC = (
    (b"%PDF", "een PDF-bestand"),
    (b"\xd0\xcf\x11\xe0", "oud Excel-formaat (.xls) of een met wachtwoord beveiligd Excel-bestand; sla het op als .xlsx of CSV"),
    (b"\x89PNG", "een afbeelding (PNG)"),
    (b"\xff\xd8\xff", "een afbeelding (JPEG)"),
    (b"GIF8", "een afbeelding (GIF)"),
    (b"\x1f\x8b", "een gzip-archief"),
    (b"\x7fELF", "een programma"),
    (b"PAR1", "een Parquet-bestand"),
    (b"7z\xbc\xaf", "een 7-Zip-archief"),
    (b"{\\rtf", "een RTF-document"),
)
_WESTERN_SMALL = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžß€’‘“”–—…«»°")
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | set(range(0x10, 0x1A)) | {0x1C, 0x1D, 0x1E, 0x1F})


@dataclass
class Table:
    """A table of strings read from a file.

    ``columns`` keeps the header exactly as written (duplicates included);
    ``rows`` are lists of the same length as ``columns``. ``short_rows`` and
    ``long_rows`` hold the 0-based indexes (into ``rows``) of rows that had
    fewer or more fields than the header; spreadsheet row number = index + 2.
    """

    path: str
    columns: list[str]
    rows: list[list[str]]
    encoding: str = "utf-8"
    delimiter: str = ","
    sheet: str | None = None
    warnings: list[str] = field(default_factory=list)
    short_rows: list[int] = field(default_factory=list)
    long_rows: list[int] = field(default_factory=list)

    def column(self, name: str) -> list[str]:
        j = self.columns.index(name)
        return [r[j] for r in self.rows]

    def index(self, name: str) -> int:
        return self.columns.index(name)

    def __len__(self) -> int:
        return len(self.rows)


def _read_bytes(path: str) -> tuple[str, bytes]:
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream (tests, embedding): encode back to bytes
            return "<stdin>", sys.stdin.read().encode("utf-8")
        return "<stdin>", stream.read()
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("E002", path=path)
        if not p.exists():
            raise InputError("E001", path=path)
        return path, p.read_bytes()
    except PermissionError:
        raise InputError("E006", path=path, reason="het bestand kan niet gelezen worden (geen leesrechten)") from None
    except IsADirectoryError:
        raise InputError("E002", path=path) from None
    except OSError as exc:
        raise InputError("E006", path=path, reason=f"het bestand kan niet gelezen worden ({exc.strerror or exc})") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when every other byte is NUL (UTF-16 text without BOM)."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str, warnings: list[str] | None = None) -> tuple[str, str]:
    """Text and the encoding it was read with; binary data is refused.

    Tried in order: a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM, UTF-8,
    UTF-8 mixed with Windows-1252 lines (decoded line by line, with a warning),
    Windows-1252, Latin-1.

    Examples
    --------
    >>> decode_bytes("Financiën".encode("cp1252"), "x.csv")
    ('Financiën', 'cp1252')
    >>> decode_bytes("\\ufeffJeugd".encode("utf-8"), "x.csv")
    ('Jeugd', 'utf-8-sig')
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            raise InputError("E008", path=path, tried="utf-32") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("E008", path=path, tried="utf-16") from None
    head = data[:8192]
    for magic, reason in _MAGIC:
        if head.startswith(magic):
            raise InputError("E006", path=path, reason=reason)
    enc16 = _utf16_without_bom(head)
    if enc16 is not None:
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    n = max(1, len(head))
    nul = head.count(0) / n
    control = sum(1 for b in head if b in _CONTROL_BYTES) / n
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if nul > 0.3 or control > 0.3:
            raise InputError("E006", path=path, reason="het bevat binaire gegevens")
        return text, "utf-8-sig"
    if nul > 0.01 or control > 0.03:
        raise InputError("E006", path=path, reason="het bevat binaire gegevens")
    mixed = _decode_mixed(data)
    if mixed is not None:
        text, n_other = mixed
        if warnings is not None:
            warnings.append(
                f"{path}: gemengde tekstcodering: {n_other} regel(s) in Windows-1252 tussen UTF-8; "
                "beide gelezen, sla het bestand best op als UTF-8"
            )
        return text, "utf-8+cp1252"
    tried = "utf-8, utf-8-sig, utf-16, cp1252, latin-1"
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
        c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
        if c1 > max(3, len(text) // 50):
            raise InputError("E008", path=path, tried=tried) from None
    # Dutch or French in Windows-1252 has some accented small letters; a text in another
    # encoding (Chinese, Cyrillic ...) read as Windows-1252 is mostly symbols and capitals
    sample = [ch for ch in text[:65536] if not ch.isspace()]
    odd = sum(1 for ch in sample if ord(ch) > 127 and ch not in _WESTERN_SMALL)
    if odd > 20 and odd > 0.3 * len(sample):
        raise InputError("E008", path=path, tried=tried)
    return text, encoding


def _decode_mixed(data: bytes) -> tuple[str, int] | None:
    """Text of a file whose lines are partly UTF-8 and partly Windows-1252 (appended exports),
    decoded line by line, with the number of Windows-1252 lines; ``None`` when no line is
    non-ASCII UTF-8 (then it is a plain Windows-1252 file)."""
    out = []
    n_utf8 = n_other = 0
    for line in data.split(b"\n"):
        try:
            s = line.decode("utf-8")
            if not line.isascii():
                n_utf8 += 1
        except UnicodeDecodeError:
            try:
                s = line.decode("cp1252")
            except UnicodeDecodeError:
                s = line.decode("latin-1")
            n_other += 1
        out.append(s)
    if not n_utf8 or not n_other:
        return None
    return "\n".join(out).lstrip("\ufeff"), n_other


def _check_tabular(text: str, path: str) -> None:
    """Refuse HTML, XML and JSON documents that were given as a table."""
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if start.startswith(("<!doctype html", "<html", "<table", "<?xml", "<head", "<body", "<!--")):
        raise InputError("E006", path=path, reason="het is een HTML- of XML-document; sla het op als .xlsx of CSV")
    if start[:1] in ("{", "[") and len(text) < 50_000_000:
        try:
            json.loads(text)
        except ValueError:
            return
        raise InputError("E006", path=path, reason="het is een JSON-document; zet het om naar CSV of .xlsx")


def sniff_delimiter(text: str) -> str:
    """The delimiter among ``,`` ``;`` tab ``|`` that splits the first rows most consistently.

    Quoted fields (with newlines or delimiters inside) are parsed as CSV, not as
    lines. A one-column file gives ``","`` here; :func:`read_table` reads it as
    one column even when its cells contain commas (see :func:`_sniff`).

    Examples
    --------
    >>> sniff_delimiter("gemeente;bevoegdheid\\nGent;Jeugd, sport\\n")
    ';'
    >>> sniff_delimiter("a,b\\n1,2\\n")
    ','
    >>> sniff_delimiter('naam;tekst\\n"Jan";"Jeugd,\\nsport, cultuur"\\n')
    ';'
    """
    return _sniff(text) or ","


def _mode_width(rows: list[list[str]]) -> int:
    counts = Counter(len(r) for r in rows)
    return max(counts, key=lambda w: (counts[w], w))


def _sniff(text: str) -> str | None:
    """The delimiter, or ``None`` for a one-column file.

    A delimiter that splits the body but not the header, and whose fields mostly
    start with a space, is punctuation in prose ("Jeugd, sport" in a one-column
    list), not a delimiter.

    Examples
    --------
    >>> _sniff("bevoegdheid\\nJeugd, sport\\nCultuur, erfgoed\\n") is None
    True
    >>> _sniff("Export 2024\\nnaam;bevoegdheid\\nAn;Jeugd\\nBo;Sport\\n")
    ';'
    """
    _raise_field_limit()
    sample = text[:65536]
    truncated = len(text) > len(sample)
    best, best_key = None, (-1, 0, 0)
    for delim in (",", ";", "\t", "|"):
        try:
            rows = []
            for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delim, strict=False):
                if r and any(c.strip() for c in r):
                    rows.append(r)
                if len(rows) > 50:
                    break
        except csv.Error:
            continue
        if truncated and len(rows) > 1:
            rows = rows[:-1]
        if not rows:
            continue
        width = _mode_width(rows)
        if width < 2:
            continue
        if len(rows[0]) != width:
            body = [c for r in rows if len(r) == width for c in r[1:] if c]
            if body and sum(c[0] == " " for c in body) > 0.5 * len(body):
                continue
        consistent = sum(1 for r in rows if len(r) == width)
        key = (consistent, width, -(",;\t|".index(delim)))
        if key > best_key:
            best, best_key = delim, key
    return best


def _skip_preamble(rows: list[list[str]], path: str, warnings: list[str]) -> list[list[str]]:
    """Drop title lines above the header ("Export mandaten 2024"): up to five leading rows
    with at most one filled cell, when the rows below are at least two cells wide."""

    def filled(r: list[str]) -> int:
        n = len(r)
        while n and not r[n - 1].strip():
            n -= 1
        return n

    lead = 0
    while lead < min(5, len(rows) - 1) and filled(rows[lead]) <= 1:
        lead += 1
    if not lead:
        return rows
    rest = rows[lead : lead + 50]
    width = _mode_width([r[: filled(r)] for r in rest])
    header = rows[lead][:width]
    looks_like_header = all(c.strip() and not c.strip().replace(".", "").replace(",", "").replace("-", "").isdigit() for c in header)
    if width < 2 or filled(rows[lead]) != width or not looks_like_header or sum(1 for r in rest if filled(r) >= 2) < 0.8 * len(rest):
        return rows
    shown = "; ".join(repr(r[0]) for r in rows[:lead] if r and r[0].strip())
    warnings.append(f"{path}: {lead} titelregel(s) boven de kopregel overgeslagen ({shown or 'leeg'})")
    return rows[lead:]


_FIELD_LIMIT_SET = False


def _raise_field_limit() -> None:
    """Allow cells of any size (the csv module's default limit is 128 KiB)."""
    global _FIELD_LIMIT_SET
    if _FIELD_LIMIT_SET:
        return
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            break
        except OverflowError:
            limit //= 10
    _FIELD_LIMIT_SET = True


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time | timedelta):
        return value.isoformat() if not isinstance(value, timedelta) else str(value)
    return str(value)


def _read_xlsx(data: bytes, path: str, sheet: str | None) -> tuple[list[list[str]], str]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for broken files
        raise InputError("E006", path=path, reason=f"geen geldig .xlsx-bestand ({type(exc).__name__})") from None
    try:
        names = wb.sheetnames
        worksheets = wb.worksheets
        if sheet is not None:
            if sheet not in names:
                folded = {n.strip().casefold(): n for n in names}
                if sheet.strip().casefold() not in folded:
                    raise InputError("E007", path=path, sheet=sheet, available=", ".join(repr(n) for n in names) or "(geen)")
                sheet = folded[sheet.strip().casefold()]
            ws = wb[sheet]
            if ws not in worksheets:
                raise InputError("E064", path=path, sheet=sheet, available=", ".join(repr(w.title) for w in worksheets) or "(geen)")
        else:
            if not worksheets:
                raise InputError("E061", path=path, what="geen werkblad")
            ws = worksheets[0]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # some writers store a wrong <dimension>; read every cell
        try:
            rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise InputError("E006", path=path, reason=f"het werkblad {ws.title!r} is beschadigd ({type(exc).__name__})") from None
        title = ws.title
    finally:
        wb.close()
    while rows and not any(rows[-1]):
        rows.pop()
    while rows and not any(rows[0]):
        rows.pop(0)
    width = max((len(r) for r in rows), default=0)
    while width and all((len(r) < width or not r[width - 1]) for r in rows):
        width -= 1
    return [r[:width] + [""] * (width - len(r)) for r in rows], title


def trim_row(r: list[str], width: int) -> list[str]:
    """Drop trailing empty fields beyond the header ("a;b;;"): nothing to keep."""
    return r[:width] if len(r) > width and not any(r[width:]) else r


def extra_columns(header: Sequence[str], widest: int) -> list[str]:
    """Names for the fields beyond the header: ``kolom_N``, made unique against the header."""
    taken = set(header)
    extra = []
    for j in range(len(header), widest):
        name = f"kolom_{j + 1}"
        while name in taken:
            name += "_"
        extra.append(name)
    return extra


def _rectangular(path: str, raw_rows: Sequence[list[str]], warnings: list[str]) -> tuple[list[str], list[list[str]], list[int], list[int]]:
    header = list(raw_rows[0])
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0].lstrip("\ufeff")
    width = len(header)
    short: list[int] = []
    long_: list[int] = []
    rows = []
    for i, r in enumerate(raw_rows[1:]):
        r = trim_row(r, width)
        if len(r) < width:
            short.append(i)
            r = list(r) + [""] * (width - len(r))
        elif len(r) > width:
            long_.append(i)
        rows.append(list(r))
    widest = max((len(r) for r in rows), default=width)
    if widest > width:
        header = header + extra_columns(header, widest)
        rows = [r + [""] * (widest - len(r)) for r in rows]
    if short:
        warnings.append(f"{path}: {len(short)} rij(en) met te weinig velden aangevuld met lege cellen (rij {_few([i + 2 for i in short])})")
    if long_:
        warnings.append(f"{path}: {len(long_)} rij(en) met meer velden dan de kopregel; extra velden staan in kolom_N (rij {_few([i + 2 for i in long_])})")
    seen: dict[str, int] = {}
    for c in header:
        seen[c] = seen.get(c, 0) + 1
    dups = [c for c, n in seen.items() if n > 1]
    if dups:
        warnings.append(f"{path}: dubbele kolomnamen {dups}; de eerste wordt gebruikt om op te zoeken, alle blijven behouden")
    return header, rows, short, long_


def _few(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:5])) + (" …" if len(rows) > 5 else "")


def _delimiter(value: str | None, path: str) -> str | None:
    if value is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "komma": ",", "comma": ",", "puntkomma": ";", "semicolon": ";", "pipe": "|"}
    value = named.get(value.strip().lower(), value) if value.strip() else value
    if len(value) != 1 or value in ('"', "\r", "\n"):
        raise InputError("E063", path=path, value=value)
    return value


def _csv_rows(text: str, delim: str, path: str, warnings: list[str]) -> list[list[str]]:
    _raise_field_limit()
    try:
        raw = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False))
    except csv.Error as exc:
        raise InputError("E006", path=path, reason=f"CSV niet te ontleden ({exc})") from None

    def blank(r: list[str]) -> bool:
        # an empty line, or one of spaces only; a quoted empty cell ('""' => ['']) is a real cell
        return not r or (len(r) == 1 and r[0] != "" and not r[0].strip())

    start = 0
    while start < len(raw) and blank(raw[start]):
        start += 1  # blank lines before the header
    end = len(raw)
    while end > start and blank(raw[end - 1]):
        end -= 1  # blank lines at the end
    raw = _skip_preamble(raw[start:end], path, warnings)
    if not raw:
        return raw
    if len(raw[0]) == 1:
        # one column: an empty line is an empty cell (as Excel writes it), keep it
        return [r if r else [""] for r in raw]
    return [r for r in raw if not blank(r)]


def read_table(path: str | os.PathLike[str], *, sheet: str | None = None, delimiter: str | None = None) -> Table:
    """Read a CSV, TSV or XLSX file (``"-"`` for standard input) as strings.

    Raises
    ------
    InputError
        For a missing file, a directory, an empty, binary or non-tabular file,
        an unknown sheet or an unreadable encoding; the message names the file
        and what would be accepted.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "in.csv")
    >>> _ = open(p, "w", encoding="cp1252").write("nis;bevoegdheid\\n0012;Financiën\\n")
    >>> t = read_table(p)
    >>> t.columns, t.rows, t.delimiter, t.encoding
    (['nis', 'bevoegdheid'], [['0012', 'Financiën']], ';', 'cp1252')
    >>> _ = open(p, "w", encoding="utf-8").write("nis;bevoegdheid\\n")
    >>> read_table(p).rows
    []
    """
    spath = os.fspath(path)
    shown, data = _read_bytes(spath)
    suffix = Path(spath).suffix.lower() if spath != "-" else ""
    if not data:
        raise InputError("E003", path=shown)
    warnings: list[str] = []
    if suffix in _XLSX_SUFFIXES or data[:4] == b"PK\x03\x04":
        if data[:4] != b"PK\x03\x04":
            reason = "geen geldig .xlsx-bestand (geen zip-archief)"
            if data[:4] == b"\xd0\xcf\x11\xe0":
                reason = "oud Excel-formaat (.xls) of een met wachtwoord beveiligd Excel-bestand; sla het op als .xlsx of CSV"
            raise InputError("E006", path=shown, reason=reason)
        raw_rows, title = _read_xlsx(data, shown, sheet)
        raw_rows = _skip_preamble(raw_rows, shown, warnings)
        if not raw_rows:
            raise InputError("E061", path=shown, what=f"het blad {title!r} is leeg")
        header, rows, short, long_ = _rectangular(shown, raw_rows, warnings)
        return Table(shown, header, rows, "xlsx", "", title, warnings, short, long_)
    if suffix in _BINARY_SUFFIXES:
        reason = _SUFFIX_REASONS.get(suffix, f"bestanden van het type {suffix} worden niet gelezen")
        raise InputError("E006", path=shown, reason=reason)
    text, encoding = decode_bytes(data, shown, warnings)
    if not text.strip("\ufeff \t\r\n\x00"):
        raise InputError("E060", path=shown)
    _check_tabular(text, shown)
    if sheet is not None:
        warnings.append(f"{shown}: --sheet {sheet!r} genegeerd: geen Excel-bestand")
    delim = _delimiter(delimiter, shown) or ("\t" if suffix in (".tsv", ".tab") else _sniff(text))
    nul = text.count("\x00")
    if nul:
        warnings.append(f"{shown}: {nul} NUL-teken(s) in de gegevens (behouden; meestal een exportfout)")
    if delim is None:
        # one column: split on nothing (commas in "Jeugd, sport" are text), but honour quotes
        unused = next(c for c in ("\x1f", "\x1e", "\x1d", "\x1c", "\x00", "\uffff") if c not in text)
        raw_rows = _csv_rows(text, unused, shown, warnings)
        delim = ","
    else:
        raw_rows = _csv_rows(text, delim, shown, warnings)
    if not raw_rows:
        raise InputError("E060", path=shown)
    header, rows, short, long_ = _rectangular(shown, raw_rows, warnings)
    return Table(shown, header, rows, encoding, delim, None, warnings, short, long_)


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
    found = find_optional_column(table, candidates)
    if found is None:
        raise InputError("E005", path=table.path, candidates=", ".join(candidates[:6]) + ", …", available=available)
    return found


def find_optional_column(table: Table, candidates: Sequence[str], *, exclude: Sequence[str] = ()) -> str | None:
    """The first column whose name matches a candidate (as :func:`find_column`), or ``None``.

    Examples
    --------
    >>> t = Table("x.csv", ["Naam", "Mandaat", "Bevoegdheden"], [])
    >>> find_optional_column(t, ("functie", "mandaat")), find_optional_column(t, ("gemeente",))
    ('Mandaat', None)
    """
    keys = [_key(c) for c in table.columns]
    usable = [(c, k) for c, k in zip(table.columns, keys) if c not in exclude and k]
    for cand in candidates:
        for c, k in usable:
            if k == cand:
                return c
    for cand in candidates:
        for c, k in usable:
            if cand in k.split() or (len(cand) > 6 and cand in k):
                return c
    return None
