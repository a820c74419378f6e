"""Reading the text: normalization, segmentation, matching, the GK rule, the prediction contract."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from gkclassify.gk import GK_STATUSES, gk_status
from gkclassify.lexicon import load_lexicon
from gkclassify.normalize import fold, fold_joined, normalize, tokenize
from gkclassify.segment import expand_ellipsis, split_segments
from gkclassify.taxonomy import DOMAIN_IDS, load_taxonomy

CONTRACT_IDS = (
    "algemeen_bestuur burgerzaken communicatie participatie personeel financien ict_digitalisering "
    "patrimonium veiligheid ruimtelijke_ordening wonen mobiliteit openbare_werken openbaar_domein milieu "
    "klimaat_energie landbouw dierenwelzijn lokale_economie werk toerisme cultuur erfgoed evenementen sport "
    "jeugd onderwijs kinderopvang_gezin senioren sociale_zaken armoedebestrijding gezondheid gelijke_kansen "
    "diversiteit toegankelijkheid integratie internationale_samenwerking erediensten"
).split()


def test_taxonomy_ids_are_the_contract():
    assert list(DOMAIN_IDS) == CONTRACT_IDS
    tax = load_taxonomy()
    assert all(d.label and d.scope_note for d in tax.domains)
    assert tax.by_role("explicit") == ("gelijke_kansen",)
    assert set(tax.by_role("related")) == {"diversiteit", "toegankelijkheid"}
    assert set(tax.by_role("possibly_hidden")) == {"sociale_zaken", "armoedebestrijding", "integratie"}


def test_every_domain_has_aliases_with_a_source():
    lex = load_lexicon()
    covered = {d for a in lex.aliases for d in a.domains}
    assert covered == set(CONTRACT_IDS)
    assert {a.source for a in lex.aliases} <= {"issue2", "picklist", "bbc2020", "curated", "terms"}
    assert not any(a.source == "terms" and "gelijke_kansen" in a.domains for a in lex.aliases)


# realistic, varied strings per domain (not only the alias itself)
DOMAIN_EXAMPLES = {
    "algemeen_bestuur": ["Algemene zaken en secretariaat", "Juridische Zaken", "Intergemeentelijke samenwerking (intercommunales)"],
    "burgerzaken": ["Burgerzaken - loketten", "Burgerlijke stand en bevolking", "Verkiezingen"],
    "communicatie": ["Communicatie & citymarketing", "Informatie en voorlichting", "Stadsmarketing"],
    "participatie": ["Burgerparticipatie", "Buurt- en wijkwerking", "Ondersteuning adviesraden en vrijwilligers"],
    "personeel": ["Personeelsbeleid", "HR en organisatieontwikkeling", "Personeel"],
    "financien": ["Financiën en begroting", "Belastingen / fiscaliteit", "Meerjarenplanning"],
    "ict_digitalisering": ["ICT en digitalisering", "Smart city", "E-government en digitale dienstverlening"],
    "patrimonium": ["Patrimonium en gemeentelijke gebouwen", "Facilitair beheer", "Vastgoed"],
    "veiligheid": ["Politie en brandweer", "Openbare orde en veiligheid", "Noodplanning"],
    "ruimtelijke_ordening": ["Ruimtelijke ordening (RO)", "Stedenbouw en omgevingsvergunningen", "Stads- en dorpskernvernieuwing"],
    "wonen": ["Wonen en woonbeleid", "Sociale huisvesting", "Woonkwaliteit"],
    "mobiliteit": ["Mobiliteit en verkeersveiligheid", "Parkeren", "Fietsbeleid en trage wegen"],
    "openbare_werken": ["Openbare werken", "Wegenwerken en riolering", "Technische dienst"],
    "openbaar_domein": ["Netheid en groenbeheer", "Begraafplaatsen", "Openbare verlichting"],
    "milieu": ["Leefmilieu en natuur", "Afval", "Water en landschap"],
    "klimaat_energie": ["Klimaat en energie", "Duurzaamheid", "Duurzame ontwikkeling"],
    "landbouw": ["Landbouw", "Land- en tuinbouw", "Platteland"],
    "dierenwelzijn": ["Dierenwelzijn", "Dierenbeleid", "Welzijn van dieren"],
    "lokale_economie": ["Lokale economie en middenstand", "Markten en foren", "KMO en handel"],
    "werk": ["Werk en tewerkstelling", "Sociale economie", "Werkgelegenheid"],
    "toerisme": ["Toerisme en recreatie", "Toerisme", "Recreatie"],
    "cultuur": ["Cultuur en bibliotheek", "Cultuurcentrum", "Kunst"],
    "erfgoed": ["Erfgoed en archief", "Monumentenzorg", "Musea en archeologie"],
    "evenementen": ["Evenementen en feestelijkheden", "Kermissen", "Feesten"],
    "sport": ["Sport", "Sportbeleid", "Sportinfrastructuur"],
    "jeugd": ["Jeugdbeleid", "Speelpleinwerking en jeugdhuizen", "Jeugdwerk"],
    "onderwijs": ["Onderwijs", "Academie en deeltijds kunstonderwijs", "Flankerend onderwijsbeleid"],
    "kinderopvang_gezin": ["Kinderopvang en buitenschoolse opvang", "Huis van het Kind", "Gezinsbeleid"],
    "senioren": ["Seniorenbeleid", "Derde leeftijd", "Ouderenbeleid"],
    "sociale_zaken": ["Sociale zaken", "Voorzitter BCSD", "Welzijn en OCMW"],
    "armoedebestrijding": ["Armoedebestrijding", "Kansarmoede", "Armoede"],
    "gezondheid": ["Volksgezondheid", "Eerstelijnszorg", "Geestelijke gezondheid"],
    "gelijke_kansen": ["Gelijke kansen", "Gelijkekansenbeleid", "Emancipatie-gelijke kansen"],
    "diversiteit": ["Diversiteit en inclusie", "Holebi- en regenboogbeleid", "Antidiscriminatie en racismebestrijding"],
    "toegankelijkheid": ["Toegankelijkheid", "Personen met een handicap", "Mindervaliden"],
    "integratie": ["Integratie en inburgering", "Samenleven", "Nieuwkomers en interculturaliteit"],
    "internationale_samenwerking": ["Ontwikkelingssamenwerking", "Noord-Zuid", "Jumelage en externe relaties"],
    "erediensten": ["Erediensten", "Kerkfabrieken", "Levensbeschouwingen"],
}


def test_examples_cover_every_domain():
    assert set(DOMAIN_EXAMPLES) == set(CONTRACT_IDS)


@pytest.mark.parametrize("domain,text", [(d, t) for d, ts in DOMAIN_EXAMPLES.items() for t in ts])
def test_domain_examples(clf, domain, text):
    p = clf.predict_one(text)
    assert domain in p.domains, (text, p.domains, p.evidence_text())
    assert not p.unrecognized, p.unrecognized


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Financiën, sociale zaken en gelijke kansen", {"financien", "sociale_zaken", "gelijke_kansen"}),
        ("Welzijn (incl. toegankelijkheid)", {"sociale_zaken", "toegankelijkheid"}),
        ("- Jeugd\n- Sport", {"jeugd", "sport"}),
        ("Cultuur- en jeugdbeleid", {"cultuur", "jeugd"}),
        ("Cultuur-, jeugd- en sportbeleid", {"cultuur", "jeugd", "sport"}),
        ("Welzijns- en gezondheidsbeleid", {"sociale_zaken", "gezondheid"}),
        ("Schepen van Openbare Werken, Mobiliteit en Landbouw", {"openbare_werken", "mobiliteit", "landbouw"}),
        ("Bevoegd voor: cultuur, erfgoed & toerisme", {"cultuur", "erfgoed", "toerisme"}),
        ("De schepen is bevoegd voor het jeugdbeleid en de sportinfrastructuur", {"jeugd", "sport"}),
        ("gelijkekansenbeleid", {"gelijke_kansen"}),
        ("Seniorenbeleid; ICT / e-gov", {"senioren", "ict_digitalisering"}),
        ("SOCIALE ZAKEN\r\nGELIJKE KANSEN", {"sociale_zaken", "gelijke_kansen"}),
        ("Financien", {"financien"}),
        ("Gelijke-kansenambtenaar", {"gelijke_kansen"}),  # a phrase alias with a generic head on its last word
        ("gelijke kansen-coördinator en jeugdconsulent", {"gelijke_kansen", "jeugd"}),
    ],
)
def test_fields(clf, text, expected):
    assert set(clf.predict_one(text).domains) == expected


@pytest.mark.parametrize(
    "typo,domain",
    [("Gelijke Kanssen", "gelijke_kansen"), ("gelijke kanse", "gelijke_kansen"), ("Onderwjis", "onderwijs"),
     ("Mobilitijt", "mobiliteit"), ("Jeudg en sport", "jeugd"), ("Socale zaken", "sociale_zaken")],
)
def test_typos_still_match(clf, typo, domain):
    p = clf.predict_one(typo)
    assert domain in p.domains
    assert any(e.method == "fuzzy" for e in p.evidence)


def _typed_aliases(n: int, seed: int) -> list[tuple[str, ...]]:
    """Runs of ``n`` lexicon aliases with one slip each (and some untouched, some repeated)."""
    import random

    rng = random.Random(seed)
    aliases = sorted(" ".join(k) for k in load_lexicon().phrases)
    runs = []
    for text in rng.sample(aliases, n):
        i = rng.randrange(len(text))
        c = rng.choice("aeiounrst")
        text = rng.choice([text, text[:i] + text[i + 1 :], text[:i] + c + text[i:], text[:i] + c + text[i + 1 :]])
        runs.append(tokenize(text))
    return runs + runs[:20]


@pytest.mark.parametrize("block", [2048, 16])
def test_batched_fuzzy_equals_one_by_one(clf, monkeypatch, block):
    """The whole-run pass of many runs (``cdist`` per first letter, in blocks of runs) finds
    what each run's window finds alone: the same alias among ties, the same score."""
    from gkclassify.strategies import fuzzy as fuzzy_module

    monkeypatch.setattr(fuzzy_module, "_BLOCK", block)
    import random

    fuzzy = next(s for s in clf.matcher.fallbacks if s.name == "fuzzy")
    rng = random.Random(6)
    words = sorted(w for w in load_lexicon().single if 5 <= len(w) <= 8 and w.isalpha())
    swapped = []  # two neighbouring letters swapped in a short alias: only the token pass finds these
    for w in rng.sample(words, 300):
        i = rng.randrange(1, len(w) - 1)
        swapped.append((w[:i] + w[i + 1] + w[i] + w[i + 2 :],))
    unseen = [tuple("".join(rng.choice("abdegiklmnoprstuvz") for _ in range(rng.randint(5, 10))) for _ in range(3)) for _ in range(200)]
    runs = _typed_aliases(600, seed=4) + swapped + unseen
    batched = fuzzy.many(runs)
    from gkclassify import Classifier

    alone = next(s for s in Classifier.from_path(None).matcher.fallbacks if s.name == "fuzzy")  # (its own cache)
    assert batched == [alone(r) for r in runs]
    assert sum(m is not None for m in batched[:620]) > 400  # the slips are found: the comparison is not of Nones
    assert sum(fuzzy._whole_run(" ".join(r)) is None and m is not None for r, m in zip(swapped, batched[620:])) > 20


