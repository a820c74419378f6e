"""The fast path (batch scorer, streaming, Dask) gives exactly the plain path's output."""

from __future__ import annotations

import csv
import io
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkclassify
from gkclassify.batch import BatchScorer
from gkclassify.cli import main
from gkclassify.normalize import fold
from gkclassify.output import prediction_cells
from gkclassify.train import DEV_FILES, TEST_FILES, TRAIN_FILES, read_split
from tests.conftest import ROOT


def _plain(clf, texts):
    return [prediction_cells(clf.predict_one(t)) for t in texts]


def _fast(texts, clf=None):
    r = BatchScorer(clf or gkclassify.load()).score(texts)
    return [r.cells(i) for i in range(len(r))]


def test_fast_and_plain_agree_on_every_field_of_the_labelled_data(clf):
    texts = []
    for name in TRAIN_FILES + DEV_FILES + TEST_FILES:
        texts += read_split(ROOT / "training_data" / name)[0]
    assert len(texts) > 10_000
    fresh = gkclassify.Classifier.from_path(None)  # its own caches: the plain path computed from scratch
    assert _fast(texts, clf) == _plain(fresh, texts)


def test_fast_path_handles_repeats_odd_values_and_order(clf):
    texts = ["Sport", None, "", "  ", float("nan"), 12, "Gelijke Kanssen", "Sport", "- Jeugd\n- Sport", "\x00Jeugd", "x" * 30_000]
    assert _fast(texts, clf) == _plain(clf, texts)
    # empty and blank fields in a column the batch path takes whole (no unsafe or long field)
    texts = ["", "Sport", "  ", "\t", "\u00a0\u2003", "\n\n", "Gelijke Kanssen", "", "\u200b"]
    assert _fast(texts, clf) == _plain(clf, texts)


FIELD_CHARS = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzëéï ,;/&+|-:()'.`\n\t") + ["en ", "of ", "Sport", "gelijke kansen", "Cultuur- en ",
    "\u2013", "\u00a0", "\ue000", "\r", "\u1680", "\u2181", "Eerste schepen", "markten en foren", "o ", "1. ",
    "Bevoegdheden: ", "schepen van :", " ' ", "kmo's", "gel. ", "onthaal van ", "gelijke kansenambtenaar",
    "\x1e", "\x1f", " -preventie", "gelijke\n", "\nkansen", "'markten", "afvalbeleid"]
)


_OWN: list[gkclassify.Classifier] = []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(FIELD_CHARS, max_size=12).map("".join), min_size=1, max_size=8))
def test_fast_equals_plain_on_generated_fields(clf, texts):
    if not _OWN:
        _OWN.append(gkclassify.Classifier.from_path(None))  # the plain path with caches of its own
    assert _fast(texts, clf) == _plain(_OWN[0], texts)


