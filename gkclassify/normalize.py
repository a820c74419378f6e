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
    """``[fold(t) for t in texts]``, for whole columns: the ASCII texts folded as one string
    joined by ``sep``, and the others as another.

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
    # the ASCII texts and the others (a few percent in real columns) folded apart, put back in order
    others = iter(_fold_column(list(compress(texts, map(operator.not_, is_ascii))), sep, ascii_texts=False))
    ascii_folded = iter(_fold_column(list(compress(texts, is_ascii)), sep, ascii_texts=True))
    return list(map(next, map([others, ascii_folded].__getitem__, is_ascii)))


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
    a space or newline: the checks of every step from ``bytes.translate`` (a C loop) and a few
    vectorized passes over the bytes (a two-character substring search costs as much as the
    whole fold)."""
    import numpy as np  # only for whole columns; fold() stays free of it

    t = column.lower()
    raw = t.encode("ascii")
    changes, kinds, pair_flags = _ascii_tables(sep)
    if raw.translate(None, changes):  # a character that folding changes (a control character, "`")
        t = _replace_ascii(t, sep)
        raw = t.encode("ascii")
    kind = np.frombuffer(raw.translate(kinds), dtype=np.uint8)  # other, space, newline, sep: 0-3
    pairs = kind[:-1] * np.uint8(4)
    pairs += kind[1:]  # two neighbours: 0-15
    flags = np.bitwise_or.reduce(np.frombuffer(pairs.tobytes().translate(pair_flags), dtype=np.uint8)) if pairs.size else 0
    if flags & _RUN_OF_SPACES:
        t = _SPACES.sub(" ", t)
    if flags & _BLANK_LINE:
        t = _BLANKLINES.sub("\n", t)
    # collapsing runs keeps a space or newline beside a separator, adds none
    return t, bool(flags & _SPACE_AT_SEP)


_RUN_OF_SPACES, _BLANK_LINE, _SPACE_AT_SEP = 1, 2, 4


@lru_cache(maxsize=8)
def _ascii_tables(sep: str) -> tuple[bytes, bytes, bytes]:
    """``bytes.translate`` tables for :func:`_fold_ascii_column`: the bytes that folding keeps (to
    delete), each byte's kind (other 0, space 1, newline 2, ``sep`` 3), and the flags of two
    neighbouring kinds (``kind * 4 + next``)."""
    keeps = bytes(c for c in range(256) if not (c < 32 or c in (96, 127)) or c in (10, ord(sep)))
    kinds = bytes({32: 1, 10: 2, ord(sep): 3}.get(c, 0) for c in range(256))
    flag = {
        1 * 4 + 1: _RUN_OF_SPACES,  # "  "
        2 * 4 + 1: _BLANK_LINE, 2 * 4 + 2: _BLANK_LINE, 1 * 4 + 2: _BLANK_LINE,  # "\n ", "\n\n", " \n"
        1 * 4 + 3: _SPACE_AT_SEP, 2 * 4 + 3: _SPACE_AT_SEP, 3 * 4 + 1: _SPACE_AT_SEP, 3 * 4 + 2: _SPACE_AT_SEP,
    }
    return keeps, kinds, bytes(flag.get(c, 0) for c in range(256))


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
