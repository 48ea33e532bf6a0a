"""Every answer key in the bank agrees with a second, independent solve.

The second solve (bank/data/verification/) was done from stems and options alone, without the
keys. A question whose key and second solve disagree, or that the solver flagged as ambiguous,
must be fixed or removed before it reaches a student.
"""

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parents[2] / "src" / "neetprepgpt" / "bank" / "data"
SUBJECTS = ["physics", "chemistry", "botany", "zoology"]


def load(kind: str, subject: str) -> dict[str, dict[str, object]]:
    path = DATA / kind / f"{subject}.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(entry["id"]): entry for entry in entries}


@pytest.mark.parametrize("subject", SUBJECTS)
def test_every_key_matches_the_second_solve(subject: str) -> None:
    questions = load("questions", subject)
    second = load("verification", subject)
    assert set(second) == set(questions), "every question has exactly one second solve"
    mismatched = {
        qid: (question["answer"], second[qid]["answer"])
        for qid, question in questions.items()
        if question["answer"] != second[qid]["answer"]
    }
    assert not mismatched, f"key vs second solve: {mismatched}"


@pytest.mark.parametrize("subject", SUBJECTS)
def test_no_question_is_flagged_ambiguous(subject: str) -> None:
    second = load("verification", subject)
    flagged = {qid: entry["issue"] for qid, entry in second.items() if entry.get("issue")}
    assert not flagged, f"questions the second solver flagged: {flagged}"
