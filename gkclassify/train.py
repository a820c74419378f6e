"""Training the learned model from ``training_data/`` (seeded, reproducible bit for bit).

Splits, kept apart by construction:

- train: ``train_hand.csv``, ``train_unseen.csv`` and ``train_more_{a,b,c,d,e}.csv``
  (hand-written, all but the first with wording beyond the lexicon), ``picklist.csv`` (the Mandatendatabank
  pick-list, hand-labelled) and ``generated.csv`` (labelling functions over the
  lexicon, see :mod:`gkclassify.datagen`);
- validation: ``dev_hand.csv`` and ``dev_unseen.csv`` (hand-written; the second
  with wording the lexicon does not list) — calibration and per-domain thresholds;
- test: ``test_hand.csv`` and ``test_unseen.csv`` (hand-written, the same two
  kinds) — never trained or tuned on; only reported in the model's metadata.

A training row whose text (case and spaces aside) is also a validation or test
row is left out, so that evaluation text is never trained on.

Fields are cut into segments with the same segmenter as prediction; a
segment's labels come from its field when it is the only segment, or by
elimination when the lexicon recognizes all other segments.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .classifier import Classifier
from .evaluate import evaluate_predictions, parse_domains
from .features import Featurizer
from .lexicon import Lexicon
from .linear_model import LinearModel
from .model_io import save_model_dir
from .normalize import tokenize
from .taxonomy import load_taxonomy

__all__ = [
    "train", "TRAIN_FILES", "DEV_FILES", "TEST_FILES", "segment_examples", "run_examples", "read_split",
    "contextual_aliases", "vocabulary_aliases",
]

TRAIN_FILES = (
    "train_hand.csv", "train_unseen.csv", "train_more_a.csv", "train_more_b.csv", "train_more_c.csv", "train_more_d.csv",
    "train_more_e.csv", "train_more_f.csv", "train_more_g.csv", "train_more_h.csv", "train_more_i.csv",
    "train_more_j.csv", "train_more_k.csv", "train_more_l.csv", "train_more_n.csv", "picklist.csv", "generated.csv",
)
DEV_FILES = ("dev_hand.csv", "dev_unseen.csv")
TEST_FILES = ("test_hand.csv", "test_unseen.csv")
SEED = 20261126
C = 8.0
MIN_DOMAIN_POSITIVES = 5
CONTEXT_MIN_COUNT = 3
THRESHOLD_FLOOR = 0.7
"""The lowest per-domain threshold the tuning may choose (chosen on held-out hand-written training files:
the validation split alone favours thresholds that let the model add too many domains to unseen wording)."""
CONTEXT_MAX_PRECISION = 0.7
"""An alias hit in context at least CONTEXT_MIN_COUNT times and right less often than this is contextual."""
NO_MODEL_DOMAINS = ("gelijke_kansen",)
"""Domains the model never predicts: explicit Gelijke Kansen needs the words themselves."""


def read_split(path: Path) -> tuple[list[str], list[tuple[str, ...]]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    texts = [r["text"] for r in rows]
    gold = [parse_domains(r["domains"], where=str(path), row=i) for i, r in enumerate(rows, start=2)]
    return texts, gold


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _model_text(segment: str, stop: frozenset[str]) -> str:
    toks = list(tokenize(segment))
    while toks and toks[0] in stop:
        toks.pop(0)
    while toks and toks[-1] in stop:
        toks.pop()
    return " ".join(toks)


def segment_examples(texts: Sequence[str], gold: Sequence[tuple[str, ...]], lexical: Classifier) -> list[tuple[str, frozenset[str]]]:
    """Examples ``(model text, domains)`` from labelled fields, of two kinds.

    - whole segments: a field's only segment, or a segment the lexicon resolves
      within the field's labels, with those labels;
    - residual runs, the words the lexicon and fuzzy matcher leave (what the
      model sees at prediction time), labelled by elimination: the field's
      labels the lexicon did not find, when one run is left; none, when the
      field has no label at all (a name, a function). When the lexicon found
      every label, a leftover run may repeat one of them: it is not used.
    """
    stop = lexical.lexicon.stopwords
    out: dict[str, frozenset[str]] = {}

    def add(seg: str, labels: Iterable[str]) -> None:
        t = _model_text(seg, stop)
        if t and t not in out:
            out[t] = frozenset(labels)

    for text, g in zip(texts, gold):
        segs = lexical.segment(text)
        if len(segs) == 1:
            add(segs[0], g)
        else:
            for s in segs:
                r = lexical.match_segment(s)
                doms = {d for d, _ in r.scores}
                if doms and not r.unrecognized and doms <= set(g):
                    add(s, doms)
        for labels, run in residual_examples(text, g, lexical):
            add(run, labels)
    return sorted(out.items())


def residual_examples(text: str, gold: Sequence[str], lexical: Classifier) -> list[tuple[frozenset[str], str]]:
    """Residual runs of one field with labels by elimination (see :func:`segment_examples`)."""
    p = lexical.predict_one(text)
    found = set(p.domains)
    if not found <= set(gold) or not p.unrecognized:
        return []
    rest = frozenset(set(gold) - found)
    if rest and len(p.unrecognized) == 1:
        return [(rest, p.unrecognized[0])]
    if not gold:
        return [(frozenset(), u) for u in p.unrecognized]
    return []


def run_examples(texts: Sequence[str], gold: Sequence[tuple[str, ...]], lexical: Classifier) -> list[tuple[str, frozenset[str]]]:
    """Only the residual runs: the population the model's thresholds are tuned on."""
    stop = lexical.lexicon.stopwords
    out: dict[str, frozenset[str]] = {}
    for text, g in zip(texts, gold):
        for labels, run in residual_examples(text, g, lexical):
            t = _model_text(run, stop)
            if t and t not in out:
                out[t] = labels
    return sorted(out.items())


