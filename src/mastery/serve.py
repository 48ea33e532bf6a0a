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
from starlette.types import ASGIApp, Receive, Scope, Send

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


class Gate:
    """Passes requests to a mounted service, or answers 503 once its startup has failed."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.failure: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.failure is None and self.service.app is not None:
            await self.service.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        problem = JSONResponse(
            {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": f"{self.service.package} did not start: {self.failure}",
            },
            status_code=503,
            media_type="application/problem+json",
        )
        await problem(scope, receive, send)


def _lifespan(gates: list[Gate]) -> Any:
    """Mounted apps get no lifespan events from Starlette: run each child's lifespan here.

    A child whose startup fails is logged and answers 503; the guide and the others still run.
    """

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for gate in gates:
                child = gate.service.app
                context = getattr(getattr(child, "router", None), "lifespan_context", None)
                if child is None or context is None:
                    continue
                try:
                    await stack.enter_async_context(context(child))
                except Exception as exc:
                    gate.failure = f"{type(exc).__name__}: {exc}"
                    logger.error("%s failed to start: %s", gate.service.package, gate.failure)
            yield

    return lifespan


def create_app(site: Path, services: Mapping[str, str] = SERVICES) -> Starlette:
    """The guide's site at / and every importable service at its path."""
    loaded = [load_service(path, package) for path, package in services.items()]
    gates = [Gate(service) for service in loaded if service.app is not None]

    async def health(_request: Request) -> JSONResponse:
        running = {g.service.path for g in gates if g.failure is None}
        return JSONResponse(
            {
                "status": "ok",
                "site": (site / "index.html").is_file(),
                "services": {s.path: s.path in running for s in loaded},
            }
        )

    routes: list[Route | Mount] = [Route("/healthz", health)]
    routes.extend(Mount(g.service.path, app=g) for g in gates)
    routes.append(Mount("/", app=StaticFiles(directory=site, html=True, check_dir=False)))
    app = Starlette(routes=routes, lifespan=_lifespan(gates))
    app.state.services = loaded
    return app