def test_one_word_segments_take_the_steps_of_any_segment():
    """A one-word segment skips the general steps (cover, runs, fallbacks per run): the same
    results as with them, for aliases, compounds, slips, function words, conjunctions,
    contextual aliases, numbers and unknown words."""
    from gkclassify import Classifier

    lexicon = load_lexicon()
    words = sorted(w for w in lexicon.single if w.isalnum())[::7]
    words += [r[0] for r in _typed_aliases(300, seed=8) if len(r) == 1 and r[0].isalnum()]
    words += ["en", "of", "voor", "van", "bevoegd", "onthaal", "stadswerken", "xqzv", "covid19", "2024", "jeugdd"]
    fast = Classifier.from_path(None).matcher.match_many(words)
    general = Classifier.from_path(None).matcher
    general._one_word_path = False
    assert fast == general.match_many(words)
    assert sum(bool(r.unrecognized) for r in fast) > 3 and sum(bool(r.scores) for r in fast) > 100


def test_matching_many_segments_equals_matching_each_alone():
    """A matcher that has seen other segments (its word cache) gives what a new one gives."""
    from gkclassify import Classifier

    segments = [" ".join(r) for r in _typed_aliases(400, seed=5)] + ["jeugd en sport", "ocmw-voorzitter", "stadswerken"]
    # glue around a slip: the fuzzy step tries the core, then the whole run ("bevoegd voor ...")
    segments += [f"{glue} {' '.join(r)}" for glue in ("bevoegd voor", "schepen van") for r in _typed_aliases(40, seed=7)]
    warm = Classifier.from_path(None).matcher
    many = warm.match_many(segments)
    assert many == [Classifier.from_path(None).matcher(s) for s in segments]
    assert warm.match_many(segments[::-1]) == many[::-1]


