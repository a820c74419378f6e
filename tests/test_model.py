"""The learned model: safe loading, metadata, reproducible training, quality on never-tuned splits."""

from __future__ import annotations

import hashlib
import math
import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkclassify.classifier import Classifier
from gkclassify.errors import ModelError
from gkclassify.evaluate import evaluate_predictions
from gkclassify.linear_model import LinearModel
from gkclassify.train import TEST_FILES, read_split
from tests.conftest import ROOT

DEFAULT = LinearModel.default_path()


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "model"
    shutil.copytree(DEFAULT, dst)
    return dst


def test_default_model_metadata():
    meta = json.loads((DEFAULT / "model.json").read_text())
    for key in ("format_version", "gkclassify_version", "taxonomy_sha256", "training_data_sha256", "thresholds", "metrics", "created", "weights_sha256"):
        assert key in meta
    assert len(meta["thresholds"]) == 38
    assert (DEFAULT / "weights.npz").stat().st_size < 8_000_000


def test_tampered_weights_are_refused(tmp_path):
    m = _copy(tmp_path)
    data = bytearray((m / "weights.npz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (m / "weights.npz").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="E023"):
        LinearModel.load(m)


def test_pickle_disguised_as_weights_is_refused_even_with_matching_hash(tmp_path):
    m = _copy(tmp_path)

    class Evil:
        def __reduce__(self):
            return (Path.touch, (tmp_path / "pwned",))

    payload = pickle.dumps({"coef": Evil()})
    np.savez(m / "weights.npz", coef=np.array([payload], dtype=object))  # object arrays need pickle to load
    meta = json.loads((m / "model.json").read_text())
    meta["weights_sha256"] = hashlib.sha256((m / "weights.npz").read_bytes()).hexdigest()
    (m / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError):
        LinearModel.load(m)
    assert not (tmp_path / "pwned").exists()


def test_foreign_taxonomy_and_format_are_refused(tmp_path):
    m = _copy(tmp_path)
    meta = json.loads((m / "model.json").read_text())
    (m / "model.json").write_text(json.dumps(dict(meta, taxonomy_sha256="0" * 64)))
    with pytest.raises(ModelError, match="E022"):
        LinearModel.load(m)
    (m / "model.json").write_text(json.dumps(dict(meta, format_version=99)))
    with pytest.raises(ModelError, match="E021"):
        LinearModel.load(m)
    (m / "model.json").write_text("not json")
    with pytest.raises(ModelError, match="E024"):
        LinearModel.load(m)
    with pytest.raises(ModelError, match="E020"):
        LinearModel.load(tmp_path / "nothing")


def test_retraining_reproduces_the_shipped_model(tmp_path, monkeypatch):
    from gkclassify.train import train

    meta = json.loads((DEFAULT / "model.json").read_text())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    train(ROOT / "training_data", tmp_path / "m", quiet=True)
    assert (tmp_path / "m" / "weights.npz").read_bytes() == (DEFAULT / "weights.npz").read_bytes()
    new = json.loads((tmp_path / "m" / "model.json").read_text())
    new.pop("created"), meta.pop("created")
    assert new == meta


def test_fast_numpy_batch_equals_row_by_row():
    model = LinearModel.load(DEFAULT)
    texts = ["bedrijfsleven", "zorg voor ouderen", "", "wegenis", "jan peeters", "x", "sport ☃ jeugd", "日本 cultuur"]
    batch = model.proba_many(texts)
    rows = np.vstack([model.proba(t) for t in texts])
    assert np.array_equal(batch, rows)  # bit for bit: a text scores the same alone as in any batch


def _reference_row(feat, text):
    """The features of one text as plain Python computes them from :func:`ngrams` (the definition)."""
    from gkclassify.features import ngrams

    vals = {feat.vocabulary[g]: (1 + math.log(c)) * feat.idf[feat.vocabulary[g]]
            for g, c in ngrams(text, feat.lemmas).items() if g in feat.vocabulary}
    norm = math.sqrt(sum(v * v for v in vals.values()))
    return {i: v / norm for i, v in vals.items()}


_TEXT = st.text(st.sampled_from(list("abcdeilnorstuwz -:ëé") + ["☃", "日", "😀", "࿾", "࿿"]), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_vectorized_ngrams_equal_their_definition(texts):
    """Integer-coded n-grams of a batch give the features :func:`ngrams` defines, for any text
    (characters beyond U+0FFE are looked up by string)."""
    model = LinearModel.load(DEFAULT)
    feat = model.featurizer
    texts = texts + ["sport", "sportbeleid en jeugd"]
    indptr, ind, val = feat.rows(texts)
    for k, text in enumerate(texts):
        got = dict(zip(ind[indptr[k] : indptr[k + 1]].tolist(), val[indptr[k] : indptr[k + 1]].tolist()))
        ref = _reference_row(feat, text)
        assert got.keys() == ref.keys()
        assert all(math.isclose(got[i], ref[i], rel_tol=1e-12) for i in ref)


def test_exotic_characters_reach_vocabulary_ngrams():
    from gkclassify.features import Featurizer

    feat = Featurizer.fit(["☃ sport", "☃ jeugd"], min_df=2)
    assert " ☃ " in feat.vocabulary and "☃ " in feat.vocabulary
    _, ind, _ = feat.rows(["cultuur ☃"])
    assert {feat.vocabulary[" ☃ "], feat.vocabulary["☃ "]} <= set(ind.tolist())


def test_contextual_aliases_are_learned_and_used():
    from gkclassify.train import contextual_aliases

    lexical = Classifier(model=None)
    texts = ["Onthaal van kwetsbare gezinnen", "Het onthaal van daklozen", "Onthaal van bezoekers in het museum",
             "Onthaal", "Gelijke kansen voor kwetsbare gezinnen", "Gelijke kansen in het onderwijs",
             "Gelijke kansen van iedereen"]
    gold = [("armoedebestrijding",), ("armoedebestrijding",), ("erfgoed",), ("burgerzaken",), ("armoedebestrijding",),
            ("onderwijs",), ()]
    learned = contextual_aliases(texts, gold, lexical)
    assert "onthaal" in learned  # 3 times in context, never right
    assert not any("gelijke" in a for a in learned)  # explicit Gelijke Kansen is never contextual
    model = LinearModel.load(DEFAULT)
    model.meta = {**model.meta, "contextual_aliases": ["onthaal"]}
    clf = Classifier(model=model)
    assert "burgerzaken" in clf.predict_one("Onthaal").domains  # all the segment says: taken
    p = clf.predict_one("Onthaal van kwetsbare gezinnen")
    assert not any(e.method == "exact" and e.alias == "onthaal" for e in p.evidence)


def test_vocabulary_terms_count_alone_and_are_read_in_context(clf):
    contextual = set(clf.model.meta["contextual_aliases"])
    terms = [a for a in clf.lexicon.aliases if a.source == "terms"]
    assert terms and {a.text for a in terms} <= contextual
    explicit = {a.text for a in clf.lexicon.aliases if "gelijke_kansen" in a.domains}
    assert not contextual & explicit  # Gelijke Kansen is always named by the lexicon
    alone = clf.predict_one("Schoolstraten")
    assert [(e.method, e.alias) for e in alone.evidence] == [("exact", "schoolstraten")]
    among = clf.predict_one("De invoering van schoolstraten rond elke school")
    assert not any(e.method == "exact" and e.alias == "schoolstraten" for e in among.evidence)


# (split, micro-F1 floor, explicit-GK recall floor): issue #3's targets (micro-F1 >= 0.95, explicit GK
# recall 1.0 with precision >= 0.99) on both test splits; the shipped model measures 0.9935 and 0.9516.
QUALITY = [("test_hand.csv", 0.95, 1.0), ("test_unseen.csv", 0.95, 1.0)]


@pytest.mark.parametrize("name,min_f1,min_gk_recall", QUALITY)
def test_quality_on_never_tuned_test_split(clf, name, min_f1, min_gk_recall):
    texts, gold = read_split(ROOT / "training_data" / name)
    ev = evaluate_predictions(texts, gold, clf.predict(texts))
    assert ev.micro[2] >= min_f1, ev.table()
    assert ev.gk_explicit["recall"] >= min_gk_recall
    assert ev.gk_explicit["precision"] >= 0.99


def test_quality_table_covers_every_test_split():
    assert [q[0] for q in QUALITY] == list(TEST_FILES)


def test_model_generalizes_past_the_lexicon(clf):
    """On wording the lexicon does not list, the hybrid must beat the lexicon alone."""
    texts, gold = read_split(ROOT / "training_data" / "test_unseen.csv")
    hybrid = evaluate_predictions(texts, gold, clf.predict(texts))
    lexical = evaluate_predictions(texts, gold, Classifier(model=None).predict(texts))
    assert hybrid.micro[2] > lexical.micro[2]
    assert any(e.method == "model" for p in clf.predict(texts) for e in p.evidence)


def test_evidence_says_which_part_fired(clf):
    p = clf.predict_one("Gelijke Kanssen, jeugdsport, Sport")
    methods = {e.method for e in p.evidence}
    assert {"fuzzy", "exact"} <= methods
    fuzzy = next(e for e in p.evidence if e.method == "fuzzy")
    assert fuzzy.alias == "gelijke kansen" and 0.9 < fuzzy.score < 1.0


@pytest.mark.parametrize(
    "text,word",
    [("Promotie van de bibliotheek", "promotie"), ("Subsidies voor sportclubs", "subsidies"),
     ("Coördinatie van de jeugdraad", "coördinatie")],
)
def test_a_contextual_alias_in_context_is_not_found_again_by_fuzzy(clf, text, word):
    """Cover leaves a contextual alias among other words to the learned model; the fuzzy step
    must not find the same word again as it is written (it did, at a score of 100)."""
    assert word in clf.model.meta["contextual_aliases"]
    p = clf.predict_one(text)
    assert not any(e.alias == word and e.method in ("exact", "fuzzy") for e in p.evidence), p.evidence_text()
    alone = clf.predict_one(word)
    assert [e.method for e in alone.evidence] == ["exact"]
