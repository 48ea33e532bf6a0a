"""The command line: train, evaluate, redflags, migrate; clear errors and exit codes."""

import json
import shutil
from pathlib import Path

import pytest

from symptom2specialist.cli import main

FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def test_train_then_evaluate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "model"
    assert main(["train", "--corpus", str(FIXTURE_CORPUS), "--out", str(model), "--seed", "3"]) == 0
    assert "trained s2s-clf-1-" in capsys.readouterr().out
    assert main(["evaluate", "--corpus", str(FIXTURE_CORPUS), "--model", str(model)]) == 0
    report = capsys.readouterr().out
    labels = ("accuracy", "top-3 accuracy", "macro-F1", "red-flag recall", "confusion matrix")
    for label in (*labels, "end-to-end", "emergencies not escalated: 0"):
        assert label in report


def test_evaluate_refuses_a_changed_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    model = tmp_path / "model"
    assert main(["train", "--corpus", str(corpus), "--out", str(model)]) == 0
    with (corpus / "fixture_specialties.jsonl").open("a") as handle:
        handle.write(
            json.dumps({"text": "new line", "specialty": "ent", "red_flag": None})[:-1]
            + ', "age": null, "sex": null, "lang": "en"}\n'
        )
    assert main(["evaluate", "--corpus", str(corpus), "--model", str(model)]) == 1
    assert "corpus changed" in capsys.readouterr().err


def test_missing_inputs_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", "--model", str(tmp_path)]) == 2
    assert "run `python -m symptom2specialist train`" in capsys.readouterr().err
    assert main(["train", "--corpus", str(tmp_path), "--out", str(tmp_path / "m")]) == 2
    assert "no *.jsonl" in capsys.readouterr().err
    (tmp_path / "manifest.json").write_text("{not json")
    assert main(["evaluate", "--model", str(tmp_path)]) == 2


def test_redflag_audit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redflags", "--corpus", str(FIXTURE_CORPUS), "--split", "all"]) == 0
    assert "9/9 red-flag lines caught" in capsys.readouterr().out


def test_migrate_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    assert main(["migrate", "--database-url", url]) == 0
    assert main(["migrate", "--database-url", url]) == 0
    assert main(["purge", "--database-url", url]) == 0
    assert "deleted 0 conversations" in capsys.readouterr().out