@pytest.mark.parametrize("text", [
    "Eerste schepen`", "Vlaams karakter`, jeugd", "stads- ` ordening",  # backtick folds to a quote
    "Eerste\u1680schepen",  # Ogham space mark is a space
    "welzijns\u2181- en jeugdbeleid",  # a letter-like numeral before compound ellipsis
    "onderwijs, ocmw en omgeving", "o Jeugd\no Sport", "o Eerste schepen",
    "gel. kansen", "Gel.Kansen & soc. zaken", "o.a. sport", "alg. zaken en fin.",  # abbreviations
    "Onthaal van kwetsbare gezinnen en jeugd",  # a contextual alias among other words
    "Bevoegdheden:\nBevoegdheden: jeugd", "taken: sport: cultuur", "jeugd ' sport", "kmo's, sdg's",  # label prefixes, quotes
    "-'markten en foren", "&'markten en foren,&\nafvalbeleid", "jeugd en -sport",  # an edge stripped before " en "
    "markten en foren en jeugd", "x- en en sport", "jeugd en en sport of of cultuur",  # conjunctions in a row
    "Afvalbeleid & -preventie", "Toerismebeleid en -promotie",  # an elided modifier
    "Sociale zaken, gelijke\nkansen en diversiteit", "- gelijke\n- kansen",  # a wrapped line, a list
    "sport 2gelijke\nkansen", "lokale\nsociale zaken", "sociale zaken\nsociale\nzaken",  # letters before the break
    "xgelijke\nkansen", "gelijke\nkansenbeleid", "gelijke\nkansen2", "sport\u00e9gelijke\nkansen",  # a longer word either side
    "Welzijn - senio-\nrenbeleid, gelijke kan-\nsen", "jeugd-\nsport",  # a word hyphenated at the line end
    "O.C.M.W. en K.M.O.", "cultuur e.d.", "A. Peeters: sport",  # acronyms with full stops, an initial
    "Cultuur- en jeugdbeleid", "cultuur-, jeugd- en sportbeleid / markten- en foren", "land- en tuinbouw",  # ellipsis
    "stads- en dorpskernvernieuwing en jeugd", "welzijns- en gezondheidsbeleid - sport", "sport- en",
    "a- b- c- d- e- f- g- en hbeleid", "jeugd- en -sport", "cultuur- en jeugdbeleid: sport",
    # a label prefix dropped leaves an "o" bullet (found by a stress run)
    "Bevoegdheden: O  ndernemers; intergemeentelijke samenwerkingsverbanden", "jeugd\nTaken: o sport",
])
def test_fast_equals_plain_on_reviewed_cases(clf, text):
    fresh = gkclassify.Classifier.from_path(None)
    # first in the batch and after another field (the column is cut at field boundaries)
    assert _fast([text, "Sport"], clf) == _plain(fresh, [text, "Sport"])
    assert _fast(["Sport", text], clf) == _plain(fresh, ["Sport", text])


def _big_csv(tmp_path, n=3000):
    import random

    rng = random.Random(4)
    texts = read_split(ROOT / "training_data" / "test_unseen.csv")[0]
    path = tmp_path / "groot.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["id", "gemeente", "bevoegdheid"])
        for i in range(n):
            w.writerow([f"{i:06d}", rng.choice(["Gent", "=1+1", "Aalst"]), rng.choice(texts)])
    return path


