"""The classifier trains, evaluates and explains itself on a small corpus written for tests."""

import json
from pathlib import Path

import pytest

from symptom2specialist.classifier.artifact import load_artifact, load_manifest
from symptom2specialist.classifier.corpus import CorpusError, corpus_hash, load_corpus
from symptom2specialist.classifier.split import split_corpus
from symptom2specialist.classifier.training import train
from symptom2specialist.knowledge.loader import Knowledge

FIXTURE_CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, knowledge: Knowledge) -> Path:
    out = tmp_path_factory.mktemp("model")
    train(FIXTURE_CORPUS, out, knowledge, seed=7, test_size=0.25)
    return out


def test_manifest_describes_the_artifact(trained: Path) -> None:
    manifest = load_manifest(trained)
    assert manifest.data_hash == corpus_hash(FIXTURE_CORPUS)
    assert manifest.version.startswith("s2s-clf-1-" + manifest.data_hash[:12])
    assert manifest.corpus_lines == 73
    assert manifest.train_lines + manifest.test_lines == 73
    assert "emergency_medicine" in manifest.classes
    assert "dentistry" in manifest.classes
    metrics = manifest.metrics
    for value in (metrics.accuracy, metrics.top3_accuracy, metrics.macro_f1):
        assert 0.0 <= value <= 1.0
    assert metrics.top3_accuracy >= metrics.accuracy
    assert metrics.red_flag_recall == 1.0


def test_top3_with_calibrated_confidence_and_phrases(trained: Path) -> None:
    classifier, _ = load_artifact(trained)
    output = classifier.classify(
        "daant me bahut dard", k=3, exclude=frozenset({"emergency_medicine"})
    )
    assert next(p.specialty for p in output.predictions) == "dentistry"
    assert len(output.predictions) == 3
    assert sum(output.probabilities.values()) == pytest.approx(1.0)
    confidences = [p.confidence for p in output.predictions]
    assert confidences == sorted(confidences, reverse=True)
    assert "dard" in output.predictions[0].phrases or "daant" in output.predictions[0].phrases


def test_training_is_reproducible(trained: Path, tmp_path: Path, knowledge: Knowledge) -> None:
    train(FIXTURE_CORPUS, tmp_path, knowledge, seed=7, test_size=0.25)
    first, _ = load_artifact(trained)
    second, _ = load_artifact(tmp_path)
    texts = ["itchy rash", "kaan me dard", "peshab me jalan", "feeling low"]
    assert (first.probabilities(texts) == second.probabilities(texts)).all()


def test_split_is_stratified_and_stable() -> None:
    lines = load_corpus(FIXTURE_CORPUS)
    train_lines, test_lines = split_corpus(lines, seed=7, test_size=0.25)
    assert {x.stratum for x in test_lines} == {x.stratum for x in lines}
    # Adding lines never moves an existing line to the other side.
    _, test_without_red_flags = split_corpus(
        [line for line in lines if line.red_flag is None], seed=7, test_size=0.25
    )
    assert set(test_without_red_flags) <= set(test_lines)
    assert not set(train_lines) & set(test_lines)


def test_bad_corpus_line_names_file_and_line(tmp_path: Path) -> None:
    good = {
        "text": "rash",
        "specialty": "dermatology",
        "red_flag": None,
        "age": None,
        "sex": None,
        "lang": "en",
    }
    bad = dict(good, specialty="astrology")
    (tmp_path / "x.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(CorpusError, match=r"x\.jsonl:2"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="no \\*\\.jsonl"):
        load_corpus(tmp_path / "missing")


def test_fast_probabilities_equal_scikit_learns(trained: Path) -> None:
    classifier, _ = load_artifact(trained)
    texts = ["itchy rash ctx_adult", "kaan me dard", "zzz", "burning urine ctx_female"]
    expected = classifier.pipeline.predict_proba(texts)
    assert classifier.probabilities(texts) == pytest.approx(expected, abs=1e-12)