@pytest.mark.parametrize(
    "text,domains",
    [("gel. kansen", {"gelijke_kansen"}), ("Gel.Kansen & soc. zaken", {"gelijke_kansen", "sociale_zaken"}),
     ("openb. werken", {"openbare_werken"}), ("Alg. zaken", {"algemeen_bestuur"}),
     ("Jeugd. Sport.", {"jeugd", "sport"})],  # a full stop that ends a word, not an abbreviation
)
def test_abbreviations_are_written_out(clf, text, domains):
    """``data/abbreviations.tsv``: "gel. kansen" is Gelijke Kansen, named explicitly."""
    p = clf.predict_one(text)
    assert set(p.domains) == domains
    assert ("gelijke_kansen" in domains) == (p.gk_status == "explicit")


@pytest.mark.parametrize("text", ["Eerste schepen", "Vlaams karakter", "ad interim", "Sint-Niklaas", "Jan Peeters", "Karakter", "Vanaf 1 januari 2019"])
def test_words_naming_no_domain_are_unrecognized(clf, text):
    p = clf.predict_one(text)
    assert p.domains == ()
    assert p.unrecognized


def test_fuzzy_does_not_invent_domains(clf):
    # words that are near an alias by a letter or two, but mean something else
    for text in ["Werken aan de toekomst", "Markt", "Spoor", "Kader", "Sporen", "Parken"]:
        p = clf.predict_one(text)
        assert all(e.method != "fuzzy" or e.score >= 0.8 for e in p.evidence)
    assert clf.predict_one("Vlaams karakter").domains == ()


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), "\n\n", "!!!", "---"])
def test_empty_input_gives_empty_prediction(clf, value):
    p = clf.predict([value])[0]
    assert p.domains == () and p.gk_status == "none" and p.gk_score == 0.0 and p.unrecognized == ()


