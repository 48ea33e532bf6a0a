"""The Symptom2Specialist Bot service: `create_app()` builds it; `app` is for `fastapi dev`."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import structlog
from fastapi import FastAPI

from servicekit.app import create_service_app
from servicekit.db import Database
from servicekit.logging import configure_logging
from symptom2specialist import SERVICE_NAME, __version__
from symptom2specialist.chat.router import router as chat_router
from symptom2specialist.config import Settings
from symptom2specialist.conversations.router import router as conversations_router
from symptom2specialist.db import migrate
from symptom2specialist.runtime import Runtime, build_runtime
from symptom2specialist.specialties.router import router as knowledge_router
from symptom2specialist.triage.router import router as triage_router

log = structlog.get_logger(SERVICE_NAME)

DESCRIPTION = """
Describe what you feel in English or Hinglish; the service answers three questions:
is this an emergency, how urgent is it, and which kind of doctor fits.

Red flags come from reviewed, explainable rules and always win. A scikit-learn classifier only
suggests specialists for non-emergencies. **This is not a diagnosis or a prescription.** In an
emergency call **112** (or **108** for an ambulance); for mental-health support call
Tele-MANAS **14416**.
"""


async def _purge_forever(runtime: Runtime, every: float) -> None:
    while True:
        try:
            async with runtime.database.sessions() as session:
                deleted = await runtime.conversations(session).purge_expired()
            if deleted:
                log.info("conversations_purged", deleted=deleted)
        except Exception:  # a failed purge must not stop the next one
            log.exception("purge_failed")
        await asyncio.sleep(every)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    holder: dict[str, Runtime] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level, json=settings.log_json)
        database = Database(
            settings.resolved_database_url(SERVICE_NAME),
            echo=settings.sql_echo,
            pool_timeout=settings.db_pool_timeout_seconds,
            busy_timeout_ms=settings.db_busy_timeout_ms,
        )
        try:
            if settings.migrate_on_startup:
                await migrate(database)
            runtime = await build_runtime(settings, database)
            app.state.runtime = holder["runtime"] = runtime
            purger = asyncio.create_task(_purge_forever(runtime, settings.purge_interval_seconds))
            try:
                yield
            finally:
                purger.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await purger
        finally:
            holder.pop("runtime", None)
            await database.dispose()

    async def database_ready() -> bool:
        runtime = holder.get("runtime")
        return runtime is not None and await runtime.database.ping()

    async def model_ready() -> bool:
        runtime = holder.get("runtime")
        return runtime is not None and runtime.model_loaded

    return create_service_app(
        name=SERVICE_NAME,
        title="Symptom2Specialist Bot",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        routers=[triage_router, conversations_router, chat_router, knowledge_router],
        readiness={"database": database_ready, "model": model_ready},
        max_body_bytes=settings.max_body_bytes,
    )


app = create_app()
