"""`mastery serve`: the built site at /, and the two services mounted beside it when present."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

logger = logging.getLogger("mastery.serve")

SERVICES: Mapping[str, str] = {
    "/neetprepgpt": "neetprepgpt",
    "/symptom2specialist": "symptom2specialist",
}


@dataclass(frozen=True)
class Service:
    path: str
    package: str
    app: ASGIApp | None
    note: str


def load_service(path: str, package: str) -> Service:
    """Import `<package>.main` and call its `create_app()`; any failure is logged and skipped."""
    module_name = f"{package}.main"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name in {package, module_name}:
            note = f"{module_name} does not exist yet: {path} is not mounted"
            logger.info(note)
        else:
            note = f"{module_name} needs {exc.name!r}, which is not installed: {path} not mounted"
            logger.error(note)
        return Service(path, package, None, note)
    except Exception as exc:
        note = f"importing {module_name} failed ({type(exc).__name__}: {exc}): {path} not mounted"
        logger.error(note)
        return Service(path, package, None, note)
    factory = getattr(module, "create_app", None)
    if not callable(factory):
        note = f"{module_name} has no create_app(): {path} is not mounted"
        logger.error(note)
        return Service(path, package, None, note)
    try:
        app: ASGIApp = factory()
    except Exception as exc:
        note = f"{module_name}.create_app() failed ({type(exc).__name__}: {exc}): not mounted"
        logger.error(note)
        return Service(path, package, None, note)
    logger.info("mounted %s at %s", module_name, path)
    return Service(path, package, app, f"mounted at {path}")


def _lifespan(services: list[Service]) -> Any:
    """Mounted apps get no lifespan events from Starlette: run each child's lifespan here."""

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for service in services:
                router = getattr(service.app, "router", None)
                context = getattr(router, "lifespan_context", None)
                if service.app is not None and context is not None:
                    await stack.enter_async_context(context(service.app))
            yield

    return lifespan


def create_app(site: Path, services: Mapping[str, str] = SERVICES) -> Starlette:
    """The guide's site at / and every importable service at its path."""
    loaded = [load_service(path, package) for path, package in services.items()]

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "status": "ok",
                "site": (site / "index.html").is_file(),
                "services": {s.path: s.app is not None for s in loaded},
            }
        )

    routes: list[Route | Mount] = [Route("/healthz", health)]
    routes.extend(Mount(s.path, app=s.app) for s in loaded if s.app is not None)
    routes.append(Mount("/", app=StaticFiles(directory=site, html=True, check_dir=False)))
    app = Starlette(routes=routes, lifespan=_lifespan(loaded))
    app.state.services = loaded
    return app
