"""The `mastery` command line: status, next, check, prompt, generate, build, serve."""

from __future__ import annotations

import functools
import logging
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.markup import escape
from rich.table import Table

from mastery.checks import Report, check_section
from mastery.console import err, out
from mastery.errors import MasteryError
from mastery.project import Project, find_project
from mastery.prompt import DEFAULT_BUDGET, DEFAULT_TAIL_WORDS, build_prompt
from mastery.status import State, collect, next_section
from mastery.syllabus import Section, Syllabus, load_syllabus

# Commands import their heavy modules (httpx, uvicorn, pandoc, typst) when they run, so that
# `mastery check` and `mastery status` start fast.

app = typer.Typer(
    help="The guide engine of FastAPI Mastery: progress, checks, prompts, generation, site.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

P = ParamSpec("P")
R = TypeVar("R")


def friendly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn every failure into a message on stderr and an exit code; no traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except MasteryError as exc:
            err.print(f"[bold red]error:[/] {escape(exc.message)}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/]")
            raise typer.Exit(130) from None
        except Exception as exc:  # the last line of defence: report, never a traceback
            err.print(f"[bold red]unexpected error:[/] {type(exc).__name__}: {escape(str(exc))}")
            raise typer.Exit(1) from None

    return wrapper


def _load() -> tuple[Project, Syllabus]:
    project = find_project()
    return project, load_syllabus(project.syllabus_file)


def _pick(syllabus: Syllabus, number: int) -> Section:
    try:
        return syllabus.section(number)
    except KeyError:
        last = syllabus.sections[-1].number
        raise MasteryError(f"there is no section {number}: sections run 1 to {last}", 2) from None


_STATE_STYLE = {State.MISSING: "dim", State.DRAFT: "yellow", State.COMPLETE: "green"}


@app.command()
@friendly
def status(
    run: Annotated[
        bool, typer.Option("--run", help="Also run every listing (as the tests do)")
    ] = False,
) -> None:
    """A table of all sections: file, prose words, contract, listings and state."""
    project, syllabus = _load()
    statuses = collect(project, syllabus)
    table = Table(title=syllabus.title, header_style="bold")
    columns = ["#", "title", "file", "words", "contract", "listings", "state"]
    if run:
        columns.insert(6, "tested")
    for column in columns:
        table.add_column(column, justify="right" if column in {"#", "words"} else "left")
    failures: list[str] = []
    for item in statuses:
        report = item.report
        if not report.exists:
            contract = "-"
        elif report.passed:
            contract = "[green]pass[/]"
        else:
            contract = f"[red]{len(report.errors)} error(s)[/]"
        row = [
            str(item.section.number),
            escape(item.section.title),
            project.relative(report.path) if report.exists else "-",
            str(report.words) if report.exists else "-",
            contract,
            item.listings_summary,
            f"[{_STATE_STYLE[item.state]}]{item.state}[/]",
        ]
        if run:
            row.insert(6, _run_listings(project, report.listings, failures))
        table.add_row(*row)
    out.print(table)
    for failure in failures:
        out.print(f"[red]{escape(failure)}[/]")
    done = sum(1 for item in statuses if item.state is State.COMPLETE)
    out.print(f"{done} of {len(statuses)} sections complete")


def _run_listings(project: Project, listings: tuple[str, ...], failures: list[str]) -> str:
    from mastery.listings import Outcome, run_listing

    if not listings:
        return "-"
    runs = [run_listing(project.root, listing) for listing in dict.fromkeys(listings)]
    counts = {outcome: sum(1 for r in runs if r.outcome is outcome) for outcome in Outcome}
    failures.extend(f"{r.path}: {r.detail}" for r in runs if r.outcome is Outcome.FAILED)
    text = f"{counts[Outcome.PASSED]}/{len(runs)} ran ok"
    if counts[Outcome.SKIPPED]:
        text += f", {counts[Outcome.SKIPPED]} skipped"
    return text if not counts[Outcome.FAILED] else f"[red]{text}[/]"


@app.command("next")
@friendly
def next_() -> None:
    """The first section in syllabus order that is not complete, and why."""
    project, syllabus = _load()
    upcoming, before = next_section(collect(project, syllabus))
    if upcoming is None:
        out.print(f"All {len(before)} sections are complete.")
        return
    section = upcoming.section
    out.print(f"Next: Section {section.number} - {escape(section.title)}")
    out.print(f'Theme: "{escape(section.theme)}"')
    part = syllabus.part_of(section.number)
    out.print(f"Part {part.numeral}: {escape(part.title)}")
    out.print(f"File: {escape(project.relative(upcoming.report.path))} ({upcoming.state})")
    if upcoming.state is State.DRAFT:
        out.print(f"It exists but fails {len(upcoming.report.errors)} rule(s); see mastery check")
    if before:
        out.print("Complete before it:")
        for item in before:
            out.print(f"  - {escape(item.why_complete())}")
    else:
        out.print("No section before it is complete yet: it is where the guide starts.")


def _print_report(project: Project, report: Report) -> None:
    where = project.relative(report.path)
    for finding in report.findings:
        colour = "red" if finding in report.errors else "yellow"
        out.print(f"[{colour}]{escape(finding.render(where))}[/]")
    verdict = "[green]pass[/]" if report.passed else f"[red]{len(report.errors)} error(s)[/]"
    warnings = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    out.print(
        f"Section {report.section.number}: {verdict}{warnings} ({report.words} words) - {where}"
    )


def _stray_sections(project: Project, syllabus: Syllabus) -> list[Path]:
    if not project.sections_dir.is_dir():
        return []
    known = {f"{section.slug}.md" for section in syllabus.sections}
    return sorted(p for p in project.sections_dir.glob("*.md") if p.name not in known)


@app.command()
@friendly
def check(
    numbers: Annotated[
        list[int] | None, typer.Argument(help="Section numbers; default: every section that exists")
    ] = None,
) -> None:
    """Check sections against the contract (book/CONVENTIONS.md); exit 1 when a rule fails."""
    started = time.perf_counter()
    project, syllabus = _load()
    if numbers:
        sections = [_pick(syllabus, number) for number in numbers]
    else:
        sections = [s for s in syllabus.sections if project.section_file(s.slug).is_file()]
    strays = [] if numbers else _stray_sections(project, syllabus)
    for stray in strays:
        message = (
            f"{project.relative(stray)}: error: [file] no syllabus section has the slug "
            f"`{stray.stem}`: rename it to its section's slug"
        )
        out.print(f"[red]{escape(message)}[/]")
    if not sections and not strays:
        out.print("No section files yet: nothing to check (see mastery next).")
        return
    reports = [check_section(project, syllabus, section) for section in sections]
    failed = len(strays)
    for report in reports:
        if not report.exists:
            out.print(
                f"[red]Section {report.section.number}: missing - "
                f"{project.relative(report.path)}[/]"
            )
            failed += 1
            continue
        _print_report(project, report)
        failed += 0 if report.passed else 1
    elapsed = time.perf_counter() - started
    total = len(reports) + len(strays)
    out.print(f"{total - failed} of {total} passed in {elapsed:.2f}s")
    if failed:
        raise typer.Exit(1)


@app.command()
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

    project, syllabus = _load()
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


@app.command()
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

    project, syllabus = _load()
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


def _size(path: Path) -> str:
    if path.is_dir():
        total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    else:
        total = path.stat().st_size
    return f"{total / 1_048_576:.1f} MB" if total >= 1_048_576 else f"{total / 1024:.0f} kB"


@app.command()
@friendly
def build(
    force: Annotated[bool, typer.Option(help="Rebuild even when nothing changed")] = False,
) -> None:
    """Build the site (mkdocs --strict), the PDF and the EPUB into var/build."""
    from mastery.build import build as build_all

    project, syllabus = _load()
    with err.status("building the site, the PDF and the EPUB"):
        result = build_all(project, syllabus, force=force)
    outputs = result.outputs
    if not result.built:
        out.print("Up to date: nothing changed since the last build (use --force to rebuild).")
    else:
        out.print(f"Built in {result.seconds:.1f}s:")
    for label, path in (("site", outputs.site), ("PDF", outputs.pdf), ("EPUB", outputs.epub)):
        out.print(f"  {label:<5} {escape(project.relative(path))} ({_size(path)})")


def _port_free(host: str, port: int) -> bool:
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError:
        return False
    return True


@app.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
    rebuild: Annotated[bool, typer.Option(help="Build first when the inputs changed")] = True,
    services: Annotated[
        bool, typer.Option(help="Mount NEETPrepGPT and Symptom2Specialist when importable")
    ] = True,
) -> None:
    """Build the guide if stale and serve it (and the two services when present)."""
    import uvicorn

    from mastery.build import Outputs, is_stale
    from mastery.build import build as build_all
    from mastery.serve import SERVICES, create_app

    project, syllabus = _load()
    if not _port_free(host, port):
        raise MasteryError(f"cannot listen on {host}:{port}: the port is in use (try --port)")
    if rebuild and is_stale(project):
        with err.status("the guide changed: building the site, the PDF and the EPUB"):
            result = build_all(project, syllabus)
        err.print(f"built in {result.seconds:.1f}s")
    site = Outputs(project.build_dir).site
    if not (site / "index.html").is_file():
        raise MasteryError(f"no site at {project.relative(site)}: run `mastery build`")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s:     %(message)s")
    logging.getLogger("mastery").setLevel(logging.INFO)
    application = create_app(site, SERVICES if services else {})
    for service in application.state.services:
        err.print(f"{service.path}: {escape(service.note)}")
    err.print(f"serving the guide at http://{host}:{port}/")
    uvicorn.run(application, host=host, port=port, log_level="info")


def main() -> None:  # pragma: no cover - console entry
    app()


__all__ = ["app", "main"]
