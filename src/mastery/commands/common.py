"""What every command shares: loading the project, and failures as messages, not tracebacks."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.markup import escape

from mastery.console import err
from mastery.errors import MasteryError
from mastery.project import Project, find_project
from mastery.syllabus import Section, Syllabus, load_syllabus

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


def load() -> tuple[Project, Syllabus]:
    project = find_project()
    return project, load_syllabus(project.syllabus_file)


def pick(syllabus: Syllabus, number: int) -> Section:
    try:
        return syllabus.section(number)
    except KeyError:
        last = syllabus.sections[-1].number
        raise MasteryError(f"there is no section {number}: sections run 1 to {last}", 2) from None
