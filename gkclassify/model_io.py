"""Safe, atomic, reproducible model files.

A model is a directory with two files:

- ``model.json``: metadata (format version, package version, taxonomy and
  training-data hashes, thresholds, metrics, creation date) and the SHA-256 of
  ``weights.npz``;
- ``weights.npz``: plain NumPy arrays, loaded with ``allow_pickle=False``.

Nothing in a model file can run code: no pickle, no joblib. A weights file
whose hash differs from the one in ``model.json`` is refused, as is a model of
another format version or taxonomy. Files are written byte for byte the same
for the same arrays (fixed zip timestamps), into a temporary directory that is
renamed into place, so a reader never sees half a model.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelError

__all__ = ["FORMAT_VERSION", "save_model_dir", "load_model_dir", "write_npz", "sha256_file"]

FORMAT_VERSION = 1
META_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write arrays as an ``.npz`` archive with fixed timestamps (reproducible bytes)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(arrays):
            arr = np.ascontiguousarray(arrays[name])
            if arr.dtype == object:
                raise ValueError(f"array {name!r} has dtype object; only plain dtypes are saved")
            buf = io.BytesIO()
            np.lib.format.write_array(buf, arr, allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue(), compresslevel=9)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_model_dir(path: str | os.PathLike[str], meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Path:
    """Write a model directory atomically (temporary sibling, then rename).

    An existing directory at ``path`` is replaced only once the new one is complete.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        write_npz(tmp / WEIGHTS_FILE, arrays)
        meta = dict(meta, format_version=FORMAT_VERSION, weights_sha256=sha256_file(tmp / WEIGHTS_FILE))
        (tmp / META_FILE).write_text(
            json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        os.chmod(tmp, 0o755)
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def load_model_dir(path: str | os.PathLike[str], *, taxonomy_sha256: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Read and verify a model directory; raise :class:`ModelError` on anything foreign."""
    root = Path(path)
    meta_path, weights_path = root / META_FILE, root / WEIGHTS_FILE
    if not meta_path.is_file() or not weights_path.is_file():
        raise ModelError("E020", path=str(root))
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError("E024", path=str(root), problem=f"model.json is geen geldige JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise ModelError("E024", path=str(root), problem="model.json bevat geen object")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError("E021", path=str(root), found=meta.get("format_version"), supported=FORMAT_VERSION)
    if meta.get("taxonomy_sha256") != taxonomy_sha256:
        raise ModelError("E022", path=str(root), found=str(meta.get("taxonomy_sha256"))[:12], expected=taxonomy_sha256[:12])
    found = sha256_file(weights_path)
    if found != meta.get("weights_sha256"):
        raise ModelError("E023", path=str(root), file=WEIGHTS_FILE, found=found[:12], expected=str(meta.get("weights_sha256"))[:12])
    try:
        with np.load(weights_path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        raise ModelError("E024", path=str(root), problem=f"weights.npz is onleesbaar ({exc})") from None
    return meta, arrays
