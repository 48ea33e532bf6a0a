"""Writing commands: prompt and generate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mastery.commands.common import friendly, load
from mastery.console import err, out
from mastery.prompt import DEFAULT_BUDGET, DEFAULT_TAIL_WORDS, build_prompt


@friendly
def prompt(
    number: Annotated[int | None, typer.Argument(help="Section number; default: the next")] = None,
    budget: Annotated[
        int, typer.Option(min=1000, help="Token budget of the whole prompt (estimated)")
    ] = DEFAULT_BUDGET,
    tail_words: Annotated[
        int, typer.Option(min=0, help="Words of the previous section quoted verbatim")
    ] = DEFAULT_TAIL_WORDS,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the prompt to this file")
    ] = None,
) -> None:
    """Print the generation prompt for a section (default: the next one)."""
    from mastery.fsutil import write_atomic

    project, syllabus = load()
    built = build_prompt(project, syllabus, number, budget=budget, tail_words=tail_words)
    if output is not None:
        write_atomic(output, built.text)
    else:
        sys.stdout.write(built.text)
    summarized = ", ".join(str(n) for n in built.completed) or "none"
    err.print(
        f"Section {built.section.number}: ~{built.tokens} tokens of {built.budget}; "
        f"completed sections summarized: {summarized}; "
        f"{built.tail_words} words of the previous section verbatim"
    )


@friendly
def generate(
    number: Annotated[int | None, typer.Argument(help="Section number; default: the next")] = None,
    force: Annotated[bool, typer.Option(help="Replace a section that is complete")] = False,
    retries: Annotated[
        int, typer.Option(min=0, max=3, help="Retries with the checker's findings")
    ] = 3,
    budget: Annotated[int, typer.Option(min=1000, help="Prompt token budget")] = DEFAULT_BUDGET,
    base_url: Annotated[str | None, typer.Option(help="Overrides MASTERY_LLM_BASE_URL")] = None,
    model: Annotated[str | None, typer.Option(help="Overrides MASTERY_LLM_MODEL")] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds; overrides MASTERY_LLM_TIMEOUT")
    ] = None,
) -> None:
    """Write a section with an OpenAI-compatible LLM, checked and retried; atomic write."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from mastery.generate import generate as generate_section
    from mastery.llm import load_settings

    project, syllabus = load()
    settings = load_settings(base_url=base_url, model=model, timeout=timeout)
    counter = {"words": 0}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("connecting", total=None)

        def on_attempt(attempt: int) -> None:
            counter["words"] = 0
            progress.update(task, description=f"attempt {attempt}: waiting for the model")

        def on_delta(text: str) -> None:
            counter["words"] += len(text.split())
            progress.update(
                task, description=f"streaming from {settings.model}: ~{counter['words']} words"
            )

        outcome = generate_section(
            project,
            syllabus,
            settings,
            number,
            force=force,
            retries=retries,
            budget=budget,
            on_attempt=on_attempt,
            on_delta=on_delta,
        )
    out.print(
        f"Section {outcome.report.section.number} written to {project.relative(outcome.path)} "
        f"after {outcome.attempts} attempt(s): {outcome.report.words} words, contract passes"
    )
    if outcome.previous is not None:
        out.print(f"The file it replaced is kept at {project.relative(outcome.previous)}")
