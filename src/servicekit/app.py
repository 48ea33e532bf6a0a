"""The app factory both services use, so every service has the same edges.

Each service passes its routers, lifespan and settings; this wires what must be identical
everywhere: problem-details errors, request ids, the body-size limit and the health probes.
"""

from collections.abc import Iterable

from fastapi import APIRouter, FastAPI
from starlette.types import Lifespan

from servicekit.health import ReadinessCheck, health_router
from servicekit.middleware import BodySizeLimit, CrashBarrier, RequestId
from servicekit.problems import install_problem_handlers


def create_service_app(
    *,
    name: str,
    title: str,
    version: str,
    description: str,
    lifespan: Lifespan[FastAPI],
    routers: Iterable[APIRouter],
    readiness: dict[str, ReadinessCheck],
    max_body_bytes: int,
) -> FastAPI:
    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    app.include_router(health_router(name, version, readiness))
    for router in routers:
        app.include_router(router)
    # Added last = outermost: the request id exists before anything else runs, and a crash
    # is answered inside it, so even a 500 carries the id in its header and its log line.
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_middleware(CrashBarrier)
    app.add_middleware(RequestId)
    return app