def test_numbers_and_pandas_na(clf):
    import pandas as pd

    preds = clf.predict([12, 3.5, pd.NA, b"Jeugd"])
    assert [p.domains for p in preds] == [(), (), (), ("jeugd",)]


def test_prediction_contract(clf):
    texts = ["Gelijke kansen", "Diversiteit", "Welzijn", "Sport", None]
    preds = clf.predict(texts)
    assert len(preds) == len(texts)
    assert [p.gk_status for p in preds] == ["explicit", "related", "possibly_hidden", "none", "none"]
    scores = [p.gk_score for p in preds]
    assert scores[0] > scores[1] > scores[2] > scores[3] == 0.0
    p = preds[0]
    assert isinstance(p.domains, tuple) and all(0.0 <= s <= 1.0 for s in p.scores.values())
    assert p.gk_evidence == ("gelijke kansen",)
    assert p.evidence[0].method == "exact"
    with pytest.raises(TypeError):
        p.scores["x"] = 1.0  # type: ignore[index]
    with pytest.raises(TypeError):
        clf.predict("Gelijke kansen")


def test_predict_is_deterministic_and_order_preserving(clf):
    texts = ["Sport", "Jeugd", "Gelijke Kanssen", "Sport", "Bedrijfsleven"] * 3
    a = [p.to_dict() for p in clf.predict(texts)]
    b = [p.to_dict() for p in clf.predict(list(reversed(texts)))][::-1]
    assert a == b


@pytest.mark.parametrize(
    "domains,status",
    [({"gelijke_kansen", "sociale_zaken"}, "explicit"), ({"diversiteit", "sociale_zaken"}, "related"),
     ({"toegankelijkheid"}, "related"), ({"integratie"}, "possibly_hidden"), ({"armoedebestrijding"}, "possibly_hidden"),
     ({"sport", "jeugd"}, "none"), (set(), "none")],
)
def test_gk_rule(domains, status):
    assert gk_status(dict.fromkeys(domains, 1.0))[0] == status


@given(st.dictionaries(st.sampled_from(CONTRACT_IDS), st.floats(0, 1), max_size=6))
def test_gk_score_bands_order_statuses(scores):
    status, score, _ = gk_status(scores)
    assert 0.0 <= score <= 1.0
    bands = {"explicit": (0.75, 1.0), "related": (0.5, 0.7), "possibly_hidden": (0.25, 0.45), "none": (0.0, 0.0)}
    lo, hi = bands[status]
    assert lo - 1e-9 <= score <= hi + 1e-9
    assert status in GK_STATUSES


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
    assert fold(fold(text)) == fold(text)
    assert tokenize(once) == tokenize(normalize(once))


