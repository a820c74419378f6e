from __future__ import annotations

from collections import Counter

import pytest

from gkclassify.gazetteer import PROVINCES, load, match_name, match_province, name_key, province_government


def test_counts_per_era_and_province():
    g = load()
    old, new = g.in_era("2019-2024"), g.in_era("2025")
    assert len(old) == 300 and len(new) == 285
    assert Counter(m.province for m in old) == {
        "Antwerpen": 69, "Limburg": 42, "Oost-Vlaanderen": 60, "Vlaams-Brabant": 65, "West-Vlaanderen": 64,
    }
    assert {m.province for m in new} == set(PROVINCES)
    assert len({m.nis_code for m in old}) == 300 and len({m.nis_code for m in new}) == 285
    assert all(len(m.nis_code) == 5 and m.nis_code.isdigit() for m in g.municipalities)


def test_mergers_2025():
    g = load()
    merged_away = [m for m in g.in_era("2019-2024") if m.fusion_2025_nis]
    assert len(merged_away) == 28
    units = {m.fusion_2025_nis for m in merged_away}
    assert len(units) == 13
    for m in merged_away:
        s = g.successor(m)
        assert s.from_2025 and s.nis_code == m.fusion_2025_nis and s.name == m.fusion_2025
        assert m.name in s.former
    assert sorted(match_name("Pajottegem").former) == ["Galmaarden", "Gooik", "Herne"]
    assert match_name("Antwerpen", era="2025").former == ("Antwerpen", "Borsbeek")
    assert match_name("Tielt", era="2025").former == ("Meulebeke", "Tielt")
    assert match_name("Gent").fusion_2025 is None and g.successor(match_name("Gent")) is match_name("Gent")


def test_zwijndrecht_goes_to_oost_vlaanderen_with_official_name():
    z = match_name("Zwijndrecht")
    assert (z.nis_code, z.province, z.fusion_2025) == ("11056", "Antwerpen", "Beveren-Kruibeke-Zwijndrecht")
    bkz = match_name("Beveren-Kruibeke-Zwijndrecht")
    assert (bkz.nis_code, bkz.province, bkz.former) == ("46030", "Oost-Vlaanderen", ("Beveren", "Kruibeke", "Zwijndrecht"))
    assert not any("voorlopig" in m.name for m in load().municipalities)
    # the provisional name as the source shows it is still recognized
    assert match_name("Beveren-Kruibeke-Zwijndrecht (voorlopige naam)") is bkz


@pytest.mark.parametrize("name, expected", [
    ("Sint-Niklaas", "Sint-Niklaas"), ("St.-Niklaas", "Sint-Niklaas"), ("SINT NIKLAAS", "Sint-Niklaas"),
    ("st niklaas", "Sint-Niklaas"), ("Stad Gent", "Gent"), ("Gemeente Aalter", "Aalter"), ("OCMW Gent", "Gent"),
    ("OCMW-Gent", "Gent"), ("Lokaal bestuur Kortrijk", "Kortrijk"), ("Herk de Stad", "Herk-de-Stad"),
    ("Stad Herk-de-Stad", "Herk-de-Stad"), ("heist op den berg", "Heist-op-den-Berg"), ("Heist o/d Berg", "Heist-op-den-Berg"),
    ("Sint-Genesius-Rode", "Sint-Genesius-Rode"), ("De Panne", "De Panne"), ("depanne", "De Panne"),
    ("Scherpenheuvel Zichem", "Scherpenheuvel-Zichem"), ("  Brugge ", "Brugge"), ("Antwerpen (11002)", "Antwerpen"),
    ("Nazareth-De Pinte", "Nazareth-De Pinte"), ("Bilzen-Hoeselt", "Bilzen-Hoeselt"), ("Merelbeke Melle", "Merelbeke-Melle"),
])
def test_tolerant_names(name, expected):
    m = match_name(name)
    assert m is not None and m.name == expected


@pytest.mark.parametrize("name", ["Atlantis", "", "Gentbrugge", "Stad", "Provincie Antwerpen", "Brussel", "Sint"])
def test_unknown_names_are_not_guessed(name):
    assert match_name(name) is None


def test_new_2025_names_map_to_their_province():
    expected = {
        "Pajottegem": "Vlaams-Brabant", "Nazareth-De Pinte": "Oost-Vlaanderen", "Merelbeke-Melle": "Oost-Vlaanderen",
        "Beveren-Kruibeke-Zwijndrecht": "Oost-Vlaanderen", "Tessenderlo-Ham": "Limburg", "Bilzen-Hoeselt": "Limburg",
        "Tongeren-Borgloon": "Limburg",
    }
    for name, province in expected.items():
        m = match_name(name)
        assert m is not None and m.province == province and m.from_2025 and not m.until_2024


def test_era_chooses_between_same_names():
    assert match_name("Hasselt").nis_code == "71022"
    assert match_name("Hasselt", era="2025").nis_code == "71072"
    assert match_name("Lokeren", era="2019-2024").nis_code == "46014"
    # a name outside the era still matches rather than being lost
    assert match_name("Borsbeek", era="2025").nis_code == "11007"
    assert load().by_nis("46030").name == "Beveren-Kruibeke-Zwijndrecht"


def test_name_key_and_provinces():
    assert name_key("Stad Sint-Niklaas") == name_key("ST. NIKLAAS") == "sintniklaas"
    assert [match_province(v) for v in ("Oost-Vlaanderen", "oost vlaanderen", "Prov. West-Vlaanderen", "VLAAMS BRABANT", "Henegouwen")] == [
        "Oost-Vlaanderen", "Oost-Vlaanderen", "West-Vlaanderen", "Vlaams-Brabant", None]
    assert province_government("Provincie Antwerpen") == "Antwerpen"
    assert province_government("Provinciebestuur Limburg") == "Limburg"
    assert province_government("Antwerpen") is None  # the city
    assert province_government("Limburg") == "Limburg"
    assert province_government("Gent") is None


def test_data_file_has_its_source_and_is_read_from_the_package():
    from importlib import resources

    text = resources.files("gkclassify").joinpath("data/gemeenten.csv").read_text(encoding="utf-8")
    assert text.startswith("#") and "REFNIS" in text and "Beveren-Kruibeke-Zwijndrecht" in text
