"""The `mastery` command line: status, next, check, prompt, generate, build, serve.

Each command lives in mastery.commands by concern; heavy modules (httpx, uvicorn, pandoc,
typst) are imported inside the commands that need them, so `check` and `status` start fast.
"""

from __future__ import annotations

import typer

from mastery.commands import progress, site, writing

app = typer.Typer(
    help="The guide engine of FastAPI Mastery: progress, checks, prompts, generation, site.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command()(progress.status)
app.command("next")(progress.next_)
app.command()(progress.check)
app.command()(writing.prompt)
app.command()(writing.generate)
app.command()(site.build)
app.command()(site.serve)


def main() -> None:  # pragma: no cover - console entry
    app()


__all__ = ["app", "main"]
