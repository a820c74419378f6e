"""Normalization of competence text: Unicode, case, accents, dashes, control characters.

``fold`` keeps the line structure (newlines separate list items); ``normalize``
also collapses all whitespace. Both are idempotent.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache
from itertools import compress
from typing import cast

__all__ = ["fold", "fold_joined", "normalize", "tokenize"]

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TABLE: dict[int, str | None] = {c: " " for c in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0))}
_TABLE.update({0x0A: "\n", 0x0D: "\n", 0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"})
_TABLE.update({c: "-" for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D)})
_TABLE.update({c: "'" for c in (0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x0060)})
_TABLE.update({c: '"' for c in (0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB)})
_TABLE.update({c: " " for c in (0x00A0, 0x1680, 0x2007, 0x202F, 0x3000)})
_TABLE.update({c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)})
_TABLE.update({c: "\u2022" for c in (0x25CF, 0x25AA, 0x25E6, 0x2023, 0x2043, 0x25A0, 0x25BA, 0x27A2, 0xF0B7)})
_ASCII_TABLE = {chr(c): r for c, r in _TABLE.items() if c < 128 and r is not None and r != chr(c)}  # str.replace
_SPACES = re.compile(r" {2,}")  # after tabs became spaces
_BLANKLINES = re.compile(r" *\n[ \n]*")
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Fold text for matching, keeping newlines.

    NFKC, accents removed (financiën => financien), case folded, typographic
    dashes and quotes unified, control and zero-width characters removed, runs
    of spaces collapsed.

    Examples
    --------
    >>> fold("Financiën  –  Sociale Zaken\\r\\nGelijke\\u00a0kansen")
    'financien - sociale zaken\\ngelijke kansen'
    """
    return _fold(text, text.isascii()).strip(" \n")


def _fold(text: str, ascii_text: bool, sep: str = "") -> str:
    """``fold`` without the final strip; each step is skipped when it would change nothing
    (so that whole columns joined into one string fold in a few fast passes)."""
    if ascii_text:  # the same steps, without the Unicode steps that change no ASCII character
        t = text.lower()
        if "`" in t or not (t.replace(sep, "") if sep else t).replace("\n", "").isprintable():
            t = _replace_ascii(t, sep)
    else:  # with the separator of joined texts kept (a control character that _TABLE replaces)
        t = unicodedata.normalize("NFKD", text)
        t = _COMBINING.sub("", t)
        t = unicodedata.normalize("NFKC", t).casefold().translate(_table_keeping(sep) if sep else _TABLE)
    if "  " in t:
        t = _SPACES.sub(" ", t)
    if " \n" in t or "\n " in t or "\n\n" in t:
        t = _BLANKLINES.sub("\n", t)
    return t


@lru_cache(maxsize=8)
def _table_keeping(sep: str) -> dict[int, str | None]:
    """``_TABLE`` with the separator ``sep`` kept as it is."""
    return {**_TABLE, ord(sep): sep}


def _replace_ascii(t: str, sep: str) -> str:
    """The ASCII characters that folding changes (controls, "`"), replaced; ``sep`` is kept."""
    for c, r in _ASCII_TABLE.items():
        if c in t and c != sep:
            t = t.replace(c, r)
    return t


def fold_joined(texts: list[str], sep: str) -> list[str]:
    """``[fold(t) for t in texts]``, with the ASCII texts folded as one string joined by ``sep``:
    for whole columns.

    ``sep`` is a character that no text contains: a control character (folding keeps it here) or
    one that folding keeps anyway (a private-use character).

    Examples
    --------
    >>> fold_joined(["Financiën ", " Gelijke\tKansen"], "\x1e")
    ['financien', 'gelijke kansen']
    """
    if not texts:
        return []
    is_ascii = list(map(str.isascii, texts))
    if all(is_ascii) or not any(is_ascii):
        return _fold_column(texts, sep, ascii_texts=is_ascii[0])
    import numpy as np  # only for whole columns; fold() stays free of it

    # the ASCII texts and the others (a few percent in real columns) folded apart, put back in order
    ascii_at = np.array(is_ascii, dtype=bool)
    out = np.empty(len(texts), dtype=object)
    out[ascii_at] = _fold_column(list(compress(texts, is_ascii)), sep, ascii_texts=True)
    out[~ascii_at] = _fold_column(list(compress(texts, map(operator.not_, is_ascii))), sep, ascii_texts=False)
    return cast(list[str], out.tolist())


def _fold_column(texts: list[str], sep: str, *, ascii_texts: bool) -> list[str]:
    """``fold_joined`` of texts that are all ASCII, or all not."""
    if not ascii_texts or not (sep.isascii() and len(sep) == 1):
        big, edges = _fold(sep.join(texts), ascii_texts, sep), True
    else:
        big, edges = _fold_ascii_column(sep.join(texts), sep)
    if edges:  # a folded text starts and ends with at most one space or newline (runs are collapsed)
        for edge in (" " + sep, "\n" + sep, sep + " ", sep + "\n"):
            big = big.replace(edge, sep)
    return big.strip(" \n").split(sep)


def _fold_ascii_column(column: str, sep: str) -> tuple[str, bool]:
    """``_fold`` of ASCII texts joined by the ASCII ``sep``, and whether a text starts or ends with
    a space or newline: the checks of every step in a few vectorized passes over the bytes (a
    two-character substring search costs as much as the whole fold)."""
    import numpy as np  # only for whole columns; fold() stays free of it

    t = column.lower()
    a = np.frombuffer(t.encode("ascii"), dtype=np.uint8)
    changed = (a < 32) | (a == 96) | (a == 127)  # the ASCII characters folding changes, "`" included
    changed &= (a != 10) & (a != ord(sep))
    if changed.any():
        t = _replace_ascii(t, sep)
        a = np.frombuffer(t.encode("ascii"), dtype=np.uint8)
    space, line = a == 32, a == 10
    blank = space | line
    if (space[1:] & space[:-1]).any():
        t = _SPACES.sub(" ", t)
    if ((blank[1:] & line[:-1]) | (line[1:] & space[:-1])).any():
        t = _BLANKLINES.sub("\n", t)
    at_sep = a == ord(sep)  # collapsing runs keeps a space or newline beside a separator, adds none
    return t, bool((at_sep[1:] & blank[:-1]).any() or (at_sep[:-1] & blank[1:]).any())


def normalize(text: str) -> str:
    """``fold`` and collapse every run of whitespace, newlines included, to one space.

    Examples
    --------
    >>> normalize("  Gelijke\\nKANSEN ")
    'gelijke kansen'
    """
    return _WS.sub(" ", fold(text)).strip()


def tokenize(text: str) -> tuple[str, ...]:
    """Word tokens of folded text: letters and digits; hyphens, apostrophes and punctuation split.

    Examples
    --------
    >>> tokenize("ocmw-voorzitter, vzw's")
    ('ocmw', 'voorzitter', 'vzw', 's')
    """
    return tuple(_TOKEN.findall(text))