@pytest.mark.parametrize("jobs", [1, 2])
def test_streaming_equals_in_memory(tmp_path, capsys, jobs):
    from gkclassify.stream import stream_predict

    path = _big_csv(tmp_path)
    assert main(["predict", str(path), "-o", str(tmp_path / "mem.csv"), "-q"]) == 0
    summary = stream_predict(str(path), str(tmp_path / "stream.csv"), chunk_rows=700, jobs=jobs)
    assert summary is not None and summary["rows"] == 3000
    assert (tmp_path / "stream.csv").read_bytes() == (tmp_path / "mem.csv").read_bytes()
    rows = list(csv.reader(io.StringIO((tmp_path / "stream.csv").read_text(encoding="utf-8")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == [f"{i:06d}" for i in range(3000)]


def test_cli_streams_large_files(tmp_path, monkeypatch):
    import gkclassify.stream as stream

    path = _big_csv(tmp_path, 500)
    monkeypatch.setattr(stream, "STREAM_MIN_BYTES", 1)
    called = []
    real = stream.stream_predict
    monkeypatch.setattr(stream, "stream_predict", lambda *a, **k: called.append(1) or real(*a, **k))
    assert main(["predict", str(path), "-o", str(tmp_path / "uit.jsonl"), "-q", "--chunk-size", "100"]) == 0
    assert called and len((tmp_path / "uit.jsonl").read_text(encoding="utf-8").splitlines()) == 500


def test_classifier_pickles_small(clf):
    clf.predict(["Sport", "Jeugd"])
    data = pickle.dumps(clf)
    assert len(data) < 1000
    assert pickle.loads(data).predict_one("Gelijke kansen").gk_status == "explicit"


def test_dask_on_a_local_cluster(clf):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    texts = read_split(ROOT / "training_data" / "test_hand.csv")[0][:400]
    df = pd.DataFrame({"nis": [f"{i:05d}" for i in range(len(texts))], "bevoegdheid": texts})
    from gkclassify.dask_support import add_predictions_dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster):
        out = add_predictions_dask(dd.from_pandas(df, npartitions=4), "bevoegdheid", classifier=clf).compute()
    assert out["nis"].tolist() == df["nis"].tolist()
    assert out["domains"].tolist() == [";".join(p.domains) for p in clf.predict(texts)]
    assert out["gk_status"].tolist() == [p.gk_status for p in clf.predict(texts)]


def _both(tmp_path, capsys, monkeypatch, name, data, *extra):
    """predict in memory and streamed on the same file; both outputs as bytes."""
    src = tmp_path / name
    src.write_bytes(data)
    outs = []
    for label, min_bytes in (("mem", str(10**12)), ("stream", "0")):
        monkeypatch.setenv("GKCLASSIFY_STREAM_MIN_BYTES", min_bytes)
        out = tmp_path / label / "uit.csv"  # the folder does not exist yet
        assert main(["predict", str(src), "-o", str(out), "-q", *extra]) == 0
        outs.append(out.read_bytes())
    return outs


def test_streaming_matches_in_memory_on_mixed_encodings(tmp_path, capsys, monkeypatch):
    data = "gemeente;bevoegdheid\nGent;Financiën\n".encode() + "Aalst;Financiën\n".encode("cp1252")
    mem, streamed = _both(tmp_path, capsys, monkeypatch, "gemengd.csv", data)
    assert streamed == mem and "Financiën".encode() in mem and b"\xc3\x83" not in mem


def test_streaming_matches_in_memory_on_ragged_rows_and_named_delimiter(tmp_path, capsys, monkeypatch):
    data = b"gemeente\tbevoegdheid\tx\nGent\t=1+1\ta\t\nAalst\tJeugd\nBrugge\tSport\tb\tc\n"
    mem, streamed = _both(tmp_path, capsys, monkeypatch, "rafelig.tsv", data, "--delimiter", "tab")
    assert streamed == mem
    assert mem.splitlines()[0].split(b",")[:4] == [b"gemeente", b"bevoegdheid", b"x", b"kolom_4"]


def test_stream_threshold_that_is_not_a_number_is_ignored(tmp_path, monkeypatch):
    from gkclassify.stream import STREAM_MIN_BYTES, _min_bytes

    monkeypatch.setenv("GKCLASSIFY_STREAM_MIN_BYTES", "veel")
    assert _min_bytes() == STREAM_MIN_BYTES


def test_pickling_keeps_the_fuzzy_setting():
    c = gkclassify.Classifier.from_path(None, fuzzy=False)
    assert c.predict_one("gelijke kanssen").domains == ()
    again = pickle.loads(pickle.dumps(c))
    assert again.fuzzy is False and again.predict_one("gelijke kanssen").domains == ()
    assert c.without_model().fuzzy is False


def test_helpers_never_overwrite_input_columns(clf):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"bevoegdheid": ["Sport"], "domains": ["mijn kolom"]})
    out = gkclassify.add_predictions(df, "bevoegdheid", classifier=clf)
    assert out["domains"].tolist() == ["mijn kolom"] and out["domains_gk"].tolist() == ["sport"]
    from gkclassify.dask_support import score_partition

    out = score_partition(df, "bevoegdheid", clf)
    assert out["domains"].tolist() == ["mijn kolom"] and out["domains_gk"].tolist() == ["sport"]


def test_scoring_restores_the_garbage_collector(clf, monkeypatch):
    """The collector is paused while new fields are scored, and left as it was: on, off, or
    after an error."""
    import gc

    scorer = BatchScorer(clf)
    assert gc.isenabled()
    scorer.score(["Sport en jeugd", "Cultuur"])
    assert gc.isenabled()
    gc.disable()
    try:
        scorer.score(["Welzijn en wonen"])
        assert not gc.isenabled()
    finally:
        gc.enable()

    def fail(raws):
        assert not gc.isenabled()  # paused while scoring
        raise RuntimeError("boom")

    monkeypatch.setattr(scorer, "_score_new", fail)
    with pytest.raises(RuntimeError):
        scorer.score(["Nog nooit gezien"])
    assert gc.isenabled()


