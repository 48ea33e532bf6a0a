"""Train reproducibly: fixed seed, one stratified split, metrics on the held-out part."""

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import sklearn

from symptom2specialist.classifier.artifact import FORMAT, Manifest, save_artifact
from symptom2specialist.classifier.corpus import corpus_hash, load_corpus
from symptom2specialist.classifier.evaluation import Evaluation, evaluate
from symptom2specialist.classifier.features import build_pipeline, document
from symptom2specialist.classifier.model import SpecialtyClassifier
from symptom2specialist.classifier.split import documents, split_corpus
from symptom2specialist.knowledge.loader import Knowledge

MAX_FOLDS = 5


def train(
    corpus_dir: Path, out_dir: Path, knowledge: Knowledge, seed: int, test_size: float
) -> tuple[Manifest, Evaluation]:
    lines = load_corpus(corpus_dir)
    train_lines, test_lines = split_corpus(lines, seed, test_size)
    labels: list[str] = [line.specialty for line in train_lines]
    texts = documents(train_lines, knowledge)
    folds = max(2, min(MAX_FOLDS, min(Counter(labels).values())))
    # The reviewed example symptoms of each specialty are training data too (never held out).
    examples = [
        (document(knowledge.normaliser.normalise(example), None, None), specialty.id)
        for specialty in knowledge.specialties.values()
        if specialty.id in set(labels)
        for example in specialty.examples
    ]
    pipeline = build_pipeline(seed, folds)
    pipeline.fit(texts + [text for text, _ in examples], labels + [label for _, label in examples])
    classifier = SpecialtyClassifier(pipeline)
    evaluation = evaluate(classifier, test_lines, knowledge)
    data_hash = corpus_hash(corpus_dir)
    manifest = Manifest(
        version=f"{FORMAT}-{data_hash[:12]}-s{seed}",
        trained_at=datetime.now(UTC).replace(microsecond=0),
        data_hash=data_hash,
        corpus_lines=len(lines),
        seed=seed,
        test_size=test_size,
        train_lines=len(train_lines),
        knowledge_examples=len(examples),
        test_lines=len(test_lines),
        classes=classifier.classes,
        sklearn_version=sklearn.__version__,
        metrics=evaluation.metrics,
    )
    save_artifact(pipeline, manifest, out_dir)
    return manifest, evaluation
