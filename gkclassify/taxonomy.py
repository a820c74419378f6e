"""The canonical taxonomy of 38 policy domains (a contract: the IDs are stable).

The domains, their Dutch labels, scope notes and Gelijke Kansen roles live in
``data/taxonomy.csv``; this module only reads them.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

__all__ = ["Domain", "Taxonomy", "load_taxonomy", "DOMAIN_IDS"]

GKRole = Literal["explicit", "related", "possibly_hidden", ""]


@dataclass(frozen=True, slots=True)
class Domain:
    """One canonical policy domain."""

    id: str
    label: str
    scope_note: str
    gk_role: GKRole


@dataclass(frozen=True)
class Taxonomy:
    """The ordered set of domains, with the file's hash for model compatibility."""

    domains: tuple[Domain, ...]
    sha256: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.domains)

    def __len__(self) -> int:
        return len(self.domains)

    def __contains__(self, domain_id: object) -> bool:
        return domain_id in self.index

    @property
    def index(self) -> dict[str, int]:
        return {d.id: i for i, d in enumerate(self.domains)}

    def label(self, domain_id: str) -> str:
        return self.domains[self.index[domain_id]].label

    def by_role(self, role: GKRole) -> tuple[str, ...]:
        return tuple(d.id for d in self.domains if d.gk_role == role)


def read_data_bytes(name: str) -> bytes:
    """Bytes of a package data file in ``gkclassify/data``."""
    return resources.files("gkclassify").joinpath("data").joinpath(name).read_bytes()


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy.

    Examples
    --------
    >>> tax = load_taxonomy()
    >>> len(tax), tax.ids[0], tax.label("gelijke_kansen")
    (38, 'algemeen_bestuur', 'Gelijke kansen')
    """
    raw = read_data_bytes("taxonomy.csv")
    rows = csv.DictReader(raw.decode("utf-8").splitlines())
    domains = tuple(
        Domain(r["id"], r["label"], r["scope_note"], r["gk_role"])  # type: ignore[arg-type]
        for r in rows
    )
    return Taxonomy(domains, hashlib.sha256(raw).hexdigest())


DOMAIN_IDS: tuple[str, ...] = load_taxonomy().ids
