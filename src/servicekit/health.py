"""Liveness and readiness probes: `/healthz` says the process runs, `/readyz` that it can work."""

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

ReadinessCheck = Callable[[], Awaitable[bool]]


class Health(BaseModel):
    status: str
    service: str
    version: str
    checks: dict[str, bool] = {}


def health_router(service: str, version: str, checks: dict[str, ReadinessCheck]) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", operation_id="liveness")
    async def liveness() -> Health:
        return Health(status="ok", service=service, version=version)

    @router.get("/readyz", operation_id="readiness", responses={503: {"model": Health}})
    async def readiness(response: Response) -> Health:
        results = {name: await check() for name, check in checks.items()}
        ready = all(results.values())
        if not ready:
            response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return Health(
            status="ok" if ready else "unavailable",
            service=service,
            version=version,
            checks=results,
        )

    return router
