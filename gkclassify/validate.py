"""Validation of a municipality's own competence entries (issue #5).

:func:`validate_table` reads every row of a table the way ``predict`` does and
reports, per row, findings with a level and a concrete suggestion:

- ``typo`` (warning): a part recognized only through a spelling error, with the
  right spelling and the similarity ("Gelijke Kanssen" => "Gelijke kansen", 97);
- ``unrecognized`` (warning): a part that names no known domain, with the
  closest canonical labels and their similarity, or none when nothing is close;
- ``model_only`` (info): a part only the learned model recognized;
- ``empty`` / ``placeholder``: no competence ("no view"); an error for a
  schepen or burgemeester when the file has a function column;
- ``spelling_variant`` (info): the same text written differently in other rows
  ("Gelijke kansen" / "gelijke-kansen" / "Gelijkekansen");
- ``looks_like_name``, ``looks_like_function``, ``looks_like_date``,
  ``looks_like_url``, ``looks_like_email``, ``looks_like_number``,
  ``only_punctuation``, ``spreadsheet_error``: a field that holds something else;
- ``not_a_domain`` (info), ``control_characters``, ``too_long``, ``formula``
  (an error when the whole field is a formula such as ``=SOM(A1)``),
  ``mojibake`` (with the repaired text), ``row_shape`` (warning): other
  problems of a cell or row; ``duplicate_column`` (warning) for the file.

A field that holds something else entirely is an error; the same thing among
real competences is a warning or info ("Jeugd, Eerste schepen").

With a government column, per government: ``government_no_competences``
(error: nobody has any competence), ``government_gk`` (how Gelijke Kansen is
held: explicit, related, possibly hidden — info — or not at all — warning) and
``government_missing_domains`` (info: the domains nobody holds). Spellings of one
government ("Stad Gent", "Gent", "OCMW Gent") are grouped as in ``gkclassify report``.

The codes, levels and the JSON keys of :meth:`ValidationReport.to_dict` are a
contract that scripts rely on.

Examples
--------
>>> from gkclassify.classifier import Classifier
>>> from gkclassify.io import Table
>>> t = Table("x.csv", ["naam", "functie", "bevoegdheden"], [
...     ["An", "Burgemeester", "Veiligheid, Gelijke Kanssen"],
...     ["Bart", "Schepen", ""],
... ])
>>> report = validate_table(t, classifier=Classifier())
>>> [(r.row, r.level, [f.code for f in r.findings]) for r in report.rows]
[(2, 'warning', ['typo']), (3, 'error', ['empty'])]
>>> report.rows[0].findings[0].suggestion
'schrijf "Gelijke kansen"'
>>> report.exit_code
1
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError
from .gk import GK_STATUSES, GKStatus
from .io.read import Table, find_column, find_optional_column
from .normalize import fold, normalize, tokenize
from .prediction import Prediction

if TYPE_CHECKING:
    from .classifier import Classifier

__all__ = [
    "Level", "LEVELS", "Finding", "Candidate", "RowReport", "GovernmentReport", "SpellingVariant",
    "ValidationReport", "validate_table", "validate_texts", "FUNCTION_COLUMN_CANDIDATES",
    "GOVERNMENT_COLUMN_CANDIDATES", "NAME_COLUMN_CANDIDATES", "VALIDATE_COLUMNS", "is_executive",
]

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")
_RANK = {"error": 3, "warning": 2, "info": 1, "": 0}

VALIDATE_COLUMNS = ("level", "findings", "suggestions")
"""Columns added to the annotated output (a contract)."""

FUNCTION_COLUMN_CANDIDATES = (
    "functie", "mandaat", "functie mandataris", "mandaattype", "type mandaat", "hoedanigheid", "rol",
    "function", "mandate",
)
GOVERNMENT_COLUMN_CANDIDATES = (
    "bestuurseenheid", "gemeente", "gemeentenaam", "naam gemeente", "stad", "lokaal bestuur", "bestuur",
    "bestuursorgaan", "government", "municipality",
)
NAME_COLUMN_CANDIDATES = (
    "naam", "volledige naam", "mandataris", "naam mandataris", "persoon", "achternaam", "name",
)

SUGGEST_CUTOFF = 80.0
"""Lowest similarity (0–100) of a canonical label offered for an unrecognized part."""
LONG_FIELD = 20_000
_PLACEHOLDERS_NAN = frozenset({"nan", "none", "null", "<na>", "nat", "n/a", "na", "-nan"})
_EXCEL_ERRORS = re.compile(
    r"^#(?:N/A|N/B|REF!|VERW!|VALUE!|WAARDE!|NAME\?|NAAM\?|DIV/0!|DEEL/0!|NULL!|LEEG!|NUM!|GETAL!|SPILL!|CALC!)$",
    re.IGNORECASE,
)
_URL = re.compile(  # bounded repetitions: linear time on a megabyte of letters
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s,;<>\"'()]{1,2000}"
    r"|\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,8}\.(?:be|com|org|net|eu|nl|vlaanderen|brussels|gent|info)\b"
    r"(?:/[^\s,;<>\"'()]{0,2000})?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_MONTHS = r"jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DATE = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\b"
    r"|\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}\b",
    re.IGNORECASE,
)
_GLUE_BEFORE = r"(?:\b(?:sinds|vanaf|van|tot|tem|t\.e\.m|zie|via|op|per|dd|d\.d|mail|e-mail|website|web)\.?:?\s+)?"
_MASKS = tuple(
    (code, pattern, re.compile(_GLUE_BEFORE + "(?:" + pattern.pattern + ")", re.IGNORECASE))
    for code, pattern in (("looks_like_email", _EMAIL), ("looks_like_url", _URL), ("looks_like_date", _DATE))
)
_FORMULA_CALL = re.compile(r"^[=+@]\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+\b)")
_NUMBER = re.compile(r"^[\s+\-]*\d[\d\s.,/%€+\-]*$")
_RAW_SPLIT = re.compile(
    r"[\n\r,;/&+|:()\[\]{}\u2022\u00b7]|\s[-\u2013\u2014]+\s|\.(?=\s|$)|\s+(?:en|of|and)\s+", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+")
_CONTROL_TO_SPACE = {c: " " for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]}
_NAME_PARTICLES = frozenset({"van", "de", "der", "den", "del", "da", "di", "du", "le", "la", "vande", "vanden", "vander", "ter", "ten", "t", "d", "von", "op", "in"})
_FUNCTION_WORDS = frozenset({
    "schepen", "burgemeester", "voorzitter", "gedeputeerde", "raadslid", "gemeenteraadslid", "ocmw", "bcsd",
    "mandataris", "fractieleider", "ondervoorzitter", "districtsschepen", "districtsburgemeester", "gouverneur",
})
_FUNCTION_EXTRA = frozenset({
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
    "waarnemend", "waarnemende", "aangewezen", "toegevoegd", "toegevoegde", "dienstdoend", "dienstdoende",
    "gemeenteraad", "raad", "van", "de", "het", "voor", "ad", "interim", "vast", "vaste", "plaatsvervangend",
})
_ORDINAL = re.compile(r"^\d{1,2}(?:ste|de|e|st|nd|rd|th)?$")


def is_executive(function: str) -> bool:
    """Whether a function is a seat in the college or deputation (schepen, burgemeester, voorzitter BCSD).

    Examples
    --------
    >>> [is_executive(f) for f in ("Schepen", "Eerste schepen", "Waarnemend burgemeester",
    ...                             "Voorzitter BCSD", "Gemeenteraadslid", "Voorzitter gemeenteraad")]
    [True, True, True, True, False, False]
    """
    toks = tokenize(normalize(function))
    if any(t.endswith("schepen") or t.endswith("burgemeester") or t in ("gedeputeerde", "schepenen") for t in toks):
        return True
    return "bcsd" in toks or ("bijzonder" in toks and "comite" in toks)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A canonical label offered for a part: its text, its domain IDs and the similarity (0–100)."""

    label: str
    domains: tuple[str, ...]
    score: int

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "domains": list(self.domains), "score": self.score}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with a concrete suggestion.

    Attributes
    ----------
    code : str
        Stable name of the check (see the module docstring).
    level : {"error", "warning", "info"}
    message : str
        What is wrong, in Dutch, naming the value.
    suggestion : str
        What to write instead; ``""`` when there is nothing concrete to offer.
    part : str
        The part of the field concerned, as written.
    score : int or None
        Similarity 0–100 (typos) or probability × 100 (model), when there is one.
    candidates : tuple of Candidate
        Closest canonical labels for an unrecognized part.
    """

    code: str
    level: Level
    message: str
    suggestion: str = ""
    part: str = ""
    score: int | None = None
    candidates: tuple[Candidate, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "level": self.level,
            "message": self.message,
            "suggestion": self.suggestion,
            "part": self.part,
            "score": self.score,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def _worst(findings: Iterable[Finding]) -> str:
    best = ""
    for f in findings:
        if _RANK[f.level] > _RANK[best]:
            best = f.level
    return best


@dataclass
class RowReport:
    """The findings of one row; ``row`` is the spreadsheet row number (header = 1)."""

    index: int
    text: str
    prediction: Prediction
    findings: list[Finding] = field(default_factory=list)
    name: str | None = None
    function: str | None = None
    government: str | None = None

    @property
    def row(self) -> int:
        return self.index + 2

    @property
    def level(self) -> str:
        """The most severe level of the findings, ``""`` without findings."""
        return _worst(self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "level": self.level,
            "text": self.text,
            "name": self.name,
            "function": self.function,
            "government": self.government,
            "domains": list(self.prediction.domains),
            "gk_status": self.prediction.gk_status,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class GovernmentReport:
    """Per government: who holds what, how Gelijke Kansen is held, which domains nobody holds."""

    name: str
    rows: list[int]
    members: int
    executive_members: int
    with_competence: int
    domains: tuple[str, ...]
    missing_domains: tuple[str, ...]
    gk_status: GKStatus
    gk_rows: list[int]
    findings: list[Finding] = field(default_factory=list)

    @property
    def level(self) -> str:
        return _worst(self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "government": self.name,
            "level": self.level,
            "rows": self.rows,
            "members": self.members,
            "executive_members": self.executive_members,
            "with_competence": self.with_competence,
            "domains": list(self.domains),
            "missing_domains": list(self.missing_domains),
            "gk_status": self.gk_status,
            "gk_rows": self.gk_rows,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class SpellingVariant:
    """One text written in several ways across rows; ``preferred`` is the spelling to use everywhere."""

    preferred: str
    forms: tuple[tuple[str, int], ...]
    rows: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"preferred": self.preferred, "forms": {f: n for f, n in self.forms}, "rows": list(self.rows)}


@dataclass
class ValidationReport:
    """Everything :func:`validate_table` found; ``to_dict`` is the ``--json`` output."""

    path: str
    column: str
    rows: list[RowReport]
    governments: list[GovernmentReport]
    variants: list[SpellingVariant]
    file_findings: list[Finding]
    function_column: str | None = None
    government_column: str | None = None
    name_column: str | None = None

    def all_findings(self) -> Iterator[tuple[int | None, str | None, Finding]]:
        """``(row, government, finding)`` for every finding: file, rows, then governments."""
        for f in self.file_findings:
            yield None, None, f
        for r in self.rows:
            for f in r.findings:
                yield r.row, r.government, f
        for g in self.governments:
            for f in g.findings:
                yield None, g.name, f

    @property
    def level(self) -> str:
        return _worst(f for _, _, f in self.all_findings())

    @property
    def exit_code(self) -> int:
        """0 without findings at warning or error level, else 1."""
        return 1 if _RANK[self.level] >= _RANK["warning"] else 0

    def summary(self) -> dict[str, Any]:
        counts = Counter(f.level for _, _, f in self.all_findings())
        rows_by = Counter(r.level or "ok" for r in self.rows)
        codes = Counter(f.code for _, _, f in self.all_findings())
        return {
            "path": self.path,
            "column": self.column,
            "function_column": self.function_column,
            "government_column": self.government_column,
            "name_column": self.name_column,
            "rows": len(self.rows),
            "rows_with_findings": sum(1 for r in self.rows if r.findings),
            "level": self.level,
            "exit_code": self.exit_code,
            "findings": {lv: counts.get(lv, 0) for lv in LEVELS},
            "rows_by_level": {lv: rows_by.get(lv, 0) for lv in (*LEVELS, "ok")},
            "codes": dict(sorted(codes.items())),
            "governments": len(self.governments),
            "spelling_variants": [v.to_dict() for v in self.variants],
            "file_findings": [f.to_dict() for f in self.file_findings],
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "rows": [r.to_dict() for r in self.rows],
            "governments": [g.to_dict() for g in self.governments],
        }

    def annotation_columns(self, existing: Sequence[str] = ()) -> list[str]:
        """The added column names; one that the input already has gets the suffix ``_gk``."""
        taken = set(existing)
        return [c if c not in taken else f"{c}_gk" for c in VALIDATE_COLUMNS]

    def annotation_cells(self) -> list[list[str]]:
        """Per row: ``level``, ``findings`` and ``suggestions`` cells (``" | "`` between findings)."""
        out = []
        for r in self.rows:
            findings = " | ".join(f"{f.level}: {f.message}" for f in r.findings)
            suggestions = " | ".join(f.suggestion for f in r.findings if f.suggestion)
            out.append([r.level, findings, suggestions])
        return out


# --------------------------------------------------------------------------- helpers


class _Suggester:
    """Closest canonical labels (taxonomy labels, lexicon aliases) of a text, with RapidFuzz."""

    def __init__(self, classifier: Classifier) -> None:
        entries: dict[str, tuple[str, tuple[str, ...]]] = {}
        for d in classifier.taxonomy.domains:
            entries.setdefault(normalize(d.label), (d.label, (d.id,)))
        for a in classifier.lexicon.aliases:
            key = normalize(a.text)
            if key:
                entries.setdefault(key, (a.text, a.domains))
        self._keys = list(entries)
        self._values = list(entries.values())
        self._labels = {normalize(d.label): d.label for d in classifier.taxonomy.domains}
        self._domain_labels = {d.id: d.label for d in classifier.taxonomy.domains}
        self._cache: dict[str, tuple[Candidate, ...]] = {}

    def __call__(self, text: str) -> tuple[Candidate, ...]:
        q = normalize(text)
        if q in self._cache:
            return self._cache[q]
        from rapidfuzz import fuzz, process

        out: list[Candidate] = []
        if sum(ch.isalnum() for ch in q) >= 4:
            seen: set[tuple[str, ...]] = set()
            for _key, score, idx in process.extract(q, self._keys, scorer=fuzz.ratio, limit=15, score_cutoff=SUGGEST_CUTOFF):
                label, domains = self._values[idx]
                if domains in seen:
                    continue
                seen.add(domains)
                out.append(Candidate(label, domains, int(round(score))))
                if len(out) == 3:
                    break
        result = tuple(out)
        if len(self._cache) < 100_000:
            self._cache[q] = result
        return result

    def display(self, alias: str, original: str) -> str:
        """The spelling to suggest: the taxonomy label when the alias is one, else the alias
        with the capital of the original ("Gelijke Kanssen" => "Gelijke kansen")."""
        label = self._labels.get(normalize(alias))
        if label is not None:
            return label
        if original[:1].isupper() and alias[:1].islower():
            return alias[:1].upper() + alias[1:]
        return alias

    def domain_text(self, domains: Sequence[str]) -> str:
        return " + ".join(self._domain_labels.get(d, d) for d in domains)

    def describe(self, c: Candidate) -> str:
        return f'"{c.label}" ({self.domain_text(c.domains)}, {c.score})'


def _original(raw: str, folded_part: str) -> str:
    """The words of ``raw`` that fold to ``folded_part`` (as written), else ``folded_part``.

    Examples
    --------
    >>> _original("Jeugd, Gelijke  Kanssen!", "gelijke kanssen")
    'Gelijke  Kanssen'
    >>> _original("cultuur- en jeugdbeleid", "cultuurbeleid")
    'cultuurbeleid'
    """
    target = tokenize(normalize(folded_part))
    if not target or len(raw) > 100_000:
        return folded_part
    text = unicodedata.normalize("NFC", raw)
    flat: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text):
        for tok in tokenize(normalize(m.group())):
            flat.append((tok, m.start(), m.end()))
    n = len(target)
    for i in range(len(flat) - n + 1):
        if all(flat[i + k][0] == target[k] for k in range(n)):
            return text[flat[i][1] : flat[i + n - 1][2]]
    return folded_part


def _raw_parts(text: str) -> list[str]:
    """List items of a field as written (for spelling variants)."""
    out = []
    text = text.translate(_CONTROL_TO_SPACE)
    for part in _RAW_SPLIT.split(text):
        part = " ".join(part.split()).strip(" -'.!?*_=~#\"\u2013\u2014")
        if part:
            out.append(part)
    return out


def _context(raw_parts: Sequence[str], toks: tuple[str, ...]) -> str | None:
    """The raw list item that contains the tokens ``toks``."""
    if not toks:
        return None
    n = len(toks)
    for part in raw_parts:
        ptoks = tokenize(normalize(part))
        if any(ptoks[i : i + n] == toks for i in range(len(ptoks) - n + 1)):
            return part
    return None


def _variant_key(part: str) -> str:
    return "".join(tokenize(fold(part)))


def _looks_like_name(text: str, vocabulary: frozenset[str], stopwords: frozenset[str]) -> bool:
    """Two to five capitalized words that are not in the lexicon: "Jan Peeters", "PEETERS, Jan"."""
    words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
    if not 2 <= len(words) <= 5:
        return False
    core = 0
    title = 0
    for w in words:
        letters = w.replace("-", "").replace("'", "").replace("\u2019", "").replace(".", "")
        if not letters or not letters.isalpha():
            return False
        low = fold(w)
        if low in _NAME_PARTICLES:
            continue
        for tok in tokenize(low):
            if tok in vocabulary or (tok in stopwords and tok not in _NAME_PARTICLES):
                return False
        if w[0].isupper() and len(w) > 1 and any(ch.islower() for ch in w[1:]):
            title += 1
        elif not (w.isupper() and len(letters) > 1):
            return False
        core += 1
    return core >= 2 and title >= 1


def _is_function(tokens: tuple[str, ...], reason: str | None) -> bool:
    if reason is not None and reason.startswith(("function", "rank", "management")):
        return True
    if not tokens or not any(t in _FUNCTION_WORDS or t.endswith(("schepen", "burgemeester")) for t in tokens):
        return False
    return all(t in _FUNCTION_WORDS or t in _FUNCTION_EXTRA or _ORDINAL.match(t) or t.endswith(("schepen", "burgemeester")) for t in tokens)


def _has_control(text: str) -> int:
    return sum(1 for ch in text if (ch < " " and ch not in "\t\n\r") or "\x7f" <= ch <= "\x9f")


def _mojibake_fix(text: str) -> str | None:
    if not any(m in text for m in ("Ã", "Â", "â€")):
        return None
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != text else None


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _empty_level(function: str | None, has_function_column: bool) -> Level | None:
    """Level of a missing competence: error for a schepen/burgemeester, nothing for a council member."""
    if not has_function_column:
        return "warning"
    if function is not None and is_executive(function):
        return "error"
    return None


# --------------------------------------------------------------------------- row checks


class _RowChecker:
    def __init__(self, classifier: Classifier, has_function_column: bool, function_column: str | None) -> None:
        self.clf = classifier
        self.lex = classifier.lexicon
        self.suggest = _Suggester(classifier)
        self.has_function_column = has_function_column
        self.function_column = function_column
        self.vocabulary = self.lex.vocabulary
        self.stopwords = self.lex.stopwords

    def check(self, text: str, function: str | None) -> tuple[Prediction, list[Finding]]:
        findings: list[Finding] = []
        none = self.clf.predict_one("")

        n_control = _has_control(text)
        if n_control:
            findings.append(Finding(
                "control_characters", "warning",
                f"bevat {n_control} onzichtbaar stuurteken(s) (bv. NUL of tab uit een export)",
                "verwijder de stuurtekens", _short(repr(text[:200])[1:-1]),
            ))
        if len(text) > LONG_FIELD:
            findings.append(Finding(
                "too_long", "warning",
                f"is {len(text)} tekens lang; alleen de eerste {LONG_FIELD} worden gelezen",
                "zet alleen de bevoegdheden in deze cel", _short(text),
            ))
        work = text
        fixed = _mojibake_fix(text)
        if fixed is not None:
            findings.append(Finding(
                "mojibake", "warning", f'bevat verkeerd gecodeerde tekens ("{_short(text.strip())}")',
                f'schrijf "{_short(fixed.strip(), 80)}"', _short(text.strip()),
            ))
            work = fixed  # judge the parts as they were meant
        stripped = work.strip()
        norm = normalize(work[:LONG_FIELD]) if work else ""
        if stripped[:1] in ("=", "+", "@"):
            call = _FORMULA_CALL.match(stripped) is not None
            findings.append(Finding(
                "formula", "error" if call else "warning",
                f'"{_short(stripped)}" is een spreadsheetformule, geen bevoegdheid' if call
                else f'begint met "{stripped[0]}" en kan als spreadsheetformule uitgevoerd worden',
                "vervang de formule door de tekst van de bevoegdheden" if call else f'laat het teken "{stripped[0]}" weg',
                _short(stripped),
            ))
            if call:
                return none, findings

        # empty, missing-value markers, spreadsheet errors
        if not norm:
            level = _empty_level(function, self.has_function_column)
            if stripped and not any(ch.isalnum() for ch in stripped) and not n_control:
                findings.append(self._only_punctuation(stripped))
            elif level is not None:
                findings.append(self._empty(level, function, ""))
            return none, findings
        if norm in _PLACEHOLDERS_NAN:
            level = _empty_level(function, self.has_function_column)
            if level is not None:
                findings.append(self._empty(level, function, stripped))
            return none, findings
        if _EXCEL_ERRORS.match(stripped):
            findings.append(Finding(
                "spreadsheet_error", "error", f'bevat de foutwaarde "{stripped}" van een spreadsheetformule',
                "vervang de formule door de tekst van de bevoegdheden", stripped,
            ))
            return none, findings

        # things that are not competences at all: URL, e-mail, date, number, punctuation
        kinds: list[tuple[str, str]] = []
        masked = work[:LONG_FIELD]
        for code, pattern, mask in _MASKS:
            m = pattern.search(masked)
            if m is not None:
                kinds.append((code, m.group()))
                masked = mask.sub(" , ", masked)
        if kinds:
            whole = not any(ch.isalnum() for ch in masked)
            for code, hit in kinds:
                findings.append(self._something_else(code, hit, whole=whole))
            if whole:
                return none, findings
            text_for_match = masked
        else:
            text_for_match = work
            if _NUMBER.match(stripped):
                findings.append(Finding(
                    "looks_like_number", "error", f'bevat alleen een getal ("{_short(stripped)}"), geen bevoegdheden',
                    "controleer of de kolommen verschoven zijn; vul de bevoegdheden in", stripped,
                ))
                return none, findings
            if not any(ch.isalnum() for ch in stripped):
                findings.append(self._only_punctuation(stripped))
                return none, findings

        pred = self.clf.predict_one(text_for_match)
        strong = [e for e in pred.evidence if e.method != "model"]

        # the whole field is a name, a function or a placeholder
        if not strong and _looks_like_name(stripped, self.vocabulary, self.stopwords):
            findings.append(Finding(
                "looks_like_name", "error", f'"{_short(stripped)}" lijkt een naam, geen bevoegdheid',
                "zet de naam in de kolom met namen en vul hier de bevoegdheden in", stripped,
            ))
            return pred, findings
        raw_parts = _raw_parts(text_for_match) if len(text_for_match) <= LONG_FIELD else []
        parts: list[tuple[str, str | None, tuple[str, ...], str | None]] = []
        for u in pred.unrecognized:
            toks = tokenize(normalize(u))
            reason = self.lex.non_domains.get(toks)
            context = _context(raw_parts, toks)
            if reason is None and context is not None and _is_function(tokenize(normalize(context)), None):
                parts.append((u, context, toks, "function"))  # "1ste schepen": the matcher kept only "1ste"
            else:
                parts.append((u, None, toks, reason))
        if not pred.domains and parts:
            if _is_function(tokenize(norm), None) or all(_is_function(toks, reason) for _, _, toks, reason in parts):
                findings.append(Finding(
                    "looks_like_function", "error",
                    f'"{_short(stripped)}" is een functie of rang, geen bevoegdheid',
                    self._function_hint(), stripped,
                ))
                return pred, findings
            if all(reason is not None and reason.startswith("placeholder") for _, _, _, reason in parts):
                level = _empty_level(function, self.has_function_column) or "info"
                findings.append(Finding(
                    "placeholder", level, f'"{_short(stripped)}" noemt geen bevoegdheid (opvulwaarde)',
                    "vul de bevoegdheden in zoals in het collegebesluit" if level != "info" else "",
                    stripped,
                ))
                return pred, findings

        # part by part
        for e in pred.evidence:
            if e.method == "fuzzy":
                original = _original(work, e.text)
                right = self.suggest.display(e.alias or "", original)
                score = int(round(e.score * 100))
                findings.append(Finding(
                    "typo", "warning",
                    f'"{_short(original, 80)}" is alleen herkend als schrijffout van "{right}" (gelijkenis {score})',
                    f'schrijf "{right}"', original[:500], score,
                    (Candidate(right, e.domains, score),),
                ))
            elif e.method == "model":
                original = _original(work, e.text)
                score = int(round(e.score * 100))
                label = self.suggest.domain_text(e.domains)
                findings.append(Finding(
                    "model_only", "info",
                    f'"{_short(original, 80)}" is alleen door het model herkend als {label} (kans {score})',
                    f'schrijf de gangbare naam, bv. "{self.suggest.domain_text(e.domains[:1])}", als dat bedoeld is',
                    original[:500], score,
                ))
        for u, context, toks, reason in parts:
            original = context if context is not None else _original(work, u)
            if reason == "function" or _is_function(toks, reason):
                findings.append(Finding(
                    "looks_like_function", "info", f'"{_short(original, 80)}" is een functie of rang, geen bevoegdheid',
                    self._function_hint(), original[:500],
                ))
            elif reason is not None:
                findings.append(Finding(
                    "not_a_domain", "info", f'"{_short(original, 80)}" noemt geen beleidsdomein', "", original[:500],
                ))
            elif _looks_like_name(original, self.vocabulary, self.stopwords):
                findings.append(Finding(
                    "looks_like_name", "warning", f'"{_short(original, 80)}" lijkt een naam, geen bevoegdheid',
                    "laat de naam weg uit de bevoegdheden", original[:500],
                ))
            else:
                cands = self.suggest(u)
                if cands:
                    msg = f'"{_short(original, 80)}" is niet herkend als beleidsdomein'
                    sug = "bedoelt u " + " of ".join(self.suggest.describe(c) for c in cands) + "?"
                else:
                    msg = f'"{_short(original, 80)}" is niet herkend als beleidsdomein; geen gelijkend domein gevonden'
                    sug = ""
                findings.append(Finding(
                    "unrecognized", "warning", msg, sug, original[:500],
                    cands[0].score if cands else None, cands,
                ))
        return pred, findings

    def _function_hint(self) -> str:
        if self.function_column:
            return f"de functie staat in kolom {self.function_column!r}; laat ze hier weg"
        return "zet de functie in een aparte kolom (functie) en hier alleen de bevoegdheden"

    def _empty(self, level: Level, function: str | None, value: str) -> Finding:
        who = f" voor {function.strip()}" if function and function.strip() else ""
        what = f'alleen "{value}" (een lege waarde)' if value else "niets"
        return Finding(
            "empty", level, f"geen bevoegdheden ingevuld{who}: de cel bevat {what}",
            "vul de bevoegdheden in zoals in het collegebesluit", value,
        )

    def _only_punctuation(self, stripped: str) -> Finding:
        return Finding(
            "only_punctuation", "error", f'bevat alleen leestekens of symbolen ("{_short(stripped)}")',
            "vul de bevoegdheden in", stripped,
        )

    def _something_else(self, code: str, hit: str, *, whole: bool) -> Finding:
        what = {"looks_like_url": "een webadres", "looks_like_email": "een e-mailadres", "looks_like_date": "een datum"}[code]
        if whole:
            return Finding(code, "error", f'bevat {what} ("{_short(hit)}"), geen bevoegdheden',
                           "controleer of de kolommen verschoven zijn; vul de bevoegdheden in", hit)
        level: Level = "info" if code == "looks_like_date" else "warning"
        return Finding(code, level, f'bevat {what} ("{_short(hit)}") tussen de bevoegdheden',
                       f"laat {what} weg uit de bevoegdheden", hit)


# --------------------------------------------------------------------------- table checks


def _spelling_variants(texts: Sequence[str]) -> tuple[list[SpellingVariant], dict[int, list[Finding]]]:
    from .taxonomy import load_taxonomy

    labels = {d.label.casefold() for d in load_taxonomy().domains}
    groups: dict[str, dict[str, list[Any]]] = {}  # key => casefolded form => [count, first index, {form: count}, rows]
    for i, text in enumerate(texts):
        if not text or len(text) > LONG_FIELD:
            continue
        for part in _raw_parts(text):
            key = _variant_key(part)
            if len(key) < 4:
                continue
            cf = part.casefold()
            entry = groups.setdefault(key, {}).setdefault(cf, [0, i, Counter(), []])
            entry[0] += 1
            entry[2][part] += 1
            if not entry[3] or entry[3][-1] != i:
                entry[3].append(i)
    variants: list[SpellingVariant] = []
    per_row: dict[int, list[Finding]] = {}
    for key in groups:
        forms = groups[key]
        if len(forms) < 2:
            continue

        def rank(cf: str) -> tuple[int, int, int]:
            count, first = forms[cf][0], forms[cf][1]
            return (cf in labels, count, -first)

        order = sorted(forms, key=rank, reverse=True)
        shown = {cf: forms[cf][2].most_common(1)[0][0] for cf in order}
        preferred = shown[order[0]]
        rows = sorted({i for cf in order for i in forms[cf][3]})
        variants.append(SpellingVariant(preferred, tuple((shown[cf], forms[cf][0]) for cf in order), tuple(i + 2 for i in rows)))
        for cf in order[1:]:
            for i in forms[cf][3]:
                per_row.setdefault(i, []).append(Finding(
                    "spelling_variant", "info",
                    f'"{shown[cf]}" staat in andere rijen geschreven als "{preferred}" ({forms[order[0]][0]}×)',
                    f'schrijf overal "{preferred}"', shown[cf],
                ))
    return variants, per_row


def _has_competence(r: RowReport) -> bool:
    """A recognized domain, or text that may name one (an unrecognized part)."""
    return bool(r.prediction.domains) or any(f.code in ("unrecognized", "model_only") for f in r.findings)


def _government_reports(
    rows: list[RowReport], has_function_column: bool, classifier: Classifier
) -> list[GovernmentReport]:
    from .gazetteer import name_key

    tax = classifier.taxonomy
    # "Stad Gent", "Gent" and "OCMW Gent" are one government (the OCMW is part of the
    # municipality since 2019; its voorzitter BCSD sits in the college): group on the
    # gazetteer's name key and show the spelling used most (the first on a tie)
    order: dict[str, list[RowReport]] = {}
    spellings: dict[str, Counter[str]] = {}
    for r in rows:
        raw = " ".join((r.government or "").split())
        key = (name_key(raw) or raw.casefold()) if raw else ""
        order.setdefault(key, []).append(r)
        spellings.setdefault(key, Counter())[raw] += 1
    out = []
    status_rank = {s: i for i, s in enumerate(GK_STATUSES)}
    for key, members in order.items():
        name = spellings[key].most_common(1)[0][0]
        executives = [r for r in members if not has_function_column or (r.function is not None and is_executive(r.function))]
        held: set[str] = set()
        best: GKStatus = "none"
        for r in members:
            held.update(r.prediction.domains)
            if status_rank[r.prediction.gk_status] < status_rank[best]:
                best = r.prediction.gk_status
        gk_rows = [r.row for r in members if best != "none" and r.prediction.gk_status == best]
        with_comp = sum(1 for r in members if r.prediction.domains)
        domains = tuple(d for d in tax.ids if d in held)
        missing = tuple(d for d in tax.ids if d not in held)
        shown = name or "(geen bestuur ingevuld)"
        findings: list[Finding] = []
        if executives and not any(_has_competence(r) for r in executives):
            who = "schepenen en burgemeester" if has_function_column else "rijen"
            findings.append(Finding(
                "government_no_competences", "error",
                f"{shown}: niemand van de {len(executives)} {who} heeft bevoegdheden ingevuld",
                "vul de bevoegdheden van het college in zoals in het collegebesluit", name,
            ))
        gk_text = {
            "explicit": ("info", "heeft gelijke kansen expliciet als bevoegdheid", ""),
            "related": ("info", "heeft gelijke kansen alleen verwant (diversiteit of toegankelijkheid)",
                        "staat gelijke kansen er ook expliciet bij? schrijf dan \"Gelijke kansen\""),
            "possibly_hidden": ("info", "heeft gelijke kansen mogelijk verborgen (sociale zaken, armoede of integratie)",
                                "hoort gelijke kansen bij een van deze bevoegdheden? schrijf dan \"Gelijke kansen\" erbij"),
            "none": ("warning", "heeft gelijke kansen bij niemand",
                     "heeft iemand gelijke kansen als bevoegdheid? schrijf dan \"Gelijke kansen\" bij die persoon"),
        }[best]
        rows_text = f" (rij {', '.join(map(str, gk_rows[:5]))}{' …' if len(gk_rows) > 5 else ''})" if gk_rows else ""
        findings.append(Finding("government_gk", gk_text[0], f"{shown} {gk_text[1]}{rows_text}", gk_text[2], name))  # type: ignore[arg-type]
        if missing and with_comp:
            labels = ", ".join(tax.label(d) for d in missing)
            findings.append(Finding(
                "government_missing_domains", "info",
                f"{shown}: {len(missing)} van de {len(tax)} beleidsdomeinen heeft niemand: {labels}",
                "", name,
            ))
        out.append(GovernmentReport(
            shown, [r.row for r in members], len(members), len(executives) if has_function_column else 0,
            with_comp, domains, missing, best, gk_rows, findings,
        ))
    return out


def _pick_column(table: Table, wanted: str | None, candidates: Sequence[str], exclude: Sequence[str], flag: str, detect: bool) -> str | None:
    if wanted is not None:
        try:
            return find_column(table, wanted)
        except InputError:
            raise InputError(
                "E041", path=table.path, column=wanted, flag=flag,
                available=", ".join(repr(c) for c in table.columns) or "(geen)",
            ) from None
    if not detect:
        return None
    return find_optional_column(table, candidates, exclude=exclude)


def validate_table(
    table: Table,
    column: str | None = None,
    *,
    classifier: Classifier | None = None,
    function_column: str | None = None,
    government_column: str | None = None,
    name_column: str | None = None,
    detect_columns: bool = True,
) -> ValidationReport:
    """Check every row of ``table`` and, with a government column, every government.

    Parameters
    ----------
    table : Table
        As read by :func:`gkclassify.io.read_table`.
    column : str, optional
        The competence column (default: found by name, as ``predict`` does).
    classifier : Classifier, optional
        Default: :func:`gkclassify.load`.
    function_column, government_column, name_column : str, optional
        Default: detected by name (``functie``/``mandaat``,
        ``bestuurseenheid``/``gemeente``/``bestuur``, ``naam``) unless
        ``detect_columns`` is false; a name that is not there is an error.

    Returns
    -------
    ValidationReport
        One :class:`RowReport` per input row, in order.
    """
    if classifier is None:
        import gkclassify

        classifier = gkclassify.load()
    col = find_column(table, column)
    taken = [col]
    fcol = _pick_column(table, function_column, FUNCTION_COLUMN_CANDIDATES, taken, "--function-column", detect_columns)
    taken += [fcol] if fcol else []
    gcol = _pick_column(table, government_column, GOVERNMENT_COLUMN_CANDIDATES, taken, "--government-column", detect_columns)
    taken += [gcol] if gcol else []
    ncol = _pick_column(table, name_column, NAME_COLUMN_CANDIDATES, taken, "--name-column", detect_columns)

    j = table.index(col)
    fj = table.index(fcol) if fcol else None
    gj = table.index(gcol) if gcol else None
    nj = table.index(ncol) if ncol else None
    checker = _RowChecker(classifier, fcol is not None, fcol)
    texts = [r[j] for r in table.rows]
    variants, variant_findings = _spelling_variants(texts)
    short, long_ = set(table.short_rows), set(table.long_rows)

    rows: list[RowReport] = []
    cache: dict[tuple[str, str | None], tuple[Prediction, list[Finding]]] = {}
    for i, r in enumerate(table.rows):
        text = r[j]
        function = r[fj] if fj is not None else None
        key = (text, function if fcol else None)
        hit = cache.get(key)
        if hit is None:
            hit = checker.check(text, function)
            if len(cache) < 200_000:
                cache[key] = hit
        pred, found = hit
        findings = list(found)
        findings.extend(variant_findings.get(i, ()))
        if i in short:
            findings.append(Finding(
                "row_shape", "warning", "de rij heeft minder velden dan de kopregel; aangevuld met lege cellen",
                "controleer of de kolommen van deze rij verschoven zijn",
            ))
        if i in long_:
            findings.append(Finding(
                "row_shape", "warning", "de rij heeft meer velden dan de kopregel (extra velden in kolom_N)",
                "controleer scheidingstekens en aanhalingstekens in deze rij",
            ))
        findings.sort(key=lambda f: -_RANK[f.level])
        rows.append(RowReport(
            i, text, pred, findings,
            name=r[nj] if nj is not None else None,
            function=function,
            government=r[gj] if gj is not None else None,
        ))

    file_findings: list[Finding] = []
    if table.columns.count(col) > 1:
        file_findings.append(Finding(
            "duplicate_column", "warning",
            f"kolom {col!r} komt {table.columns.count(col)}× voor; de eerste wordt gecontroleerd",
            "geef elke kolom een eigen naam", col,
        ))
    governments = _government_reports(rows, fcol is not None, classifier) if gcol else []
    return ValidationReport(table.path, col, rows, governments, variants, file_findings, fcol, gcol, ncol)


def validate_texts(
    texts: Iterable[object],
    *,
    functions: Sequence[str] | None = None,
    governments: Sequence[str] | None = None,
    classifier: Classifier | None = None,
) -> ValidationReport:
    """Validate a list of competence texts (optionally with their functions and governments).

    Examples
    --------
    >>> from gkclassify.classifier import Classifier
    >>> rep = validate_texts(["Gelijke kansen", "gelijke-kansen", "Jan Peeters"], classifier=Classifier())
    >>> [[f.code for f in r.findings] for r in rep.rows]
    [[], ['spelling_variant'], ['looks_like_name']]
    """
    from .classifier import coerce_text

    values = [coerce_text(t) for t in texts]
    columns = ["bevoegdheden"]
    cols = [values]
    if functions is not None:
        columns.append("functie")
        cols.append(list(functions))
    if governments is not None:
        columns.append("bestuur")
        cols.append(list(governments))
    if any(len(c) != len(values) for c in cols):
        raise ValueError("texts, functions and governments must have the same length")
    table = Table("<teksten>", columns, [list(r) for r in zip(*cols)] if values else [])
    return validate_table(table, "bevoegdheden", classifier=classifier, detect_columns=False,
                          function_column="functie" if functions is not None else None,
                          government_column="bestuur" if governments is not None else None)
