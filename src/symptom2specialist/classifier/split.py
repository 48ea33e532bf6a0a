"""The one deterministic train / held-out split that training and evaluation share."""

from collections import Counter

from sklearn.model_selection import train_test_split

from symptom2specialist.classifier.corpus import CorpusError, CorpusLine
from symptom2specialist.knowledge.loader import Knowledge
from symptom2specialist.classifier.features import document

DEFAULT_SEED = 20261130
DEFAULT_TEST_SIZE = 0.2


def split_corpus(
    lines: list[CorpusLine], seed: int, test_size: float
) -> tuple[list[CorpusLine], list[CorpusLine]]:
    """Stratified by red-flag rule or specialty, so every rule is tested on unseen lines."""
    counts = Counter(line.stratum for line in lines)
    thin = sorted(key for key, count in counts.items() if count < 2)
    if thin:
        raise CorpusError(f"these labels need at least 2 lines each to be split: {thin}")
    train, test = train_test_split(
        lines, test_size=test_size, random_state=seed, stratify=[x.stratum for x in lines]
    )
    return list(train), list(test)


def documents(lines: list[CorpusLine], knowledge: Knowledge) -> list[str]:
    return [document(knowledge.normaliser.normalise(x.text), x.age, x.sex) for x in lines]
