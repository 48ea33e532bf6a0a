"""The NEETPrepGPT app: `create_app()` for `fastapi dev`, tests and `mastery serve`."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import structlog
from fastapi import FastAPI

from neetprepgpt import __version__
from neetprepgpt.attempts.router import router as attempts_router
from neetprepgpt.bootstrap import bootstrap
from neetprepgpt.catalog.router import router as catalog_router
from neetprepgpt.config import SERVICE_NAME, Settings
from neetprepgpt.db import open_database
from neetprepgpt.papers.router import router as papers_router
from neetprepgpt.questions.router import router as questions_router
from servicekit.app import create_service_app
from servicekit.logging import configure_logging

log = structlog.get_logger("neetprepgpt")

DESCRIPTION = """
NEET-UG preparation: an NCERT-tagged question bank with full-text search, mock tests in the
2025 pattern (180 questions, 180 minutes, +4/−1/0), chapter-wise practice, attempts with
autosave and a server-kept time limit, and analytics by subject and chapter.
"""


def utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.log_level, json=settings.log_json)
    database = open_database(
        settings.database(),
        echo=settings.sql_echo,
        pool_timeout=settings.db_pool_timeout_seconds,
        busy_timeout_ms=settings.db_busy_timeout_ms,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.should_bootstrap():
            report = await bootstrap(database, settings.bank_dir)
            log.info("bootstrapped", questions=report.inserted + report.updated + report.unchanged)
        yield
        await database.dispose()

    app = create_service_app(
        name=SERVICE_NAME,
        title="NEETPrepGPT",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        routers=[catalog_router, questions_router, papers_router, attempts_router],
        readiness={"database": database.ping},
        max_body_bytes=settings.max_body_bytes,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.clock = utc_now
    return app


app = create_app()
