"""`mastery generate` against a real chat-completions server on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from mastery_llm_server import (
    FakeLLM,
    closed_port,
    garbage,
    serve_llm,
    stall,
    status,
    stream,
    whole,
)
from typer.testing import CliRunner

from mastery.cli import app
from mastery.errors import MasteryError
from mastery.generate import GenerationFailed, clean_answer, generate
from mastery.llm import LLMError, LLMSettings
from mastery.project import Project
from mastery.syllabus import Syllabus

SLUG_2 = "02-python-refresher-for-production-grade-apis"


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    with serve_llm() as fake:
        yield fake


def settings(url: str, timeout: float = 5.0, key: str | None = "sk-test") -> LLMSettings:
    return LLMSettings(base_url=url, model="test-model", api_key=key, timeout=timeout)


def log_lines(repo: Project) -> list[dict[str, object]]:
    path = repo.state_dir / "generate.log"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_success_writes_the_section_and_logs(
    repo: Project, syllabus: Syllabus, llm: FakeLLM, good_section_2: str
) -> None:
    llm.replies.append(stream(good_section_2))
    seen: list[str] = []
    outcome = generate(repo, syllabus, settings(llm.url), on_delta=seen.append)
    path = repo.section_file(SLUG_2)
    assert outcome.written
    assert outcome.attempts == 1
    assert path.read_text() == good_section_2
    assert "".join(seen) == good_section_2
    request = llm.requests[0]
    assert request["model"] == "test-model"
    assert request["stream"] is True
    assert (
        "Section 2: Python Refresher for Production-Grade APIs" in request["messages"][1]["content"]
    )
    assert llm.headers[0]["Authorization"] == "Bearer sk-test"
    [record] = log_lines(repo)
    assert record["outcome"] == "written"
    assert record["model"] == "test-model"
    assert record["tokens_in"] == 1234
    assert record["tokens_out"] == 567
    assert record["tokens_estimated"] is False
    assert record["attempt"] == 1
    assert isinstance(record["seconds"], float)


def test_tokens_are_estimated_when_not_reported(
    repo: Project, syllabus: Syllabus, llm: FakeLLM, good_section_2: str
) -> None:
    llm.replies.append(stream(good_section_2, usage=False))
    generate(repo, syllabus, settings(llm.url, key=None))
    [record] = log_lines(repo)
    assert record["tokens_estimated"] is True
    assert isinstance(record["tokens_out"], int)
    assert record["tokens_out"] > 100
    assert "Authorization" not in llm.headers[0]


def test_a_non_streaming_server_is_understood(
    repo: Project, syllabus: Syllabus, llm: FakeLLM, good_section_2: str
) -> None:
    llm.replies.append(whole(good_section_2))
    outcome = generate(repo, syllabus, settings(llm.url))
    assert outcome.written
    assert repo.section_file(SLUG_2).read_text() == good_section_2
    assert log_lines(repo)[0]["tokens_out"] == 20


def test_retry_after_a_failing_draft(
    repo: Project, syllabus: Syllabus, llm: FakeLLM, good_section_2: str
) -> None:
    bad = good_section_2.replace("## 5. Fragments Parse", "## 6. Fragments Parse")
    llm.replies += [stream(bad), stream(good_section_2)]
    outcome = generate(repo, syllabus, settings(llm.url))
    assert outcome.attempts == 2
    assert repo.section_file(SLUG_2).read_text() == good_section_2
    retry = llm.requests[1]["messages"]
    assert retry[2] == {"role": "assistant", "content": bad}
    assert "expected 5, found 6" in retry[3]["content"]
    assert [r["outcome"] for r in log_lines(repo)] == ["check_failed", "written"]
    assert (repo.state_dir / "drafts" / f"{SLUG_2}.attempt-1.md").read_text() == bad


def test_gives_up_after_three_retries(
    repo: Project, syllabus: Syllabus, llm: FakeLLM, good_section_2: str
) -> None:
    bad = good_section_2.replace("**Theme:**", "**Motto:**")
    llm.replies += [stream(bad) for _ in range(5)]
    with pytest.raises(GenerationFailed, match="4 attempt"):
        generate(repo, syllabus, settings(llm.url))
    assert len(llm.requests) == 4
    assert not repo.section_file(SLUG_2).exists()


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (status(401, "Incorrect API key provided"), "refused the API key (HTTP 401)"),
        (status(500, "boom"), "HTTP 500: boom"),
        (garbage(), "malformed stream"),
        (stream("# SECTION 2 - Python", done=False), "truncated stream"),
        (stream("# SECTION 2 - Python", finish="length"), "finish_reason=length"),
        (whole("# SECTION 2 - Python", finish="length"), "finish_reason=length"),
        (stream(""), "no content"),
        (stall(3), "no answer from"),
    ],
    ids=["401", "500", "malformed", "truncated", "length", "length-json", "empty", "timeout"],
)
def test_failures_write_nothing(
    repo: Project, syllabus: Syllabus, llm: FakeLLM, reply: object, message: str
) -> None:
    llm.replies.append(reply)  # type: ignore[arg-type]
    with pytest.raises(LLMError, match=message.replace("(", r"\(").replace(")", r"\)")):
        generate(repo, syllabus, settings(llm.url, timeout=0.5))
    assert not repo.section_file(SLUG_2).exists()
    assert [r["outcome"] for r in log_lines(repo)] == ["error"]


def test_unreachable_endpoint(repo: Project, syllabus: Syllabus) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    with pytest.raises(LLMError, match="cannot reach"):
        generate(repo, syllabus, settings(url))
    assert not repo.section_file(SLUG_2).exists()


def test_never_overwrites_a_complete_section_without_force(
    repo: Project, syllabus: Syllabus, llm: FakeLLM, good_text: str
) -> None:
    path = repo.section_file("01-introduction-and-overview")
    with pytest.raises(MasteryError, match="is complete"):
        generate(repo, syllabus, settings(llm.url), 1)
    assert llm.requests == []
    replacement = good_text.replace("The cheapest bug", "The cheapest defect")
    llm.replies.append(stream(replacement))
    outcome = generate(repo, syllabus, settings(llm.url), 1, force=True)
    assert path.read_text() == replacement
    assert outcome.previous is not None
    assert outcome.previous.read_text() == good_text


def test_clean_answer_unwraps_a_fenced_reply() -> None:
    assert clean_answer("```markdown\n# SECTION 1 - X\n\nText\n```") == "# SECTION 1 - X\n\nText\n"
    assert clean_answer("<think>plan</think>\n# SECTION 1 - X\n") == "# SECTION 1 - X\n"


runner = CliRunner()


def _env(monkeypatch: pytest.MonkeyPatch, repo: Project, url: str) -> None:
    monkeypatch.setenv("MASTERY_ROOT", str(repo.root))
    monkeypatch.setenv("MASTERY_LLM_BASE_URL", url)
    monkeypatch.setenv("MASTERY_LLM_MODEL", "test-model")
    monkeypatch.setenv("MASTERY_LLM_API_KEY", "sk-test")


def test_cli_generate_success(
    repo: Project, llm: FakeLLM, good_section_2: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env(monkeypatch, repo, llm.url)
    llm.replies.append(stream(good_section_2))
    result = runner.invoke(app, ["generate"])
    assert result.exit_code == 0, result.output
    assert f"Section 2 written to book/sections/{SLUG_2}.md after 1 attempt(s)" in result.output


def test_cli_generate_bad_key(repo: Project, llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    _env(monkeypatch, repo, llm.url)
    llm.replies.append(status(401, "invalid key"))
    result = runner.invoke(app, ["generate"])
    assert result.exit_code == 1
    assert "refused the API key" in result.output
    assert "Traceback" not in result.output
    assert not Path(repo.section_file(SLUG_2)).exists()


def test_cli_generate_without_settings(repo: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASTERY_ROOT", str(repo.root))
    monkeypatch.delenv("MASTERY_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("MASTERY_LLM_MODEL", raising=False)
    result = runner.invoke(app, ["generate"])
    assert result.exit_code == 2
    assert "MASTERY_LLM_BASE_URL" in result.output