def contextual_aliases(
    texts: Sequence[str], gold: Sequence[tuple[str, ...]], lexical: Classifier, *, min_count: int = CONTEXT_MIN_COUNT
) -> list[str]:
    """Aliases that are usually wrong when other words surround them, learned from labelled fields.

    For every exact or compound alias hit inside a longer segment ("onthaal van kwetsbare
    gezinnen": ``onthaal``, ``gezinnen``), count how often one of its domains is among the
    field's labels. An alias hit at least ``min_count`` times in context and right in less than
    :data:`CONTEXT_MAX_PRECISION` of those times is contextual: the hybrid model then takes it
    only when it is all a segment says. Explicit Gelijke Kansen aliases are never contextual.
    """
    matcher = lexical.matcher
    seen: dict[str, list[int]] = {}
    explicit: set[str] = set()
    for text, g in zip(texts, gold):
        labels = set(g)
        for seg in lexical.segment(text):
            tokens = tokenize(seg)
            content = matcher.content_words(tokens)
            matches, _ = matcher.cover(tokens)
            for m in matches:
                if m.alias is None or content <= matcher.content_words(tuple(m.text.split())):
                    continue
                if set(m.domains) & set(NO_MODEL_DOMAINS):
                    explicit.add(m.alias)
                counts = seen.setdefault(m.alias, [0, 0])
                counts[0] += bool(labels & set(m.domains))
                counts[1] += 1
    return sorted(
        a for a, (right, total) in seen.items()
        if total >= min_count and right < CONTEXT_MAX_PRECISION * total and a not in explicit
    )


def vocabulary_aliases(lexicon: Lexicon) -> set[str]:
    """The aliases of the domain vocabulary (source ``terms``), contextual as a whole.

    That vocabulary was written term by term without reading labelled data, and a term among
    other words is often an object of the task rather than its domain ("… in het stadhuis"): it
    counts when it is all a segment says, and elsewhere the learned model reads it in context.
    Held out in turn, the hand-written training files f, g and h scored 0.9308, 0.9537 and 0.9771
    micro-F1 with this rule against 0.9283, 0.9501 and 0.9771 without it. Gelijke Kansen aliases
    are never contextual (no ``terms`` alias names it; the check stays in case one ever does).
    """
    return {a.text for a in lexicon.aliases if a.source == "terms" and not set(a.domains) & set(NO_MODEL_DOMAINS)}


def _lemmas(words: Iterable[str]) -> dict[str, str]:
    """Dutch lemma lookups (spaCy's ``spacy-lookups-data``) for the training words."""
    try:
        from spacy.lookups import load_lookups

        table = load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")
    except Exception as exc:  # pragma: no cover - spacy-lookups-data is a dependency
        print(f"gkclassify train: geen Nederlandse lemmatabel ({exc}); verder zonder lemma's", file=sys.stderr)
        return {}
    from .normalize import normalize

    out = {}
    for w in sorted(set(words)):
        lemma = table.get(w)
        if isinstance(lemma, str):
            lemma = normalize(lemma)
            if lemma and lemma != w and " " not in lemma:
                out[w] = lemma
    return out


def _progress(label: str, i: int, n: int, quiet: bool) -> None:
    if quiet or (i < n and not sys.stderr.isatty()):
        return
    width = 30
    done = int(width * i / max(1, n))
    end = "\n" if i >= n else ""
    print(f"\r  {label:<22} [{'#' * done}{'.' * (width - done)}] {i}/{n}", end=end, file=sys.stderr, flush=True)


