"""Error catalogue.

Every error the user can meet has a code and a message template that names the
received value and what would have been accepted, in the style of spaCy's
``errors.py``. Messages are in Dutch where a person reads them (the CLI), with
the technical names (file, row, column) kept as they are.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GKError", "InputError", "ModelError", "Errors"]


class Errors:
    """Message templates, formatted with keyword arguments."""

    E001 = "Bestand niet gevonden: {path}."
    E002 = "{path} is een map, geen bestand. Geef een CSV-, TSV- of XLSX-bestand."
    E003 = "{path} is leeg (0 bytes). Verwacht: een tabel met een kopregel."
    E004 = (
        "{path}: kolom {column!r} bestaat niet. Beschikbare kolommen: {available}. "
        "Kies er een met --column."
    )
    E005 = (
        "{path}: geen kolom met bevoegdheden gevonden (gezocht naar {candidates}). "
        "Beschikbare kolommen: {available}. Kies er een met --column."
    )
    E006 = (
        "{path} lijkt geen tabel: {reason}. Verwacht: CSV (, of ;), TSV of .xlsx."
    )
    E007 = "{path}: blad {sheet!r} bestaat niet. Beschikbare bladen: {available}."
    E008 = (
        "{path}: tekstcodering niet te lezen (geprobeerd: {tried}). "
        "Sla het bestand op als UTF-8 of Windows-1252."
    )
    E009 = "{path} bestaat al. Gebruik --force om het te vervangen."
    E010 = "Uitvoer {path} is hetzelfde bestand als de invoer; de invoer wordt nooit overschreven."
    E011 = "Onbekend uitvoerformaat {suffix!r} voor {path}. Mogelijk: {options}."
    E012 = "{path}: rij {row}, kolom {column!r}: {problem} (waarde: {value!r}). {accepted}"
    E020 = "Model {path} niet gevonden. Verwacht een map met model.json en weights.npz."
    E021 = (
        "Model {path}: formaatversie {found!r} wordt niet ondersteund "
        "(deze versie van gkclassify leest {supported})."
    )
    E022 = (
        "Model {path} is gemaakt voor een andere taxonomie (hash {found}); "
        "deze installatie heeft {expected}. Train het model opnieuw met 'gkclassify train'."
    )
    E023 = (
        "Model {path}: {file} is gewijzigd of beschadigd (sha256 {found}, verwacht {expected}). "
        "Het model wordt niet geladen."
    )
    E024 = "Model {path}: {problem}."
    E030 = "Onbekend domein {value!r}. Mogelijke domeinen: {options}."
    E031 = "{path}: rij {row}: onbekend domein {value!r} in kolom {column!r}. Mogelijke domeinen: {options}."
    # E040–E059: mandates extracts, report and compare
    E040 = (
        "{path}: geen kolom met {what} gevonden (gezocht naar {candidates}). "
        "Beschikbare kolommen: {available}. Kies er een met {flag}."
    )
    E041 = "{path}: kolom {column!r} (opgegeven met {flag}) bestaat niet. Beschikbare kolommen: {available}."
    E042 = (
        "{path}: geen enkele rij met een collegemandaat in kolom {column!r} (gevonden: {found}). "
        "Verwacht: Burgemeester, Aangewezen/Waarnemend burgemeester, Schepen, Toegevoegde schepen, "
        "Voorzitter BCSD of Gedeputeerde. Kies de juiste kolom met --function-column."
    )
    E043 = (
        "{path}: geen enkel bestuur herkend in kolom {column!r} (bv. {examples}). Verwacht: namen van "
        "Vlaamse gemeenten ('Gent', 'Stad Sint-Niklaas', 'OCMW Aalter') of provincies ('Provincie Limburg'). "
        "Kies de juiste kolom met --government-column."
    )
    E044 = "{path}: '{command}' schrijft een Excel-werkmap; gebruik de extensie .xlsx (gekregen: {suffix!r})."
    # E060–E079: reading and writing tables, validate
    E060 = (
        "{path} bevat geen gegevens (alleen witruimte). "
        "Verwacht: een tabel met een kopregel, bv. 'naam;functie;bevoegdheden'."
    )
    E061 = "{path}: {what}. Verwacht: een werkblad met een kopregel en rijen (kies een blad met --sheet)."
    E062 = "Uitvoer {path} kan niet geschreven worden: {reason}. Kies een andere map of naam met -o."
    E063 = (
        "{path}: ongeldig scheidingsteken {value!r} (--delimiter). "
        "Mogelijk: één teken, zoals ',', ';', '|' of 'tab'."
    )
    E064 = "{path}: blad {sheet!r} is geen werkblad met cellen (bv. een grafiekblad). Werkbladen: {available}."
    E065 = "--json en -o - schrijven allebei naar stdout; kies er één (bv. --json en -o gecontroleerd.xlsx)."
    E067 = (
        "Uitvoer {path}: de tabel heeft {n} kolommen en een Excel-werkblad hoogstens {limit}. "
        "Schrijf naar .csv of .jsonl, of controleer de scheidingstekens van de invoer "
        "(een rij met veel meer velden dan de kopregel)."
    )
    E066 = (
        "{path}: kolom {column!r} met de juiste domeinen bestaat niet. Beschikbare kolommen: {available}. "
        "Kies er een met --labels (IDs gescheiden door ;, zie 'gkclassify taxonomy')."
    )


class GKError(Exception):
    """Base class of gkclassify's own errors; ``code`` names the catalogue entry."""

    exit_code = 2

    def __init__(self, code: str, **kwargs: Any) -> None:
        self.code = code
        self.details = kwargs
        template = getattr(Errors, code)
        super().__init__(f"[{code}] " + template.format(**kwargs))


class InputError(GKError, ValueError):
    """A file, column or value given by the user cannot be used."""


class ModelError(GKError, ValueError):
    """A model directory is missing, foreign, tampered with or of another format."""
