"""Segmentation: one competence field => the list items it names.

Rules, in order (``input => output``):

- abbreviations are written out (``data/abbreviations.tsv``): ``"gel. kansen"`` => ``"gelijke kansen"``
- the full stops of an acronym are dropped: ``"o.c.m.w."`` => ``"ocmw"``, ``"k.m.o.-beleid"`` => ``"kmo-beleid"``
- a line break inside a phrase alias is a wrapped line: ``"gelijke\\nkansen"`` => ``"gelijke kansen"``;
  so is one after a hyphen inside a word: ``"gelijke kan-\\nsen"`` => ``"gelijke kansen"``
- label prefixes are dropped: ``"Bevoegdheden: jeugd"`` => ``"jeugd"``
- compound ellipsis is expanded: ``"cultuur- en jeugdbeleid"`` =>
  ``"cultuurbeleid", "jeugdbeleid"``; ``"land- en tuinbouw"`` => ``"landbouw", "tuinbouw"``;
  ``"afvalbeleid en -preventie"`` => ``"afvalbeleid", "afvalpreventie"``
- parentheses become items: ``"welzijn (incl. toegankelijkheid)"`` => ``"welzijn", "incl. toegankelijkheid"``
- bullets and newlines separate: ``"- jeugd\\n- sport"`` => ``"jeugd", "sport"``
- ``, ; / & + | :`` and a spaced dash separate: ``"ict / e-gov - pers"`` => ``"ict", "e-gov", "pers"``
- a full stop followed by a space separates sentences.

- " en " and " of " separate too, except inside an alias that contains them:
  ``"jeugd en sport"`` => ``"jeugd", "sport"``; ``"markten en foren"`` stays one item.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon

__all__ = [
    "ITEM_STRIP",
    "LABEL_PREFIX",
    "expand_ellipsis",
    "join_wrapped_lines",
    "split_conjunctions",
    "split_item",
    "split_segments",
]

LABEL_PREFIX = re.compile(
    r"(?m)^\s*(?:bevoegdhe(?:den|id)|beleidsdomein(?:en)?|portefeuille|taken|domeinen|"
    r"bevoegd voor|schepen van|schepen voor)\s*:\s*"
)
"""A label before a colon at the start of a line ("Bevoegdheden: jeugd"), dropped (``(?m)^``: the
start of the text or after a newline, three times faster to scan than ``(?:^|(?<=\n))``)."""
_ELLIPSIS = re.compile(
    r"((?:\b[^\W\d_]{2,}-\s*(?:,\s*|en\s+|of\s+|&\s*|/\s*|\+\s*)){1,6})([^\W\d_]{3,})"
)
# "afvalbeleid en -preventie": a word, a conjunction or list separator, then a part that lacks its modifier
# (after a space: a dash at the start of a line is a bullet)
_ELLIPSIS_HINT = re.compile(r"-\s*(?:[,&/+]|(?:en|of)\s)")  # what _ELLIPSIS needs after a dash (literal first: fast)
_TRAILING_ELLIPSIS = re.compile(r"(?<![^\W\d_])([^\W\d_]{4,}+)((?:\s*[,&/+]|\s+(?:en|of)) +)-([^\W\d_]{3,})")
# (the word is taken whole, from its first letter: a match could start nowhere else, and the regex
# no longer tries every letter of every word, five times faster)
# single letters each followed by a full stop ("o.c.m.w.", "r.o."; the last stop may be missing: "o.c.m.w")
_ACRONYM = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?:[^\W\d_](?![^\W_]))?")
_WRAP = re.compile(r"(?<![^\W\d_])([^\W\d_]++)(-?)\n(?=([^\W\d_]+))")  # a whole word before it, as for the trailing ellipsis
_BULLET = re.compile(r"(?:^|\n)\s*(?:[-*\u2022\u00b7>o]|\d{1,2}[.)])\s+")
_BULLET_START = frozenset("-*\u2022\u00b7>o")  # a bullet can start the text only with one of these or a digit
_SEPARATORS = re.compile(r"[\n,;/&+|:()\[\]{}\u2022\u00b7]|\s-+\s|\s-+$|^-+\s|\.(?:\s|$)|\s'\s|\"")


def expand_ellipsis(text: str, lexicon: Lexicon) -> str:
    """Expand Dutch compound ellipsis in folded text.

    Examples
    --------
    >>> from gkclassify.lexicon import load_lexicon
    >>> expand_ellipsis("cultuur- en jeugdbeleid", load_lexicon())
    'cultuurbeleid, jeugdbeleid'
    >>> expand_ellipsis("stads- en dorpskernvernieuwing", load_lexicon())
    'stadskernvernieuwing, dorpskernvernieuwing'
    >>> expand_ellipsis("afvalbeleid en -preventie", load_lexicon())
    'afvalbeleid en afvalpreventie'
    """
    if "-" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        return _expansion(m.group(1), m.group(2), lexicon)

    def repl_trailing(m: re.Match[str]) -> str:
        word, sep, part = m.groups()
        modifier = _modifier(word, part, lexicon)
        return word + sep + (modifier or "") + part

    hint = _ELLIPSIS_HINT.search(text)
    if hint:
        # a match's first dash is one the hint finds, after a whole word of letters: the text
        # before the first one's word has no match (a scan of it took most of the time)
        start = hint.start()
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # (the class \w)
            start -= 1
        text = text[:start] + _ELLIPSIS.sub(repl, text[start:])
    return _TRAILING_ELLIPSIS.sub(repl_trailing, text) if " -" in text else text  # the rule needs " -"


@lru_cache(maxsize=16_384)
def _expansion(elided: str, word: str, lexicon: Lexicon) -> str:
    """``"cultuur- en "``, ``"jeugdbeleid"`` => ``"cultuurbeleid, jeugdbeleid"`` (cached: lists repeat)."""
    prefixes = re.findall(r"([^\W\d_]{2,})-", elided)
    head = _head(word, prefixes, lexicon)
    if head is None:
        return ", ".join(prefixes + [word])
    return ", ".join([p + head for p in prefixes] + [word])


def _modifier(word: str, part: str, lexicon: Lexicon) -> str | None:
    """The modifier of ``word`` that the elided ``part`` lacks ("afvalbeleid", "preventie" => "afval")."""
    # a split that makes modifier + part a known alias wins: "toerisme" + "promotie"
    for i in range(len(word) - 2, 2, -1):
        if lexicon.lookup((word[:i] + part,)):
            return word[:i]
    # else the word minus its generic head: "dierenwelzijnsraad" => "dierenwelzijns"
    for head in lexicon.heads:
        if word.endswith(head) and len(word) > len(head) + 2:
            return word[: -len(head)]
    return None


def join_wrapped_lines(text: str, lexicon: Lexicon) -> str:
    """Join a line break inside a phrase alias: a line wrapped in the middle of "gelijke kansen".

    Only where the line's last word is no alias of its own and starts a phrase alias with the
    next line's first word (see :attr:`Lexicon.wrapped_starts`), so list items stay apart; a word
    hyphenated at the line end is joined when its halves are no aliases, or the whole word is one.

    Examples
    --------
    >>> from gkclassify.lexicon import load_lexicon
    >>> join_wrapped_lines("sociale zaken, gelijke\\nkansen", load_lexicon())
    'sociale zaken, gelijke kansen'
    >>> join_wrapped_lines("jeugd\\nsport", load_lexicon())
    'jeugd\\nsport'
    >>> join_wrapped_lines("senio-\\nrenbeleid, stads-\\nvernieuwing", load_lexicon())
    'seniorenbeleid, stadsvernieuwing'
    """
    if "\n" not in text:
        return text
    starts, lookup = lexicon.wrapped_starts, lexicon.lookup

    def repl(m: re.Match[str]) -> str:
        left, hyphen, right = m.groups()
        if not hyphen:
            return left + (" " if (left, right) in starts else "\n")
        if lookup((left + right,)) or (lookup((left,)) is None and lookup((right,)) is None):
            return left
        return m.group()

    return _WRAP.sub(repl, text)


def _head(word: str, prefixes: list[str], lexicon: Lexicon) -> str | None:
    """The shared head of ``word`` that the elided ``prefixes`` lack."""
    # a split that makes every prefix + head a known alias wins: "stads" + "kernvernieuwing"
    for i in range(2, len(word) - 2):
        head = word[i:]
        if all(lexicon.lookup((p + head,)) for p in prefixes):
            return head
    # else the longest generic head: "welzijns- en gezondheidsbeleid" => "beleid"
    for head in lexicon.heads:
        if word.endswith(head) and len(word) > len(head):
            return head
    # else the longest suffix that is an alias itself: "land- en tuinbouw" => no, "bouw" is a head
    for i in range(2, len(word) - 3):
        if lexicon.lookup((word[i:],)):
            return word[i:]
    return None


_CONJ = re.compile(r" (?:en|of) ")
ITEM_STRIP = " -'.!?*_=~#"
"""Characters stripped from the edges of every list item and segment."""


def split_conjunctions(part: str, lexicon: Lexicon) -> list[str]:
    """Split one item at " en " / " of " unless an alias spans the conjunction.

    Examples
    --------
    >>> from gkclassify.lexicon import load_lexicon
    >>> split_conjunctions("jeugd en sport of cultuur", load_lexicon())
    ['jeugd', 'sport', 'cultuur']
    >>> split_conjunctions("lokale economie, markten en foren", load_lexicon())
    ['lokale economie, markten en foren']
    """
    if " of " not in part:
        if " en " not in part:
            return [part]
        pieces = part.split(" en ")
        conj = [" en "] * (len(pieces) - 1)
    else:
        pieces = _CONJ.split(part)
        conj = _CONJ.findall(part)
    out = [pieces[0]]
    for c, right in zip(conj, pieces[1:]):
        if lexicon.spans_conjunction(out[-1], c.strip(), right):
            out[-1] = out[-1] + c + right
        else:
            out.append(right)
    return out


def split_segments(folded: str, lexicon: Lexicon) -> list[str]:
    """Split folded text (see :func:`gkclassify.normalize.fold`) into list items.

    Empty items are dropped; whitespace inside an item is collapsed.

    Examples
    --------
    >>> from gkclassify.lexicon import load_lexicon
    >>> split_segments("financien, sociale zaken en gelijke kansen", load_lexicon())
    ['financien', 'sociale zaken', 'gelijke kansen']
    >>> split_segments("- jeugd\\n- sport", load_lexicon())
    ['jeugd', 'sport']
    """
    text = lexicon.expand_abbreviations(folded)
    if "." in text:
        text = _ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    text = join_wrapped_lines(text, lexicon)
    if ":" in text:
        text = LABEL_PREFIX.sub("\n", text)
    text = expand_ellipsis(text, lexicon)
    first = text.lstrip()[:1]
    if "\n" in text or first in _BULLET_START or first.isdecimal():
        text = _BULLET.sub("\n", text)
    out: list[str] = []
    for part in _SEPARATORS.split(text):
        out.extend(split_item(" ".join(part.split()).strip(ITEM_STRIP), lexicon))
    return out


def split_item(part: str, lexicon: Lexicon) -> list[str]:
    """One list item (whitespace collapsed, edges stripped) => its segments: split at
    conjunctions (see :func:`split_conjunctions`), edges stripped, empty ones dropped."""
    if not part:
        return []
    if " en " not in part and " of " not in part:
        return [part]
    return [p for p in (x.strip(ITEM_STRIP) for x in split_conjunctions(part, lexicon)) if p]
