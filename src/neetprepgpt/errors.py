"""Errors shared by every part of NEETPrepGPT."""

import structlog
from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from servicekit.problems import TYPE_BASE, Unprocessable, problem_response

log = structlog.get_logger("neetprepgpt.errors")


class InvalidField(Unprocessable):
    """A body field is well-formed but refers to something that does not exist."""

    slug = "validation"

    def __init__(self, location: str, message: str) -> None:
        super().__init__(
            f"The request has invalid fields: {location}.",
            errors=[{"location": location, "message": message, "type": "value_error"}],
        )


async def database_busy(request: Request, exc: Exception) -> JSONResponse:
    """SQLite refused a writer after waiting `busy_timeout` (several processes writing at once).

    That is load, not a bug: answer 503 with Retry-After, never a 500. Anything else the database
    raises is a real failure and gets the usual logged, opaque 500.
    """
    assert isinstance(exc, OperationalError)
    if "database is locked" in str(exc.orig):
        response = problem_response(
            503,
            "Service Unavailable",
            TYPE_BASE + "database-busy",
            "The database is busy with other writes; retry in a moment.",
            request.url.path,
        )
        response.headers["Retry-After"] = "1"
        return response
    log.exception("database_error", path=request.url.path)
    return problem_response(
        500,
        "Internal Server Error",
        TYPE_BASE + "internal",
        "Something went wrong on our side; it has been logged.",
        request.url.path,
    )
