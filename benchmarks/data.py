"""Seeded benchmark inputs: realistic fresh fields, adversarial unseen words, a repetitive column."""

from __future__ import annotations

import random

from gkclassify.datagen import _case, _typo
from gkclassify.lexicon import load_lexicon

SEPARATORS = [", ", ", ", "; ", " en ", " / ", "\n", " - ", " & "]
PREFIXES = [""] * 17 + ["Schepen van ", "Bevoegd voor ", "Bevoegdheden: "]  # ~1 field in 7 has a prefix


def realistic_fields(n: int, *, seed: int = 1, typo_rate: float = 0.03) -> list[str]:
    """``n`` distinct fields of 1–5 parts from the lexicon's aliases: new combinations,
    casing, separators, prefixes, and a typo in ``typo_rate`` of the parts (~60 characters).

    The parts come from the aliases of the taxonomy, the pick-list, the BBC classification and the
    curated spellings (about 1,600: the everyday vocabulary of registry exports), not from the
    long-tail ``terms`` vocabulary, so that the workload does not change when that vocabulary grows.
    """
    rng = random.Random(seed)
    aliases = sorted({a.text for a in load_lexicon().aliases if a.source != "terms"})
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        k = rng.choice((1, 2, 2, 3, 3, 4, 5))
        parts = []
        for _ in range(k):
            a = rng.choice(aliases)
            if rng.random() < typo_rate:
                a = _typo(rng, a) or a
            parts.append(_case(rng, a))
        text = rng.choice(PREFIXES) + rng.choice(SEPARATORS).join(parts)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def adversarial_fields(n: int, *, seed: int = 2) -> list[str]:
    """``n`` distinct fields whose words are all unseen (random letters): nothing cached, the model must run."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvwz"
    out = []
    for i in range(n):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(5, 12))) for _ in range(rng.randint(2, 6))]
        out.append(" ".join(words) + f" {i}")
    return out


def repetitive_column(n: int, *, distinct: int = 5000, seed: int = 3) -> list[str]:
    """``n`` rows drawn from ``distinct`` realistic fields, as in a registry export."""
    rng = random.Random(seed)
    pool = realistic_fields(distinct, seed=seed)
    return [pool[rng.randrange(distinct)] for _ in range(n)]
