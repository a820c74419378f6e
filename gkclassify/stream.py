"""Predicting on files too large to hold: CSV in chunks, constant memory, optional worker processes.

``gkclassify predict`` uses this for a CSV/TSV input of at least
:data:`STREAM_MIN_BYTES` (or the environment variable ``GKCLASSIFY_STREAM_MIN_BYTES``)
written to CSV, TSV or JSON Lines (or stdout). The file is read to learn its
encoding, header, widest row and row count (for the progress bar), then again
to score and write ``chunk_rows`` rows at a time. Peak memory depends on the
chunk size, not on the file size. Output goes to a temporary file that is
renamed into place at the end.

The output is the same as the in-memory path of ``predict`` for the same rows:
the same columns (extra fields as ``kolom_N``, trailing empty fields dropped),
cells, formula escaping and order. Files the streaming reader does not handle
return ``None`` and are read in memory instead: an encoding other than UTF-8
(with or without BOM) or Windows-1252 throughout, a file mixing the two, a
one-column file, or NUL bytes. Title lines above the header are not skipped.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["STREAM_MIN_BYTES", "can_stream", "stream_predict", "progress_bar"]

STREAM_MIN_BYTES = 16 * 1024 * 1024
_STREAM_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ""}
_OUT_SUFFIXES = {".csv", ".tsv", ".jsonl", ".json"}
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _min_bytes() -> int:
    try:
        return int(os.environ.get("GKCLASSIFY_STREAM_MIN_BYTES", STREAM_MIN_BYTES))
    except ValueError:
        return STREAM_MIN_BYTES  # not a number: the documented default


def can_stream(path: str, output: str | None, *, min_bytes: int | None = None) -> bool:
    """Whether ``predict`` should stream this input to this output (``min_bytes``: :data:`STREAM_MIN_BYTES`)."""
    if min_bytes is None:
        min_bytes = _min_bytes()
    if path == "-" or Path(path).suffix.lower() not in _STREAM_SUFFIXES:
        return False
    if output not in (None, "-") and Path(str(output)).suffix.lower() not in _OUT_SUFFIXES:
        return False
    p = Path(path)
    return p.is_file() and p.stat().st_size >= min_bytes


def _encoding(path: str) -> str | None:
    """``utf-8-sig`` or ``cp1252`` when the whole file decodes with it alone, else ``None``.

    A file that is not valid UTF-8 but holds UTF-8 sequences mixes the two (the
    in-memory reader decodes it line by line): ``None``.
    """
    for enc in ("utf-8-sig", "cp1252"):
        dec = codecs.getincrementaldecoder(enc)(errors="strict")
        try:
            with open(path, "rb") as f:
                tail = b""
                for block in iter(lambda: f.read(1 << 22), b""):
                    if b"\x00" in block:
                        return None
                    if enc == "cp1252" and _UTF8_MULTIBYTE.search(tail + block):
                        return None
                    tail = block[-3:]
                    dec.decode(block)
                dec.decode(b"", final=True)
            return enc
        except UnicodeDecodeError:
            continue
    return None


def _blank(r: list[str]) -> bool:
    return not r or (len(r) == 1 and r[0] != "" and not r[0].strip())


def _rows(path: str, encoding: str, delimiter: str) -> Iterator[list[str]]:
    from .io.read import _raise_field_limit

    _raise_field_limit()
    with open(path, encoding=encoding, newline="") as f:
        for r in csv.reader(f, delimiter=delimiter, strict=False):
            if not _blank(r):
                yield r


_WORKER: dict[str, Any] = {}


def _init_worker(model: str | None) -> None:
    import gkclassify

    from .batch import BatchScorer

    _WORKER["scorer"] = BatchScorer(gkclassify.load(model))


def _score(texts: list[str]) -> list[list[str]]:
    r = _WORKER["scorer"].score(texts)
    return [r.cells(i) for i in range(len(r))]


def stream_predict(
    path: str,
    output: str | None,
    *,
    column: str | None = None,
    delimiter: str | None = None,
    model: str | None = None,
    force: bool = False,
    chunk_rows: int = 50_000,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any] | None:
    """Score a large CSV in chunks; ``None`` if the file must be read in memory instead.

    Returns a summary: rows, column, output, warnings.
    """
    from .io.read import Table, _delimiter, extra_columns, find_column, sniff_delimiter, trim_row
    from .io.write import _jsonl_lines, _stdout_write, _write_csv, atomic_write, check_output
    from .output import prediction_columns

    to_stdout = output in (None, "-")
    target = None if to_stdout else check_output(str(output), inputs=[path], force=force)
    delim = _delimiter(delimiter, path)
    enc = _encoding(path)
    if enc is None:
        return None
    if delim is None:
        with open(path, encoding=enc, newline="") as f:
            sample = f.read(1 << 20)
        delim = "\t" if Path(path).suffix.lower() in (".tsv", ".tab") else sniff_delimiter(sample)
    it = _rows(path, enc, delim)
    header = next(it, None)
    if header is None or len(header) < 2:
        return None  # empty or one-column files follow the in-memory rules
    width, widest, n, short, long_ = len(header), len(header), 0, 0, 0
    for r in it:
        n += 1
        r = trim_row(r, width)
        short += len(r) < width
        long_ += len(r) > width
        widest = max(widest, len(r))
    columns = header + extra_columns(header, widest)
    col = find_column(Table(path, columns, []), column)
    j = columns.index(col)
    out_cols = columns + prediction_columns(columns)
    warnings = []
    if short:
        warnings.append(f"{path}: {short} rij(en) met te weinig velden aangevuld met lege cellen")
    if long_:
        warnings.append(f"{path}: {long_} rij(en) met meer velden dan de kopregel; extra velden staan in kolom_N")
    out_suffix = "" if target is None else target.suffix.lower()
    out_delim = "\t" if out_suffix == ".tsv" else (delim if delim in (",", ";") else ",")
    jsonl = out_suffix in (".jsonl", ".json")

    def chunks() -> Iterator[list[list[str]]]:
        chunk: list[list[str]] = []
        rows = _rows(path, enc, delim)  # type: ignore[arg-type]
        next(rows)
        for r in rows:
            r = trim_row(r, width)
            if len(r) < widest:
                r = r + [""] * (widest - len(r))
            chunk.append(r)
            if len(chunk) >= chunk_rows:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def scored() -> Iterator[list[list[str]]]:
        done = 0
        if jobs <= 1:
            _init_worker(model)
            results: Iterator[tuple[list[list[str]], list[list[str]]]] = ((c, _score([r[j] for r in c])) for c in chunks())
            for chunk, cells in results:
                done += len(chunk)
                yield [r + s for r, s in zip(chunk, cells)]
                if progress:
                    progress(done, n)
            return
        import multiprocessing as mp

        with mp.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
            pending: deque[tuple[list[list[str]], Any]] = deque()
            for chunk in chunks():
                pending.append((chunk, pool.apply_async(_score, ([r[j] for r in chunk],))))
                while len(pending) > 2 * jobs:
                    c, res = pending.popleft()
                    done += len(c)
                    yield [r + s for r, s in zip(c, res.get())]
                    if progress:
                        progress(done, n)
            while pending:
                c, res = pending.popleft()
                done += len(c)
                yield [r + s for r, s in zip(c, res.get())]
                if progress:
                    progress(done, n)

    def write(f: Any) -> None:
        if not jsonl:
            _write_csv(f, out_cols, [], out_delim)
        for rows in scored():
            if jsonl:
                f.write("".join(_jsonl_lines(out_cols, rows)))
            else:
                buf = io.StringIO(newline="")
                _write_csv(buf, rows[0], rows[1:], out_delim)  # every line is escaped and quoted alike
                f.write(buf.getvalue())

    if target is None:

        class _Out:
            def write(self, text: str) -> None:
                _stdout_write(text)

        write(_Out())
    else:
        atomic_write(target, write)
    return {"rows": n, "column": col, "output": output, "warnings": warnings}


def progress_bar(label: str) -> Callable[[int, int], None] | None:
    """A one-line progress bar on stderr, or ``None`` when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        pct = 100 * done // max(1, total)
        bar = "#" * (pct // 4) + "." * (25 - pct // 4)
        end = "\n" if done >= total else ""
        print(f"\r{label} [{bar}] {done}/{total} rijen ({pct}%)", end=end, file=sys.stderr, flush=True)

    return show