FOLD_TEXT = st.text(st.sampled_from(list(" \t\n\r\x0b\x7f`aAzZ0éÉüÿİ-\u2013\u00a0\u0301\u200b\u2028\ufb01\ue000")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(FOLD_TEXT | st.text(max_size=12), max_size=6), st.sampled_from(["\x1e", "\ue001"]))
def test_fold_joined_is_fold_of_each_text(texts, sep):
    assume(not any(sep in t for t in texts))
    assert fold_joined(texts, sep) == [fold(t) for t in texts]


LATIN1_TEXT = st.text(st.sampled_from([chr(c) for c in range(256) if c != 0x1E] + [" ", "\n", "a"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(LATIN1_TEXT, min_size=1, max_size=8))
def test_fold_joined_of_latin1_texts_is_fold_of_each_text(texts):
    # the one-translate path, the five characters that fold to more than one included
    assert fold_joined(texts, "\x1e") == [fold(t) for t in texts]


def test_latin1_characters_fold_on_their_own_but_five():
    from gkclassify.normalize import _LATIN1_SPECIAL, _SPACES, _BLANKLINES, _fold

    def collapse(t):
        return _BLANKLINES.sub("\n", _SPACES.sub(" ", t))

    one = {chr(c): _fold(chr(c), False) for c in range(256)}
    assert {c for c, f in one.items() if len(f) > 1 or any(ord(x) > 255 for x in f)} == set(_LATIN1_SPECIAL)
    chars = [c for c in one if c not in _LATIN1_SPECIAL]
    for a in chars:  # every pair: folding the two is folding each (then collapsing runs)
        for b in chars:
            assert _fold(a + b, (a + b).isascii()) == collapse(one[a] + one[b]), (a, b)


ELLIPSIS_TEXT = st.lists(st.sampled_from(["cultuur", "jeugd", "beleid", "sport", "-", " ", ", ", " en ", " of ", "&", "/", "+", "2", "_", "é", "\n", "land", "bouw"]), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(ELLIPSIS_TEXT)
@example("2cultuur- en jeugdbeleid")  # (a digit before the word: no word boundary, no match)
@example("sport, cultuur- en jeugdbeleid")
def test_ellipsis_written_out_from_the_first_hint_is_written_out_from_the_start(text):
    # expand_ellipsis scans from the word before the first dash the hint finds: the same text as a
    # scan of the whole text (the reference below)
    from gkclassify.segment import _ELLIPSIS, _TRAILING_ELLIPSIS, _expansion, _modifier, expand_ellipsis

    lex = load_lexicon()

    def trailing(m):
        word, sep, part = m.groups()
        return word + sep + (_modifier(word, part, lex) or "") + part

    expected = _ELLIPSIS.sub(lambda m: _expansion(m.group(1), m.group(2), lex), text) if "-" in text else text
    expected = _TRAILING_ELLIPSIS.sub(trailing, expected) if " -" in expected else expected
    assert expand_ellipsis(text, lex) == expected


def test_fold_keeps_the_documented_steps():
    # written out by hand from the docstring's rules (NFKC, accents, case, dashes, spaces, newlines)
    assert fold("  Financiën \t –  Sociale Zaken \r\n\n Gelijke\u00a0Kansen`s ") == "financien - sociale zaken\ngelijke kansen's"
    assert fold("ﬁnanciën\x7fx") == "financien x"


def test_normalize_accents_case_space():
    assert normalize("  FINANCIËN\t en\u00a0Coördinatie ") == "financien en coordinatie"


def test_segmentation_rules():
    lex = load_lexicon()
    seg = lambda t: split_segments(fold(t), lex)  # noqa: E731
    assert seg("Jeugd; Sport / Cultuur & Toerisme + Erfgoed") == ["jeugd", "sport", "cultuur", "toerisme", "erfgoed"]
    assert seg("• Jeugd\n• Sport") == ["jeugd", "sport"]
    assert seg("1. Jeugd\n2) Sport") == ["jeugd", "sport"]
    # a line wrapped inside a phrase alias or a hyphenated word is joined; list items stay apart
    assert seg("Sociale zaken, gelijke\nkansen") == ["sociale zaken", "gelijke kansen"]
    assert seg("Senio-\nrenbeleid, gelijke kan-\nsen") == ["seniorenbeleid", "gelijke kansen"]
    assert seg("Jeugd\nSport") == ["jeugd", "sport"]
    assert seg("- gelijke\n- kansen") == ["gelijke", "kansen"]
    # the full stops of an acronym are dropped (a single initial keeps its own)
    assert seg("O.C.M.W., K.M.O.-beleid") == ["ocmw", "kmo-beleid"]
    assert seg("R.O. en jeugd") == ["ro", "jeugd"]
    # an elided modifier is restored from the word before the conjunction or separator
    assert seg("Afvalbeleid en -preventie") == ["afvalbeleid", "afvalpreventie"]
    assert seg("Toerismebeleid & -promotie") == ["toerismebeleid", "toerismepromotie"]
    # a dash at the start of a line is a bullet, whatever else the field holds
    assert seg("Afvalbeleid,\n-preventie") == ["afvalbeleid", "preventie"]
    assert seg("Sport - jeugd, afvalbeleid,\n-preventie") == ["sport", "jeugd", "afvalbeleid", "preventie"]
    assert seg("Welzijn (incl. gelijke kansen)") == ["welzijn", "incl", "gelijke kansen"]
    assert seg("Markten en foren en sport") == ["markten en foren", "sport"]
    assert seg("Bevoegdheden: jeugd") == ["jeugd"]
    assert seg("ICT - e-government") == ["ict", "e-government"]
    assert expand_ellipsis("land- en tuinbouw", lex) == "landbouw, tuinbouw"
    assert expand_ellipsis("stads-en buurtonderhoud", lex) == "stadsonderhoud, buurtonderhoud"


def test_very_long_and_odd_cells(clf):
    long_text = "Jeugd, " * 200_000
    p = clf.predict_one(long_text)
    assert p.domains == ("jeugd",)
    odd = clf.predict(["\x00Jeugd\x07", "🎉 Sport 🎉", "שלום", "Ｇｅｌｉｊｋｅ　ｋａｎｓｅｎ"])
    assert odd[0].domains == ("jeugd",) and odd[1].domains == ("sport",)
    assert odd[2].domains == () and odd[3].domains == ("gelijke_kansen",)
    assert not math.isnan(odd[2].gk_score)


LABEL_TEXT = st.lists(st.sampled_from(["bevoegdheden", "taken", "schepen van", ":", " ", "\n", "\r", "\t", "\u2028", "jeugd", "x"]), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(LABEL_TEXT)
def test_label_prefix_is_a_label_at_the_start_of_a_line(text):
    import re

    from gkclassify.segment import LABEL_PREFIX

    # the pattern as first written: the start of the text or after a newline
    reference = re.compile(LABEL_PREFIX.pattern.replace("(?m)^", "(?:^|(?<=\\n))"))
    assert reference.pattern != LABEL_PREFIX.pattern
    assert LABEL_PREFIX.sub("\n", text) == reference.sub("\n", text)


ELLIPSIS_TEXT = st.lists(st.sampled_from(["ab", "abcd", "abcdef", "-", " ", ",", " en ", " of ", "/", "2", "é", "&", "+", "x-", "-y", "_"]), max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(ELLIPSIS_TEXT)
def test_trailing_ellipsis_takes_whole_words_as_the_first_pattern_did(text):
    import re

    from gkclassify.segment import _TRAILING_ELLIPSIS

    # the pattern as first written: tried from every letter, the word's letters given back one by one
    reference = re.compile(r"([^\W\d_]{4,})((?:\s*[,&/+]|\s+(?:en|of)) +)-([^\W\d_]{3,})")
    assert reference.pattern != _TRAILING_ELLIPSIS.pattern
    assert _TRAILING_ELLIPSIS.sub(lambda m: "|".join(m.groups()), text) == reference.sub(lambda m: "|".join(m.groups()), text)


WRAP_TEXT = st.lists(st.sampled_from(["ab", "abcd", "-", "\n", " ", "2", "é", "_", "-\n", "x"]), max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(WRAP_TEXT)
def test_wrapped_line_takes_whole_words_as_the_first_pattern_did(text):
    import re

    from gkclassify.segment import _WRAP

    reference = re.compile(r"([^\W\d_]+)(-?)\n(?=([^\W\d_]+))")  # as first written
    assert reference.pattern != _WRAP.pattern
    assert _WRAP.sub(lambda m: "|".join(m.groups()), text) == reference.sub(lambda m: "|".join(m.groups()), text)
