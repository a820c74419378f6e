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
    """``[fold(t) for t in texts]``, for whole columns: folded as one string joined by ``sep``.

    ``sep`` is a character that no text contains: a control character (folding keeps it here) or
    one that folding keeps anyway (a private-use character). A column of Latin-1 text (the usual
    case) is folded in one ``bytes.translate``; otherwise the ASCII texts and the others are
    folded apart, each as one string.

    Examples
    --------
    >>> fold_joined(["Financiën ", " Gelijke\tKansen"], "\x1e")
    ['financien', 'gelijke kansen']
    """
    if not texts:
        return []
    if len(sep) == 1 and ord(sep) < 256:
        try:
            raw = sep.join(texts).encode("latin-1")
        except UnicodeEncodeError:
            pass
        else:
            return _fold_latin1_column(raw, texts, sep)
    is_ascii = list(map(str.isascii, texts))
    if all(is_ascii) or not any(is_ascii):
        return _fold_column(texts, sep, ascii_texts=is_ascii[0])
    # the ASCII texts and the others (a few percent in real columns) folded apart, put back in order
    others = iter(_fold_column(list(compress(texts, map(operator.not_, is_ascii))), sep, ascii_texts=False))
    ascii_folded = iter(_fold_column(list(compress(texts, is_ascii)), sep, ascii_texts=True))
    return list(map(next, map([others, ascii_folded].__getitem__, is_ascii)))


def _fold_column(texts: list[str], sep: str, *, ascii_texts: bool) -> list[str]:
    """``fold_joined`` of texts that are all ASCII, or all not."""
    if ascii_texts and len(sep) == 1 and ord(sep) < 256:
        return _fold_latin1_column(sep.join(texts).encode("latin-1"), texts, sep)
    # a folded text starts and ends with at most one space or newline (runs are collapsed)
    return _drop_edges(_fold(sep.join(texts), ascii_texts, sep), sep).strip(" \n").split(sep)


def _drop_edges(big: str, sep: str) -> str:
    """A folded column without the space or newline at either edge of its texts (runs of them are
    collapsed already: one at most)."""
    for edge in (" " + sep, "\n" + sep, sep + " ", sep + "\n"):
        big = big.replace(edge, sep)
    return big


def _fold_latin1_column(raw: bytes, texts: list[str], sep: str) -> list[str]:
    """``fold_joined`` of ``texts``, given as ``raw``, their Latin-1 bytes joined by ``sep``.

    Folding maps each Latin-1 character on its own but five (:data:`_LATIN1_SPECIAL`), and
    then collapses runs of spaces and blank lines: one ``bytes.translate`` folds the characters,
    and the checks of the collapsing steps come from ``bytes.translate`` and a few vectorized
    passes over the bytes (a two-character substring search costs as much as the whole fold).
    A text with one of the five characters is folded on its own.
    """
    import numpy as np  # only for whole columns; fold() stays free of it

    fold_table, delete, kinds, pair_flags = _latin1_tables(sep)
    t = raw.translate(fold_table, delete)
    kind = np.frombuffer(t.translate(kinds), dtype=np.uint8)  # other, space, newline, sep: 0-3
    flags = 0
    if np.minimum(kind[:-1], kind[1:]).any():  # two of the three side by side: which two
        pairs = kind[:-1] * np.uint8(4)
        pairs += kind[1:]  # two neighbours: 0-15
        flags = np.bitwise_or.reduce(np.frombuffer(pairs.tobytes().translate(pair_flags), dtype=np.uint8))
    big = t.decode("latin-1")
    if flags & _RUN_OF_SPACES:
        big = _SPACES.sub(" ", big)
    if flags & _BLANK_LINE:
        big = _BLANKLINES.sub("\n", big)
    if flags & _SPACE_AT_SEP:  # collapsing runs keeps a space or newline beside a separator, adds none
        big = _drop_edges(big, sep)
    folded = big.strip(" \n").split(sep)
    if raw.translate(None, _LATIN1_LOCAL):  # a character that folds to more than one: its texts alone
        b = np.frombuffer(raw, dtype=np.uint8)
        at = np.flatnonzero(np.isin(b, np.frombuffer(_LATIN1_SPECIAL.encode("latin-1"), dtype=np.uint8)))
        for i in np.unique(np.searchsorted(np.flatnonzero(b == ord(sep)), at)).tolist():
            folded[i] = fold(texts[i])
    return folded


_RUN_OF_SPACES, _BLANK_LINE, _SPACE_AT_SEP = 1, 2, 4
_LATIN1_SPECIAL = "\u00b5\u00bc\u00bd\u00be\u00df"
"""The Latin-1 characters that fold to more than one character or beyond Latin-1
(``ß`` => ``ss``, ``½`` => ``1⁄2``, ``µ`` => ``μ``); every other one folds on its own (the tests
check every pair)."""
_LATIN1_LOCAL = bytes(c for c in range(256) if chr(c) not in _LATIN1_SPECIAL)


@lru_cache(maxsize=8)
def _latin1_tables(sep: str) -> tuple[bytes, bytes, bytes, bytes]:
    """``bytes.translate`` tables for :func:`_fold_latin1_column`: each Latin-1 character folded
    (``sep`` kept, the five special ones left as they are), the characters that fold to nothing
    (to delete), each byte's kind (other 0, space 1, newline 2, ``sep`` 3), and the flags of two
    neighbouring kinds (``kind * 4 + next``)."""
    folded, delete = bytearray(range(256)), bytearray()
    for c in _LATIN1_LOCAL:
        if chr(c) == sep:
            continue
        f = _fold(chr(c), False)
        if f:
            folded[c] = ord(f)
        else:
            delete.append(c)
    kinds = bytes({32: 1, 10: 2, ord(sep): 3}.get(c, 0) for c in range(256))
    flag = {
        1 * 4 + 1: _RUN_OF_SPACES,  # "  "
        2 * 4 + 1: _BLANK_LINE, 2 * 4 + 2: _BLANK_LINE, 1 * 4 + 2: _BLANK_LINE,  # "\n ", "\n\n", " \n"
        1 * 4 + 3: _SPACE_AT_SEP, 2 * 4 + 3: _SPACE_AT_SEP, 3 * 4 + 1: _SPACE_AT_SEP, 3 * 4 + 2: _SPACE_AT_SEP,
    }
    return bytes(folded), bytes(delete), kinds, bytes(flag.get(c, 0) for c in range(256))


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
