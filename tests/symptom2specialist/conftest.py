"""Shared fixtures: the reviewed knowledge, the committed model, and a running app."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from symptom2specialist.classifier.artifact import MODEL_DIR, load_artifact
from symptom2specialist.classifier.model import SpecialtyClassifier
from symptom2specialist.config import Settings
from symptom2specialist.knowledge.loader import Knowledge, load_knowledge
from symptom2specialist.main import create_app
from symptom2specialist.triage.engine import TriageEngine

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def classifier() -> SpecialtyClassifier:
    model, _ = load_artifact(MODEL_DIR)
    return model


@pytest.fixture(scope="session")
def engine(knowledge: Knowledge, classifier: SpecialtyClassifier) -> TriageEngine:
    return TriageEngine(knowledge, classifier, "test")


@pytest.fixture(scope="session")
def fired(knowledge: Knowledge) -> Callable[[str], set[str]]:
    """The ids of the red-flag rules a message fires."""

    def run(text: str) -> set[str]:
        tokens = knowledge.normaliser.tokens(text)
        return {hit.rule.id for hit in knowledge.matcher.match(tokens)}

    return run


def make_client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The real app on an embedded SQLite file, lifespan included (migrations, model)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("s2s"), environment="test")
    with make_client(settings) as test_client:
        yield test_client
