"""The committed artifact is the one the committed corpus produces, and it loads."""

from symptom2specialist.classifier.artifact import MODEL_DIR, load_artifact
from symptom2specialist.classifier.corpus import corpus_hash, load_corpus
from symptom2specialist.knowledge import CORPUS_DIR


def test_committed_manifest_matches_the_corpus() -> None:
    classifier, manifest = load_artifact(MODEL_DIR)
    assert manifest.data_hash == corpus_hash(CORPUS_DIR), (
        "the corpus changed since the model was trained: run `python -m symptom2specialist train`"
    )
    assert manifest.corpus_lines == len(load_corpus(CORPUS_DIR))
    assert classifier.classes == manifest.classes
    assert manifest.metrics.red_flag_recall == 1.0


def test_artifact_is_small() -> None:
    size = sum(path.stat().st_size for path in MODEL_DIR.iterdir())
    assert size < 5_000_000