def _fit_platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if y.sum() < 3 or (len(y) - y.sum()) < 3:
        return 1.0, 0.0
    lr = LogisticRegression(C=1.0, solver="lbfgs")
    lr.fit(z.reshape(-1, 1), y)
    a = float(lr.coef_[0, 0])
    if a <= 0:
        return 1.0, 0.0
    return a, float(lr.intercept_[0])


def _tune_threshold(p: np.ndarray, y: np.ndarray) -> float:
    if y.sum() == 0:
        return THRESHOLD_FLOOR
    best_t, best_f = THRESHOLD_FLOOR, -1.0  # a calibrated probability below the floor never adds a domain
    for t in np.round(np.arange(THRESHOLD_FLOOR, 0.951, 0.05), 2):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        fn = int((~pred & (y == 1)).sum())
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best_f + 1e-12:
            best_t, best_f = float(t), f
    return best_t


def _files_sha256(root: Path, names: Sequence[str]) -> dict[str, str]:
    return {n: hashlib.sha256((root / n).read_bytes()).hexdigest() for n in names}


def train(
    data_dir: str | os.PathLike[str] = "training_data",
    output: str | os.PathLike[str] | None = None,
    *,
    quiet: bool = False,
    log: Callable[[str], None] | None = None,
) -> LinearModel:
    """Train, calibrate, tune, evaluate and (if ``output`` is given) save the model.

    Same data, same package => the same ``weights.npz`` bytes; ``model.json``
    differs only in ``created``, which follows ``SOURCE_DATE_EPOCH`` when set.
    """
    from sklearn.linear_model import LogisticRegression

    say = log or (lambda m: None if quiet else print(m, file=sys.stderr))
    t0 = time.perf_counter()
    root = Path(data_dir)
    tax = load_taxonomy()
    lexical = Classifier(model=None)
    dev_texts, dev_gold = [], []
    for name in DEV_FILES:
        t, g = read_split(root / name)
        dev_texts += t
        dev_gold += g
    tests = {name.removesuffix(".csv"): read_split(root / name) for name in TEST_FILES}
    # evaluation data is never trained on: a training row with the text of a validation or
    # test row (case and spaces aside; short fields such as "Sport" recur) is left out
    held_out = {_key(t) for t in dev_texts} | {_key(t) for tt, _ in tests.values() for t in tt}
    texts: list[str] = []
    gold: list[tuple[str, ...]] = []
    counts: dict[str, int] = {}
    excluded: dict[str, int] = {}
    for name in TRAIN_FILES:
        t, g = read_split(root / name)
        keep = [i for i, x in enumerate(t) if _key(x) not in held_out]
        texts += [t[i] for i in keep]
        gold += [g[i] for i in keep]
        counts[name] = len(keep)
        excluded[name] = len(t) - len(keep)
    say(f"gkclassify train: {len(texts)} trainingsvelden, {len(dev_texts)} validatie, "
        f"{sum(len(t) for t, _ in tests.values())} test")
    learned = contextual_aliases(texts, gold, lexical)
    contextual = sorted(set(learned) | vocabulary_aliases(lexical.lexicon))
    say(f"  contextuele aliassen: {len(learned)} geleerd, {len(contextual)} met de woordenschat")
    # the model learns from what the lexicon leaves at prediction time: contextual aliases included
    leaves = Classifier(model=None, lexicon=lexical.lexicon)
    leaves.matcher.contextual = frozenset(contextual)
    train_ex = segment_examples(texts, gold, leaves)
    dev_ex = segment_examples(dev_texts, dev_gold, leaves)
    say(f"  voorbeelden: {len(train_ex)} training, {len(dev_ex)} validatie")
    lemmas = _lemmas(w for t, _ in train_ex + dev_ex for w in t.split())
    feat = Featurizer.fit((t for t, _ in train_ex), min_df=2, lemmas=lemmas)
    vocab_words = {f[2:] for f in feat.vocabulary if f.startswith("w:")}
    feat.lemmas = {w: l for w, l in lemmas.items() if l in vocab_words}
    X = feat.transform([t for t, _ in train_ex])
    Xd = feat.transform([t for t, _ in dev_ex])
    say(f"  kenmerken: {X.shape[1]} n-grammen")
    n_dom = len(tax)
    coef = np.zeros((X.shape[1], n_dom), dtype=np.float64)
    intercept = np.full(n_dom, -10.0)
    platt_a = np.ones(n_dom)
    platt_b = np.zeros(n_dom)
    thresholds = np.full(n_dom, 0.5)
    Yd = np.array([[d in labels for d in tax.ids] for _, labels in dev_ex], dtype=int).reshape(len(dev_ex), n_dom)
    Zd = np.zeros((len(dev_ex), n_dom))
    for j, d in enumerate(tax.ids):
        _progress("domeinen trainen", j, n_dom, quiet)
        y = np.array([d in labels for _, labels in train_ex], dtype=int)
        if y.sum() == 0 or d in NO_MODEL_DOMAINS:
            thresholds[j] = 2.0
            continue
        lr = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=1000)
        lr.fit(X, y)
        coef[:, j] = lr.coef_[0]
        intercept[j] = lr.intercept_[0]
        Zd[:, j] = np.asarray(Xd @ coef[:, j]).ravel() + intercept[j]
    _progress("domeinen trainen", n_dom, n_dom, quiet)
    # calibration and thresholds on the validation split; a domain with too few positives
    # there gets the calibration and threshold fitted on all domains pooled
    active = thresholds < 2.0
    ga, gb = _fit_platt(Zd[:, active].ravel(), Yd[:, active].ravel())
    gt = _tune_threshold(1.0 / (1.0 + np.exp(-(ga * Zd[:, active].ravel() + gb))), Yd[:, active].ravel())
    for j in np.flatnonzero(active).tolist():
        if Yd[:, j].sum() >= MIN_DOMAIN_POSITIVES:
            platt_a[j], platt_b[j] = _fit_platt(Zd[:, j], Yd[:, j])
            thresholds[j] = _tune_threshold(1.0 / (1.0 + np.exp(-(platt_a[j] * Zd[:, j] + platt_b[j]))), Yd[:, j])
        else:
            platt_a[j], platt_b[j], thresholds[j] = ga, gb, gt
    coef32 = coef.astype(np.float32)
    meta: dict[str, Any] = {
        "name": "gkclassify-default",
        "domains": list(tax.ids),
        "taxonomy_sha256": tax.sha256,
        "lexicon_sha256": lexical.lexicon.sha256,
        "gkclassify_version": __version__,
        "training_data_sha256": _files_sha256(root, TRAIN_FILES + DEV_FILES + TEST_FILES),
        "training_rows": counts,
        "training_rows_left_out_as_evaluation_text": excluded,
        "examples": {"train": len(train_ex), "validation_runs": len(dev_ex)},
        "features": {"char_wb": [2, 5], "words": True, "lemmas": len(feat.lemmas), "vocabulary": X.shape[1]},
        "seed": SEED,
        "C": C,
        "thresholds": {d: round(float(t), 2) for d, t in zip(tax.ids, thresholds)},
        "model_never_predicts": list(NO_MODEL_DOMAINS),
        "contextual_aliases": contextual,
    }
    model = LinearModel(feat, coef32, intercept.astype(np.float32).astype(np.float64), platt_a.astype(np.float32).astype(np.float64), platt_b.astype(np.float32).astype(np.float64), thresholds.astype(np.float32).astype(np.float64), meta)
    # metrics as the saved (float32) model computes them
    hybrid = Classifier(model=model, lexicon=lexical.lexicon)
    metrics = {}
    for split, (tt, gg) in {"validation": (dev_texts, dev_gold), **tests}.items():
        p_h, p_l = hybrid.predict(tt), lexical.predict(tt)
        e_h = evaluate_predictions(tt, gg, p_h)
        e_l = evaluate_predictions(tt, gg, p_l)
        metrics[split] = {"hybrid": _summary(e_h), "lexicon_only": _summary(e_l)}
        # the fields the lexicon does not cover with exact aliases alone: what the rest of the tool adds
        rest = [i for i, p in enumerate(p_l) if not (p.domains and not p.unrecognized and all(e.method == "exact" for e in p.evidence))]
        if rest and split != "validation":
            sub = ([tt[i] for i in rest], [gg[i] for i in rest])
            metrics[split]["beyond_exact_aliases"] = {
                "hybrid": _summary(evaluate_predictions(*sub, [p_h[i] for i in rest])),
                "lexicon_only": _summary(evaluate_predictions(*sub, [p_l[i] for i in rest])),
            }
        say(f"  {split:<14} micro-F1 hybride {e_h.micro[2]:.4f} | alleen lexicon {e_l.micro[2]:.4f}; "
            f"expliciet GK P {e_h.gk_explicit['precision']:.3f} R {e_h.gk_explicit['recall']:.3f}")
    meta["metrics"] = metrics
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    created = datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch else datetime.now(tz=timezone.utc)
    meta["created"] = created.replace(microsecond=0).isoformat()
    if output is not None:
        save_model_dir(output, meta, model.arrays())
        say(f"  model => {output} ({time.perf_counter() - t0:.1f} s)")
    return model


def _summary(e: Any) -> dict[str, Any]:
    return {
        "micro_f1": e.micro[2], "micro_precision": e.micro[0], "micro_recall": e.micro[1],
        "macro_f1": e.macro[2], "exact_match": e.exact_match,
        "gk_explicit_precision": e.gk_explicit["precision"], "gk_explicit_recall": e.gk_explicit["recall"],
        "n": e.n,
    }
