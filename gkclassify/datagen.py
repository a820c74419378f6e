"""Labelling functions that generate training fields from the lexicon (seeded, reproducible).

``python -m gkclassify.datagen`` rewrites ``training_data/generated.csv``. Every
row it writes has ``origin=generated`` and a ``note`` naming the labelling
function that made it:

- ``alias``: an alias as written, in one of several casings
  (``"sociale zaken"`` => sociale_zaken);
- ``typo``: an alias with one keyboard slip in a long word
  (``"sociale zakne"`` => sociale_zaken);
- ``prefix``: an alias behind a framing phrase (``"Schepen van Jeugd"`` => jeugd);
- ``combo``: 2–8 aliases of different domains joined with the separators
  municipalities use (``"Jeugd, sport en cultuur"`` => jeugd; sport; cultuur);
- ``negative``: a phrase that names no domain (a place, a person, a function,
  a date) alone or beside aliases (``"Eerste schepen, financiën"`` => financien).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from .lexicon import Alias, load_lexicon
from .taxonomy import load_taxonomy

__all__ = ["generate", "main"]

SEED = 20261126
_NEIGHBOURS = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "rz", "f": "dg", "g": "fh", "h": "gj", "i": "uo",
    "j": "hk", "k": "jl", "l": "km", "m": "ln", "n": "bm", "o": "ip", "p": "o", "r": "et", "s": "ad",
    "t": "ry", "u": "yi", "v": "cb", "w": "qe", "z": "ae", "y": "tu",
}
_SEPARATORS = [", ", ", ", "; ", " en ", " / ", "\n", "\n- ", " - ", " & ", " + ", ",\n"]
_PREFIXES = ["Schepen van ", "Schepen voor ", "Bevoegd voor ", "Bevoegdheden: ", "Portefeuille: ", "Beleidsdomein: ", "Burgemeester, bevoegd voor "]


def _case(rng: random.Random, text: str) -> str:
    r = rng.random()
    if r < 0.45:
        return text[:1].upper() + text[1:]
    if r < 0.65:
        return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
    if r < 0.75:
        return text.upper()
    return text


def _typo(rng: random.Random, text: str) -> str | None:
    words = text.split(" ")
    long_ = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_:
        return None
    i = rng.choice(long_)
    w = words[i]
    k = rng.randrange(1, len(w) - 1)
    op = rng.randrange(4)
    if op == 0:
        w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    elif op == 1:
        w = w[:k] + w[k + 1 :]
    elif op == 2:
        w = w[:k] + w[k] + w[k:]
    else:
        w = w[:k] + rng.choice(_NEIGHBOURS.get(w[k], "e")) + w[k + 1 :]
    words[i] = w
    out = " ".join(words)
    return out if out != text else None


def _read_negatives(root: Path) -> list[str]:
    with open(root / "non_domain_phrases.csv", encoding="utf-8", newline="") as f:
        return [r["phrase"] for r in csv.DictReader(f)]


def _names_domain(phrase: str, lex) -> bool:  # lex: Lexicon
    from .normalize import normalize, tokenize

    toks = tokenize(normalize(phrase))
    return any(lex.lookup(toks[i : j]) for i in range(len(toks)) for j in range(i + 1, len(toks) + 1))


def generate(root: Path, *, seed: int = SEED, combos: int = 4000) -> list[tuple[str, str, str, str]]:
    """Rows ``(text, domains, origin, note)``; the same seed gives the same rows."""
    rng = random.Random(seed)
    order = load_taxonomy().index
    lex = load_lexicon()
    aliases: list[Alias] = sorted(lex.aliases, key=lambda a: (a.text, a.domains))
    by_domain: dict[str, list[Alias]] = {}
    for a in aliases:
        if len(a.domains) == 1:
            by_domain.setdefault(a.domains[0], []).append(a)
    rows: dict[str, tuple[str, str, str, str]] = {}

    def add(text: str, domains: set[str] | tuple[str, ...], note: str) -> None:
        key = " ".join(text.lower().split())
        if key and key not in rows:
            rows[key] = (text, ";".join(sorted(domains, key=order.__getitem__)), "generated", note)

    for a in aliases:
        add(_case(rng, a.text), a.domains, "alias")
        t = _typo(rng, a.text)
        if t:
            add(_case(rng, t), a.domains, "typo")
        if rng.random() < 0.25:
            add(rng.choice(_PREFIXES) + _case(rng, a.text), a.domains, "prefix")
    domains = sorted(by_domain)
    # a "negative" that the lexicon maps to a domain would contradict it: left out
    negatives = [n for n in _read_negatives(root) if not _names_domain(n, lex)]
    for phrase in negatives:
        add(phrase, (), "negative")
    for _ in range(combos):
        k = min(8, max(2, int(rng.expovariate(0.45)) + 2))
        chosen = rng.sample(domains, k)
        parts: list[str] = []
        labels: set[str] = set()
        for d in chosen:
            a = rng.choice(by_domain[d])
            text = a.text
            if rng.random() < 0.08:
                text = _typo(rng, text) or text
            parts.append(_case(rng, text))
            labels.update(a.domains)
        if rng.random() < 0.1:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(negatives))
        sep = rng.choice(_SEPARATORS)
        text = sep.join(parts)
        if sep.startswith("\n- "):
            text = "- " + text
        if rng.random() < 0.15:
            text = rng.choice(_PREFIXES) + text
        add(text, labels, "combo")
    return list(rows.values())


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path("training_data")
    rows = generate(root)
    out = root / "generated.csv"
    tmp = out.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["text", "domains", "origin", "note"])
        w.writerows(rows)
    tmp.replace(out)
    print(f"{len(rows)} rijen => {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
