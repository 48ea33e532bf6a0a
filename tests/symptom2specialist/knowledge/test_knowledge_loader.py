"""The reviewed YAML loads, is complete, and broken data is refused at startup."""

import shutil
from pathlib import Path

import pytest

from symptom2specialist.knowledge import KNOWLEDGE_DIR
from symptom2specialist.knowledge.loader import Knowledge, KnowledgeError, load_knowledge


def test_complete(knowledge: Knowledge) -> None:
    assert len(knowledge.specialties) == 22
    assert list(knowledge.levels) == [
        "emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"
    ]  # fmt: skip
    assert len(knowledge.red_flags) >= 13
    for level in knowledge.levels.values():
        assert level.instructions
    emergency_text = " ".join(knowledge.levels["emergency_ambulance"].instructions)
    assert "112" in emergency_text
    assert "108" in emergency_text


def copy_knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target, ignore=shutil.ignore_patterns("corpus", "*.py"))
    return target


def test_unknown_group_in_a_pattern_is_refused(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    path = directory / "red_flags.yaml"
    path.write_text(path.read_text().replace("[chest, companion]", "[chest, nonsense]", 1))
    with pytest.raises(KnowledgeError, match="nonsense"):
        load_knowledge(directory)


def test_missing_required_rule_is_refused(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    path = directory / "red_flags.yaml"
    path.write_text(path.read_text().replace("suicidal_intent:", "something_else:", 1))
    with pytest.raises(KnowledgeError, match="suicidal_intent"):
        load_knowledge(directory)


def test_unreadable_yaml_is_refused(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    (directory / "specialties.yaml").write_text("a: [unclosed")
    with pytest.raises(KnowledgeError, match=r"specialties\.yaml"):
        load_knowledge(directory)
