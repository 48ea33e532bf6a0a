"""The one deterministic train / held-out split that training and evaluation share."""

import hashlib
from collections import defaultdict

from symptom2specialist.classifier.corpus import CorpusError, CorpusLine
from symptom2specialist.classifier.features import document
from symptom2specialist.knowledge.loader import Knowledge

DEFAULT_SEED = 20261130
DEFAULT_TEST_SIZE = 0.2


def _draw(line: CorpusLine, seed: int) -> float:
    """A fixed number in [0, 1) for each line, from its text and the seed alone."""
    digest = hashlib.sha256(f"{seed}:{line.stratum}:{line.text}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_corpus(
    lines: list[CorpusLine], seed: int, test_size: float
) -> tuple[list[CorpusLine], list[CorpusLine]]:
    """Stratified by red-flag rule or specialty, and stable as the corpus grows.

    A line is held out when its own hash draw falls below `test_size`, so adding lines never
    moves an existing line between the halves: rules tuned on the training half stay honest.
    Each stratum keeps at least one line on each side.
    """
    strata: dict[str, list[CorpusLine]] = defaultdict(list)
    for line in lines:
        strata[line.stratum].append(line)
    thin = sorted(key for key, group in strata.items() if len(group) < 2)
    if thin:
        raise CorpusError(f"these labels need at least 2 lines each to be split: {thin}")
    train: list[CorpusLine] = []
    test: list[CorpusLine] = []
    for key in sorted(strata):
        group = sorted(strata[key], key=lambda line: _draw(line, seed))
        cut = sum(1 for line in group if _draw(line, seed) < test_size)
        cut = min(max(cut, 1), len(group) - 1)
        test.extend(group[:cut])
        train.extend(group[cut:])
    return train, test


def documents(lines: list[CorpusLine], knowledge: Knowledge) -> list[str]:
    return [document(knowledge.normaliser.normalise(x.text), x.age, x.sex) for x in lines]
