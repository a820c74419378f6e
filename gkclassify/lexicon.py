"""The alias lexicon: data files read into lookup tables for the matcher.

Aliases, deliberately unrecognized phrases, stopwords and compound heads are
data files in ``gkclassify/data`` (see ``data/SOURCES.md``); this module turns
them into dictionaries keyed by token tuples, so that matching is a dictionary
lookup after normalization.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import normalize, tokenize
from .taxonomy import load_taxonomy, read_data_bytes

__all__ = ["Alias", "Lexicon", "load_lexicon"]


@dataclass(frozen=True, slots=True)
class Alias:
    """One lexicon entry: its written form, its domains (taxonomy order) and its source."""

    text: str
    domains: tuple[str, ...]
    source: str


def _data_lines(name: str) -> list[str]:
    text = read_data_bytes(name).decode("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


class Lexicon:
    """Lookup tables built from the lexicon data files.

    Attributes
    ----------
    phrases : dict[tuple[str, ...], Alias]
        Alias token tuples => entry ("gelijke kansen" => ('gelijke', 'kansen')).
    joined : dict[str, Alias]
        Aliases written as one word ("gelijkekansen"), for compounds.
    non_domains : dict[tuple[str, ...], str]
        Phrases that name no domain => the reason.
    stopwords, heads : frozenset[str]
    """

    def __init__(
        self,
        aliases: list[Alias],
        non_domains: dict[str, str],
        stopwords: frozenset[str],
        heads: frozenset[str],
        sha256: str,
        abbreviations: dict[str, str] | None = None,
    ) -> None:
        order = load_taxonomy().index
        self.aliases = aliases
        self.phrases: dict[tuple[str, ...], Alias] = {}
        self.joined: dict[str, Alias] = {}
        for alias in aliases:
            bad = [d for d in alias.domains if d not in order]
            if bad:
                raise ValueError(f"lexicon alias {alias.text!r}: unknown domain(s) {bad}")
            toks = tokenize(normalize(alias.text))
            if not toks:
                continue
            self.phrases.setdefault(toks, alias)
        for toks, alias in self.phrases.items():
            self.joined.setdefault("".join(toks), alias)
        self.non_domains = {tokenize(normalize(k)): v for k, v in non_domains.items()}
        self.stopwords = stopwords
        self.heads = tuple(sorted(heads, key=len, reverse=True))
        self.head_set = frozenset(heads)
        self.head_lengths = tuple(sorted({len(h) for h in heads}, reverse=True))
        # one-word lookups (an alias of one token, or written as one word), as lookup() gives them
        self.single: dict[str, Alias] = dict(self.joined)
        self.single.update((k[0], a) for k, a in self.phrases.items() if len(k) == 1)
        self.max_len = max(len(k) for k in self.phrases)
        # longest alias starting with each token, so the span cover tries only lengths that can match
        self.max_len_from: dict[str, int] = {}
        for k in self.phrases:
            if len(k) > self.max_len_from.get(k[0], 0):
                self.max_len_from[k[0]] = len(k)
        self.crossing: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        """Aliases with a conjunction inside, by the tokens around it: ("markten", "foren") => the
        (head, tail) token tuples of "markten en foren"."""
        for k in self.phrases:
            for i in range(1, len(k) - 1):
                if k[i] in ("en", "of"):
                    self.crossing.setdefault((k[i - 1], k[i + 1]), []).append((k[:i], k[i + 1 :]))
        self.crossing_left = frozenset(a for a, _ in self.crossing)
        """Words before a conjunction inside an alias ("markten" of "markten en foren")."""
        self.wrapped_starts = frozenset(k[:2] for k in self.phrases if len(k) > 1 and k[0] not in self.single)
        """First two words of phrase aliases whose first word is no alias of its own ("gelijke",
        "kansen"): a line break between them is a wrapped line, not a list separator."""
        self.vocabulary = frozenset(t for k in self.phrases for t in k if len(t) > 2)
        self.sha256 = sha256
        self.abbreviations = {k.casefold(): v for k, v in (abbreviations or {}).items()}
        # "gel. kansen" / "gel.kansen" => "gelijke kansen": an abbreviation and its full stop, a word after it
        words = "|".join(re.escape(k[:-1]) for k in sorted(self.abbreviations, key=len, reverse=True))
        self._abbreviation = re.compile(rf"(?<![\w.])({words})\. ?(?=[^\W\d_])") if words else None

    def expand_abbreviations(self, text: str) -> str:
        """Folded text with the lexicon's abbreviations written out.

        Examples
        --------
        >>> load_lexicon().expand_abbreviations("gel. kansen, soc.zaken")
        'gelijke kansen, sociale zaken'
        """
        if self._abbreviation is None or "." not in text:
            return text
        return self._abbreviation.sub(lambda m: self.abbreviations[m.group(1) + "."] + " ", text)

    def spans_conjunction(self, left: str, conj: str, right: str) -> bool:
        """Whether an alias runs across ``left <conj> right`` ("markten" en "foren")."""
        if left.rsplit(" ", 1)[-1] not in self.crossing_left and left[-1:].isalnum():
            return False  # the last word starts no alias with a conjunction inside
        lt, rt = tokenize(left), tokenize(right)
        if not lt or not rt:
            return False
        for head, tail in self.crossing.get((lt[-1], rt[0]), ()):
            if lt[len(lt) - len(head) :] == head and rt[: len(tail)] == tail:
                return True
        return False

    def lookup(self, tokens: tuple[str, ...]) -> Alias | None:
        """The alias for exactly these tokens, written apart or as one word."""
        if len(tokens) == 1:
            return self.single.get(tokens[0])
        return self.phrases.get(tokens)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon (cached)."""
    h = hashlib.sha256()
    rows = _data_lines("lexicon.tsv")
    h.update("\n".join(rows).encode())
    order = load_taxonomy().index
    aliases = []
    for r in csv.DictReader(rows, delimiter="\t"):
        domains = tuple(sorted(r["domains"].split(";"), key=lambda d: order.get(d, 99)))
        aliases.append(Alias(r["alias"], domains, r["source"]))
    nd_rows = _data_lines("non_domains.tsv")
    h.update("\n".join(nd_rows).encode())
    non_domains = {r["phrase"]: r["reason"] for r in csv.DictReader(nd_rows, delimiter="\t")}
    stop = _data_lines("stopwords.txt")
    heads = _data_lines("compound_heads.txt")
    h.update("\n".join(stop + heads).encode())
    ab_rows = _data_lines("abbreviations.tsv")
    h.update("\n".join(ab_rows).encode())
    abbreviations = {r["abbreviation"]: r["expansion"] for r in csv.DictReader(ab_rows, delimiter="\t")}
    return Lexicon(
        aliases,
        non_domains,
        frozenset(s.strip() for s in stop),
        frozenset(s.strip() for s in heads),
        h.hexdigest(),
        abbreviations,
    )
