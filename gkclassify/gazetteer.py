"""The Flemish municipalities (NIS code, province) of 2019–2024 and from 2025 on.

Built in: ``gkclassify/data/gemeenten.csv`` (sources in ``SOURCES_gemeenten.md``).
Names are matched tolerantly — case, accents, hyphens and spaces, ``St.``/``Sint``,
prefixes such as ``Stad``, ``Gemeente`` or ``OCMW`` — and an unknown name gives
``None``: nothing is guessed.

Examples
--------
>>> m = match_name("St.-Niklaas")
>>> m.name, m.nis_code, m.province
('Sint-Niklaas', '46021', 'Oost-Vlaanderen')
>>> match_name("OCMW Gent").name, match_name("Atlantis") is None
('Gent', True)
>>> z = match_name("Zwijndrecht")
>>> z.province, z.fusion_2025, match_name(z.fusion_2025).province
('Antwerpen', 'Beveren-Kruibeke-Zwijndrecht', 'Oost-Vlaanderen')
>>> match_province("oost vlaanderen"), match_province("Brussel")
('Oost-Vlaanderen', None)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from .normalize import fold

__all__ = [
    "Municipality", "Gazetteer", "Era", "PROVINCES", "load", "match_name", "match_province",
    "name_key", "province_government",
]

Era = Literal["2019-2024", "2025"]
PROVINCES: tuple[str, ...] = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen")

_PREFIXES = (
    ("lokaal", "bestuur"), ("gemeentebestuur",), ("stadsbestuur",), ("ocmw",), ("stad",), ("gemeente",),
    ("van",),
)
_PROVINCE_PREFIXES = (("provinciebestuur",), ("provincie",), ("prov",))
_TOKEN_MAP = {"st": "sint", "ste": "sinte"}
_PROVINCE_ALIASES = {
    "antwerpen": "Antwerpen", "antw": "Antwerpen", "anvers": "Antwerpen", "antwerp": "Antwerpen",
    "limburg": "Limburg", "limb": "Limburg", "lim": "Limburg", "limbourg": "Limburg",
    "oostvlaanderen": "Oost-Vlaanderen", "ovl": "Oost-Vlaanderen", "oostvl": "Oost-Vlaanderen",
    "flandreorientale": "Oost-Vlaanderen", "eastflanders": "Oost-Vlaanderen",
    "vlaamsbrabant": "Vlaams-Brabant", "vlbr": "Vlaams-Brabant", "vbr": "Vlaams-Brabant", "vlbrabant": "Vlaams-Brabant",
    "brabantflamand": "Vlaams-Brabant", "flemishbrabant": "Vlaams-Brabant",
    "westvlaanderen": "West-Vlaanderen", "wvl": "West-Vlaanderen", "westvl": "West-Vlaanderen",
    "flandreoccidentale": "West-Vlaanderen", "westflanders": "West-Vlaanderen",
}


@dataclass(frozen=True, slots=True)
class Municipality:
    """One municipality of the gazetteer.

    Attributes
    ----------
    nis_code : str
        Statbel NIS code, five digits.
    name : str
        Official name.
    province : str
        One of :data:`PROVINCES`.
    fusion_2025 : str or None
        Name of the municipality it belongs to from 1 January 2025 when it took part
        in a merger; ``None`` when unchanged (and for the new merged municipalities).
    fusion_2025_nis : str or None
        NIS code of that municipality.
    until_2024 : bool
        A municipality of 2019–2024.
    from_2025 : bool
        A municipality from 2025 on.
    former : tuple of str
        For a municipality from 2025 that came out of a merger: the former municipalities.
    """

    nis_code: str
    name: str
    province: str
    fusion_2025: str | None = None
    fusion_2025_nis: str | None = None
    until_2024: bool = True
    from_2025: bool = True
    former: tuple[str, ...] = ()

    @property
    def successor_nis(self) -> str:
        """NIS code of the municipality that covers this one from 2025 on."""
        return self.fusion_2025_nis or self.nis_code


def _words(value: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", fold(value)).replace("o/d", " op den ")
    return [_TOKEN_MAP.get(t, t) for t in re.findall(r"[a-z0-9]+", text)]


def _strip(words: list[str], prefixes: Iterable[tuple[str, ...]]) -> tuple[list[str], bool]:
    stripped = False
    again = True
    while again:
        again = False
        for p in prefixes:
            if len(words) > len(p) and tuple(words[: len(p)]) == p:
                words, stripped, again = words[len(p):], True, True
    return words, stripped


def name_key(name: str) -> str:
    """The key names are compared on: folded, ``St.`` => ``sint``, prefixes and punctuation gone.

    Examples
    --------
    >>> name_key("Stad Sint-Niklaas") == name_key("SINT NIKLAAS") == name_key("St.-Niklaas")
    True
    >>> name_key("Herk-de-Stad"), name_key("Antwerpen (11002)")
    ('herkdestad', 'antwerpen')
    """
    words, _ = _strip(_words(name), _PREFIXES)
    return "".join(words)


def match_province(value: str) -> str | None:
    """The Flemish province a cell names (``"Prov. Oost-Vlaanderen"``, ``"WVL"``), else ``None``."""
    words, _ = _strip(_words(value), _PROVINCE_PREFIXES)
    return _PROVINCE_ALIASES.get("".join(words))


def province_government(name: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The province when ``name`` names a provincial government (``"Provincie Limburg"``).

    A bare province name counts unless it is also a municipality (``"Antwerpen"`` is the city).

    Examples
    --------
    >>> province_government("Provinciebestuur West-Vlaanderen"), province_government("Antwerpen")
    ('West-Vlaanderen', None)
    >>> province_government("Vlaams-Brabant")
    'Vlaams-Brabant'
    """
    words, prefixed = _strip(_words(name), _PROVINCE_PREFIXES)
    key = "".join(words)
    province = _PROVINCE_ALIASES.get(key)
    if province is None or prefixed:
        return province
    if key == name_key(province) and (gazetteer or load()).match_name(name) is None:
        return province
    return None


