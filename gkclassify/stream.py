"""Predicting on files too large to hold: CSV in chunks, constant memory, optional worker processes.

``gkclassify predict`` uses this for a CSV/TSV input of at least
:data:`STREAM_MIN_BYTES` (or the environment variable ``GKCLASSIFY_STREAM_MIN_BYTES``)
written to CSV, TSV or JSON Lines (or stdout). The file
is read twice: once to learn the header, the widest row and the row count
(for the progress bar), once to score and write ``chunk_rows`` rows at a time.
Peak memory depends on the chunk size, not on the file size. Output is written
to a temporary file and renamed into place at the end.

The output is the same as the in-memory path of ``predict`` for the same rows:
the same columns, cells, formula escaping and order. Differences in reading,
kept deliberately simple for large files: the encoding is UTF-8 (with or
without BOM) or Windows-1252 for the whole file (a file that is neither is read
in memory instead), and title lines above the header are not skipped.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["STREAM_MIN_BYTES", "can_stream", "stream_predict"]

STREAM_MIN_BYTES = 16 * 1024 * 1024
_STREAM_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ""}
_OUT_SUFFIXES = {".csv", ".tsv", ".jsonl", ".json"}


def can_stream(path: str, output: str | None, *, min_bytes: int | None = None) -> bool:
    """Whether ``predict`` should stream this input to this output (``min_bytes``: :data:`STREAM_MIN_BYTES`)."""
    if min_bytes is None:
        min_bytes = int(os.environ.get("GKCLASSIFY_STREAM_MIN_BYTES", STREAM_MIN_BYTES))
    if path == "-" or Path(path).suffix.lower() not in _STREAM_SUFFIXES:
        return False
    if output not in (None, "-") and Path(str(output)).suffix.lower() not in _OUT_SUFFIXES:
        return False
    p = Path(path)
    return p.is_file() and p.stat().st_size >= min_bytes


def _encoding(path: str) -> str | None:
    """utf-8-sig or cp1252 if the whole file decodes strictly with it, else None."""
    for enc in ("utf-8-sig", "cp1252"):
        dec = codecs.getincrementaldecoder(enc)(errors="strict")
        try:
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 22), b""):
                    if b"\x00" in block:
                        return None
                    dec.decode(block)
                dec.decode(b"", final=True)
            return enc
        except UnicodeDecodeError:
            continue
    return None


def _blank(r: list[str]) -> bool:
    return not r or (len(r) == 1 and r[0] != "" and not r[0].strip())


def _rows(path: str, encoding: str, delimiter: str) -> Iterator[list[str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding=encoding, newline="") as f:
        for r in csv.reader(f, delimiter=delimiter, strict=False):
            if not _blank(r):
                yield r


def _jsonl(columns: list[str], row: list[str]) -> str:
    obj: dict[str, str] = {}
    for c, v in zip(columns, row):
        key, n = c, 2
        while key in obj:
            key, n = f"{c}.{n}", n + 1
        obj[key] = v
    return json.dumps(obj, ensure_ascii=False) + "\n"


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
    from .io.read import Table, find_column, sniff_delimiter
    from .io.write import _write_csv, check_output
    from .output import prediction_columns

    enc = _encoding(path)
    if enc is None:
        return None
    with open(path, encoding=enc, newline="") as f:
        sample = f.read(1 << 20)
    suffix = Path(path).suffix.lower()
    delim = delimiter or ("\t" if suffix in (".tsv", ".tab") else sniff_delimiter(sample))
    it = _rows(path, enc, delim)
    header = next(it, None)
    if header is None or len(header) < 2:
        return None  # empty or one-column files follow the in-memory rules
    width, n = len(header), 0
    short = long_ = 0
    for r in it:
        n += 1
        if len(r) > width:
            long_ += 1
        elif len(r) < len(header):
            short += 1
        width = max(width, len(r))
    columns = header + [f"kolom_{j + 1}" for j in range(len(header), width)]
    col = find_column(Table(path, columns, []), column)
    j = columns.index(col)
    out_cols = columns + prediction_columns(columns)
    warnings = []
    if short:
        warnings.append(f"{path}: {short} rij(en) met te weinig velden aangevuld met lege cellen")
    if long_:
        warnings.append(f"{path}: {long_} rij(en) met meer velden dan de kopregel; extra velden staan in kolom_N")

    to_stdout = output in (None, "-")
    if to_stdout:
        target = None
        handle = sys.stdout
    else:
        target = check_output(str(output), inputs=[path], force=force)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
    out_suffix = "" if to_stdout else target.suffix.lower()  # type: ignore[union-attr]
    out_delim = "\t" if out_suffix == ".tsv" else (delim if delim in (",", ";") else ",")
    jsonl = out_suffix in (".jsonl", ".json")

    def write(rows: list[list[str]], first: bool) -> None:
        if jsonl:
            handle.write("".join(_jsonl(out_cols, r) for r in rows))
        elif first:
            _write_csv(handle, out_cols, rows, out_delim)
        elif rows:
            buf = io.StringIO(newline="")
            _write_csv(buf, rows[0], rows[1:], out_delim)  # every line is escaped and quoted alike
            handle.write(buf.getvalue())

    def chunks() -> Iterator[list[list[str]]]:
        chunk: list[list[str]] = []
        rows = _rows(path, enc, delim)
        next(rows)
        for r in rows:
            if len(r) < width:
                r = r + [""] * (width - len(r))
            chunk.append(r)
            if len(chunk) >= chunk_rows:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    done = 0
    try:
        if jobs <= 1:
            _init_worker(model)
            first = True
            for chunk in chunks():
                scored = _score([r[j] for r in chunk])
                write([r + s for r, s in zip(chunk, scored)], first)
                first = False
                done += len(chunk)
                if progress:
                    progress(done, n)
            if first:
                write([], True)
        else:
            import multiprocessing as mp

            ctx = mp.get_context("spawn")
            with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
                pending: deque[tuple[list[list[str]], Any]] = deque()
                first = True

                def drain(limit: int) -> None:
                    nonlocal first, done
                    while len(pending) > limit:
                        chunk, res = pending.popleft()
                        write([r + s for r, s in zip(chunk, res.get())], first)
                        first = False
                        done += len(chunk)
                        if progress:
                            progress(done, n)

                for chunk in chunks():
                    pending.append((chunk, pool.apply_async(_score, ([r[j] for r in chunk],))))
                    drain(2 * jobs)
                drain(0)
                if first:
                    write([], True)
        if not to_stdout:
            handle.close()
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)  # type: ignore[arg-type]
    except BaseException:
        if not to_stdout:
            handle.close()
            Path(tmp).unlink(missing_ok=True)
        raise
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


def check_stream_input(path: str) -> None:
    """Raise the same errors as the in-memory reader for a missing file or a directory."""
    p = Path(path)
    if not p.exists():
        raise InputError("E001", path=path)
    if p.is_dir():
        raise InputError("E002", path=path)