UNSAFE_CHARS = st.sampled_from(list("ab \t\n\x1e\x1f\x00\x08\x0b\x1d\x7f\x80\x85\x9f\xa0\xc2ë\u2027\u2028\u2029\u20ac\ud800") + ["\U0001f600"])


@settings(max_examples=500, deadline=None)
@given(st.lists(UNSAFE_CHARS, max_size=10).map("".join) | st.text(max_size=10))
def test_safe_column_check_on_bytes_is_the_character_class(text):
    from gkclassify.batch import _REC, _UNSAFE_INNER, _safe_column

    for records in (text.count(_REC), text.count(_REC) + 1, max(0, text.count(_REC) - 1)):
        expected = _UNSAFE_INNER.search(text) is None and text.count(_REC) == records
        assert _safe_column(text, records) == expected


ITEM_CHARS = st.sampled_from(list("ab -'.!?*_=~#,;/&+|:\n\u00e9") + [" - ", " en ", "\u0101", "\u2022"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(ITEM_CHARS, max_size=10).map("".join), min_size=1, max_size=4))
def test_items_cut_in_numpy_are_the_items_cut_with_strings(fields):
    from gkclassify.batch import _REC, _SEG, _cut_items, _cut_items_str

    big = (_SEG + _REC + _SEG).join(fields)
    assert [x for x in _cut_items(big).split(_SEG) if x] == [x for x in _cut_items_str(big).split(_SEG) if x]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(ITEM_CHARS | st.sampled_from(["\t", "\u2003", "\u00a0", " en", "en ", " of "]), max_size=10).map("".join).map(fold), min_size=1, max_size=4))
def test_the_words_around_a_conjunction_end_at_whitespace(fields):
    # _cut_conjunctions takes the words around " en " with one split each: in a column of cut items
    # the texts around a conjunction neither end nor start with whitespace, and the only whitespace
    # is the space and the two separators (the reference: the text after the last space, then
    # after the last separator, and before the first of each)
    from gkclassify.batch import _CONJ, _REC, _SEG, _cut_items

    big = _cut_items((_SEG + _REC + _SEG).join(f for f in fields if f))
    texts = _CONJ.split(big)[0::2]
    for before, after in zip(texts, texts[1:]):
        assert before and not before[-1].isspace()
        assert before.rsplit(None, 1)[-1] == before.rpartition(" ")[2].rpartition(_SEG)[2]
        assert after and not after[0].isspace()
        assert after.split(None, 1)[0] == after.partition(" ")[0].partition(_SEG)[0]
    assert {ch for ch in big if ch.isspace()} <= {" ", _SEG, _REC}


WORDS = st.lists(st.text(alphabet="abé", min_size=1, max_size=4), max_size=30)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="abé", max_size=5))
def test_trie_pattern_matches_exactly_its_words(words, text):
    import re

    from gkclassify.batch import _trie_pattern

    pattern = re.compile(_trie_pattern(sorted(set(words))))
    assert (pattern.fullmatch(text) is not None) == (text in words)
    for word in words:
        assert pattern.fullmatch(word)