class Gazetteer:
    """The municipalities, looked up by tolerant name or NIS code.

    Examples
    --------
    >>> g = load()
    >>> len(g.in_era("2019-2024")), len(g.in_era("2025"))
    (300, 285)
    >>> g.match_name("Tielt").nis_code, g.match_name("Tielt", era="2025").nis_code
    ('37015', '37022')
    >>> g.match_name("Pajottegem").former
    ('Galmaarden', 'Gooik', 'Herne')
    """

    def __init__(self, municipalities: Iterable[Municipality]) -> None:
        self.municipalities = tuple(municipalities)
        self._by_key: dict[str, list[Municipality]] = {}
        self._by_nis: dict[str, list[Municipality]] = {}
        for m in self.municipalities:
            self._by_key.setdefault(name_key(m.name), []).append(m)
            self._by_nis.setdefault(m.nis_code, []).append(m)

    def in_era(self, era: Era) -> list[Municipality]:
        """The municipalities of 2019–2024 or of 2025 on, in NIS order."""
        return [m for m in self.municipalities if (m.until_2024 if era == "2019-2024" else m.from_2025)]

    def match_name(self, name: str, *, era: Era | None = None) -> Municipality | None:
        """The municipality ``name`` names, or ``None``.

        Parameters
        ----------
        name : str
            As written in an extract.
        era : {"2019-2024", "2025"}, optional
            Which of two municipalities with the same name (Tielt, Hasselt, …) is meant;
            without it the one of 2019–2024. A name outside the era still matches.
        """
        found = self._by_key.get(name_key(name))
        if not found:
            return None
        if era is not None:
            inside = [m for m in found if (m.until_2024 if era == "2019-2024" else m.from_2025)]
            found = inside or found
        return next((m for m in found if m.until_2024), found[0])

    def eras(self, name: str) -> set[Era]:
        """The eras in which a municipality of this name exists (empty: unknown name).

        Examples
        --------
        >>> g = load()
        >>> sorted(g.eras("Tielt")), sorted(g.eras("Gooik")), sorted(g.eras("Pajottegem"))
        (['2019-2024', '2025'], ['2019-2024'], ['2025'])
        """
        found = self._by_key.get(name_key(name), [])
        eras: set[Era] = set()
        for m in found:
            if m.until_2024:
                eras.add("2019-2024")
            if m.from_2025:
                eras.add("2025")
        return eras

    def by_nis(self, nis_code: str, *, era: Era | None = None) -> Municipality | None:
        """The municipality with this NIS code (``"11002"``)."""
        found = self._by_nis.get(nis_code.strip(), [])
        if era is not None:
            found = [m for m in found if (m.until_2024 if era == "2019-2024" else m.from_2025)] or found
        return found[0] if found else None

    def successor(self, m: Municipality) -> Municipality:
        """The municipality that covers ``m`` from 2025 on (``m`` itself when unchanged)."""
        return self.by_nis(m.successor_nis, era="2025") or m


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The built-in gazetteer (read once per process)."""
    text = resources.files("gkclassify").joinpath("data/gemeenten.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))
    names = {r["nis_code"]: r["name"] for r in rows if r["from_2025"] == "1"}
    former: dict[str, list[str]] = {}
    for r in rows:
        if r["fusion_2025_nis"]:
            former.setdefault(r["fusion_2025_nis"], []).append(r["name"])
    return Gazetteer(
        Municipality(
            nis_code=r["nis_code"],
            name=r["name"],
            province=r["province"],
            fusion_2025=names[r["fusion_2025_nis"]] if r["fusion_2025_nis"] else None,
            fusion_2025_nis=r["fusion_2025_nis"] or None,
            until_2024=r["until_2024"] == "1",
            from_2025=r["from_2025"] == "1",
            former=tuple(sorted(former.get(r["nis_code"], []))) if r["from_2025"] == "1" else (),
        )
        for r in rows
    )


def match_name(name: str, *, era: Era | None = None) -> Municipality | None:
    """:meth:`Gazetteer.match_name` on the built-in gazetteer."""
    return load().match_name(name, era=era)
