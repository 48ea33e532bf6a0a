"""Publishing commands: build and serve."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from mastery.commands.common import friendly, load
from mastery.console import err, out
from mastery.errors import MasteryError


def _size(path: Path) -> str:
    if path.is_dir():
        total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    else:
        total = path.stat().st_size
    return f"{total / 1_048_576:.1f} MB" if total >= 1_048_576 else f"{total / 1024:.0f} kB"


@friendly
def build(
    force: Annotated[bool, typer.Option(help="Rebuild even when nothing changed")] = False,
) -> None:
    """Build the site (mkdocs --strict), the PDF and the EPUB into var/build."""
    from mastery.build import build as build_all

    project, syllabus = load()
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

    project, syllabus = load()
    if not _port_free(host, port):
        raise MasteryError(f"cannot listen on {host}:{port}: the port is in use (try --port)")
    if rebuild and is_stale(project):
        try:
            with err.status("the guide changed: building the site, the PDF and the EPUB"):
                result = build_all(project, syllabus)
            err.print(f"built in {result.seconds:.1f}s")
        except MasteryError as exc:  # serve what was built: the guide matters more than a PDF
            err.print(f"[yellow]warning:[/] {escape(exc.message)}")
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
