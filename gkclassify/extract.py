"""Read a mandates extract: one row per mandataris, with the government, the function and the competences.

Columns are found among common names or given by the caller; functions are
classified tolerantly into the roles that make up a college.

Examples
--------
>>> classify_function("Voorzitter van het Bijzonder Comité voor de Sociale Dienst")
'schepen'
>>> classify_function("Schepen (toegevoegd)"), classify_function("WAARNEMEND BURGEMEESTER")
('schepen', 'burgemeester')
>>> classify_function("Gemeenteraadslid") is None
True
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from .errors import InputError
from .io.read import TEXT_COLUMN_CANDIDATES, Table, find_column, find_optional_column, read_table
from .normalize import fold, tokenize

__all__ = [
    "Role", "Mandate", "Extract", "ExtractColumns", "read_extract", "extract_from_table", "classify_function",
    "GOVERNMENT_CANDIDATES", "FUNCTION_CANDIDATES", "PROVINCE_CANDIDATES", "NAME_CANDIDATES",
]

Role = Literal["schepen", "burgemeester", "gedeputeerde"]

GOVERNMENT_CANDIDATES = (
    "bestuurseenheid", "bestuurseenheid naam", "gemeente", "gemeentenaam", "stad",
    "bestuur", "lokaal bestuur", "municipality", "government",
)
FUNCTION_CANDIDATES = ("mandaat", "functie", "bestuursfunctie", "mandaat naam", "rol", "function", "mandate")
PROVINCE_CANDIDATES = ("provincie", "province", "prov")
NAME_CANDIDATES = ("naam", "mandataris", "volledige naam", "naam mandataris", "name", "full name")
_FIRST_NAME = ("voornaam", "roepnaam", "first name", "given name")
_LAST_NAME = ("achternaam", "familienaam", "last name", "family name", "surname")

_IGNORED_WORDS = {"lid", "raadslid", "gemeenteraadslid", "districtsschepen", "districtsburgemeester"}


def classify_function(value: str) -> Role | None:
    """The college role a function names, or ``None`` for other mandates.

    ``schepen``: Schepen, Toegevoegde schepen, Voorzitter (van het) BCSD / bijzonder comité
    voor de sociale dienst; ``burgemeester``: Burgemeester, Aangewezen, Waarnemend of
    Dienstdoend burgemeester; ``gedeputeerde``: Gedeputeerde (a college member only in a
    province). Case, accents and punctuation do not matter.

    Examples
    --------
    >>> [classify_function(v) for v in ("schepen", "Toegevoegde Schepen", "Voorzitter BCSD", "Aangewezen burgemeester")]
    ['schepen', 'schepen', 'schepen', 'burgemeester']
    >>> [classify_function(v) for v in ("Lid van het BCSD", "Voorzitter van de gemeenteraad", "Gedeputeerde")]
    [None, None, 'gedeputeerde']
    """
    words = tokenize(fold(value))
    if not words or _IGNORED_WORDS & set(words):
        return None
    w = set(words)
    if "burgemeester" in w:
        return "burgemeester"
    if "schepen" in w:
        return "schepen"
    if "gedeputeerde" in w:
        return "gedeputeerde"
    initials = "".join(t for t in words if len(t) == 1)  # "B.C.S.D."
    if "voorzitter" in w and ("bcsd" in w or "bcsd" in initials or {"bijzonder", "comite", "sociale"} <= w):
        return "schepen"
    return None


@dataclass(frozen=True, slots=True)
class Mandate:
    """One row of an extract.

    ``row`` is the line number in the file (the header is row 1); ``role`` is
    ``None`` for mandates outside the college.
    """

    row: int
    government: str
    function: str
    role: Role | None
    text: str
    province: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class ExtractColumns:
    """The columns used; ``province`` and ``name`` may be absent (``None``)."""

    government: str
    function: str
    text: str
    province: str | None = None
    name: tuple[str, ...] = ()


@dataclass
class Extract:
    """A mandates extract: its rows as :class:`Mandate` and what reading it noticed."""

    path: str
    columns: ExtractColumns
    mandates: list[Mandate]
    warnings: list[str] = field(default_factory=list)


def _pick(table: Table, wanted: str | None, candidates: Sequence[str], taken: Sequence[str], *, flag: str, what: str | None) -> str | None:
    """The column ``wanted`` (tolerantly) or the first candidate; ``what=None`` makes it optional."""
    available = ", ".join(repr(c) for c in table.columns) or "(geen)"
    if wanted is not None:
        try:
            return find_column(table, wanted)
        except InputError:
            raise InputError("E041", path=table.path, column=wanted, flag=flag, available=available) from None
    found = find_optional_column(table, candidates, exclude=taken)
    if found is None and what is not None:
        code = "E005" if flag == "--column" else "E040"
        raise InputError(code, path=table.path, what=what, flag=flag, available=available,
                         candidates=", ".join(candidates[:6]) + (", …" if len(candidates) > 6 else ""))
    return found


def extract_from_table(
    table: Table,
    *,
    government_column: str | None = None,
    function_column: str | None = None,
    text_column: str | None = None,
    province_column: str | None = None,
    name_column: str | None = None,
) -> Extract:
    """An :class:`Extract` from a table already read (see :func:`read_extract`)."""
    gov = _pick(table, government_column, GOVERNMENT_CANDIDATES, (), flag="--government-column", what="het bestuur (bestuurseenheid/gemeente)")
    assert gov is not None
    fun = _pick(table, function_column, FUNCTION_CANDIDATES, (gov,), flag="--function-column", what="het mandaat (mandaat/functie)")
    assert fun is not None
    txt = _pick(table, text_column, TEXT_COLUMN_CANDIDATES, (gov, fun), flag="--column", what="de bevoegdheden")
    assert txt is not None
    taken = [gov, fun, txt]
    prov = _pick(table, province_column, PROVINCE_CANDIDATES, taken, flag="--province-column", what=None)
    names: tuple[str, ...] = ()
    one = _pick(table, name_column, NAME_CANDIDATES, taken + ([prov] if prov else []), flag="--name-column", what=None)
    if one is not None:
        names = (one,)
    else:
        first, last = find_optional_column(table, _FIRST_NAME, exclude=taken), find_optional_column(table, _LAST_NAME, exclude=taken)
        names = tuple(c for c in (first, last) if c is not None)
    cols = ExtractColumns(gov, fun, txt, prov, names)
    gi, fi, ti = table.index(gov), table.index(fun), table.index(txt)
    pi = table.index(prov) if prov else None
    ni = [table.index(n) for n in names]
    mandates = [
        Mandate(
            row=i,
            government=r[gi].strip(),
            function=r[fi].strip(),
            role=classify_function(r[fi]),
            text=r[ti],
            province=r[pi].strip() if pi is not None else "",
            name=" ".join(r[j].strip() for j in ni if r[j].strip()),
        )
        for i, r in enumerate(table.rows, start=2)
    ]
    return Extract(table.path, cols, mandates, list(table.warnings))


def read_extract(
    path: str | os.PathLike[str],
    *,
    government_column: str | None = None,
    function_column: str | None = None,
    text_column: str | None = None,
    province_column: str | None = None,
    name_column: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
) -> Extract:
    """Read a mandates extract (CSV, TSV or XLSX).

    Columns not given are found among common names: government (bestuurseenheid,
    gemeente, bestuur), function (mandaat, functie), competences (beleidsdomein,
    bevoegdheid, …), province (provincie) and name (naam, mandataris, or voornaam
    + achternaam/familienaam). The last two are optional.

    Raises
    ------
    InputError
        E040/E005 when a required column cannot be found, E041 when a given
        column does not exist; both list the columns that are there.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "mandaten.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "Bestuurseenheid;Mandaat;Voornaam;Familienaam;Beleidsdomein\\n"
    ...     "Stad Gent;Schepen;An;Peeters;Gelijke kansen\\n")
    >>> ex = read_extract(p)
    >>> ex.columns.government, ex.columns.name, ex.mandates[0].role, ex.mandates[0].name
    ('Bestuurseenheid', ('Voornaam', 'Familienaam'), 'schepen', 'An Peeters')
    """
    table = read_table(path, sheet=sheet, delimiter=delimiter)
    return extract_from_table(
        table, government_column=government_column, function_column=function_column, text_column=text_column,
        province_column=province_column, name_column=name_column,
    )