LOOKUP_ITEMS = st.sampled_from(["jeugd", "sport", "", "\x1e", "cultuur", "gelijke kansen", "financiën", "x", "\ud800", "\U0001f600"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LOOKUP_ITEMS, max_size=30), st.lists(LOOKUP_ITEMS, max_size=6))
def test_column_lookup_in_arrow_is_the_dict_lookup(items, cached):
    from gkclassify.column_lookup import ColumnLookup

    ids_of = {item: 10 * k for k, item in enumerate(dict.fromkeys(cached))}
    column = "\x1f".join(items)
    lookup = ColumnLookup(min_chars=0, chars_per_cached_item=0)  # Arrow for every column it can take
    found = lookup._arrow_ids(column, "\x1f", ids_of, -3)
    assert (found is None) == ("\ud800" in column or "\ud800" in ids_of)  # a lone surrogate: not for UTF-8
    ids, new = lookup.ids(column, "\x1f", ids_of, missing=-3)
    ref_ids, ref_new = ColumnLookup.dict_ids(column, "\x1f", ids_of, missing=-3)
    assert ids.tolist() == ref_ids.tolist() and new == ref_new
    ids_of["neu"] = 99  # the cached value set follows the dict as it grows
    ids, new = lookup.ids(column + "\x1fneu", "\x1f", ids_of, missing=-3)
    assert ids.tolist()[-1] == 99 and "neu" not in new


def test_column_lookup_uses_arrow_for_large_columns(monkeypatch):
    from gkclassify import column_lookup

    calls = []
    real = column_lookup.ColumnLookup._arrow_ids
    monkeypatch.setattr(column_lookup.ColumnLookup, "_arrow_ids", lambda self, *a: calls.append(1) or real(self, *a))
    ids, new = column_lookup.ColumnLookup().ids("\x1f".join(["jeugd", "sport"] * 100_000), "\x1f", {"jeugd": 1}, missing=-3)
    assert calls and ids[:4].tolist() == [1, -3, 1, -3] and len(new) == 100_000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab:o \n\x1f-", max_size=8), min_size=1, max_size=8), st.data())
def test_fields_of_positions_from_offsets_and_from_separators_agree(texts, data):
    from gkclassify.batch import _REC, _column, _fields_of

    joined, starts = _column(texts)
    assert joined == _REC.join(texts)
    positions = data.draw(st.lists(st.integers(0, max(len(joined) - 1, 0)), max_size=10)) if joined else []
    positions = [p for p in positions if joined[p : p + 1] != _REC]  # a position inside a field
    # the reference: a position's field is the number of record separators before it
    expected = sorted({joined.count(_REC, 0, p) for p in positions})
    assert _fields_of(starts, positions) == expected


def test_column_lookup_without_pyarrow_uses_the_dict(monkeypatch):
    import sys

    from gkclassify.column_lookup import ColumnLookup

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # "import pyarrow" raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.compute", None)
    lookup = ColumnLookup(min_chars=0, chars_per_cached_item=0)
    assert lookup._arrow_ids("jeugd\x1fsport", "\x1f", {"jeugd": 1}, -3) is None
    ids, new = lookup.ids("jeugd\x1fsport", "\x1f", {"jeugd": 1}, missing=-3)
    assert ids.tolist() == [1, -3] and new == ["sport"]


HARD_CHARS = st.sampled_from(list("ao' \n\t\u00a0-.") + ["\no ", " ' ", "\no\n", "o\u2003", "o\n", "o\u00a0", "o\t"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(HARD_CHARS, max_size=8).map("".join), min_size=1, max_size=6))
def test_hard_fields_found_with_find_are_those_of_the_regexes(clf, texts):
    from gkclassify.batch import _HARD_CHARS, _HARD_DASH, _REC, BatchScorer, _column, _fields_of

    scorer = BatchScorer(clf)
    joined, starts = _column(texts)
    # the reference: the patterns as first written, one regex scan each
    at = [0] if joined.startswith(("o ", "o\n")) else []
    for pattern in (re.compile(r"'(?<=[ \n]')[ \n]"), re.compile(r"\no\s"), _HARD_DASH):
        at.extend(m.start() for m in pattern.finditer(joined))
    at.extend(m.end() for m in re.finditer(f"{_REC}(?=o\\s)", joined))
    at.extend(i for i, ch in enumerate(joined) if ch in _HARD_CHARS)
    expected = set(_fields_of(starts, at))
    got = set(scorer._hard_fields(joined, starts))
    # (the wrapped-line check adds the fields of a phrase alias broken over two lines)
    assert expected <= got and not {i for i in got - expected if "\n" not in texts[i]}
