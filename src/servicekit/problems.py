"""Errors as RFC 9457 problem details, for every service.

Each domain error is a subclass of `ProblemError` carrying its status, a stable type URI and a
title; handlers turn it (and validation errors, unknown routes, unexpected crashes) into
`application/problem+json`. `problem_responses()` documents the same shapes in OpenAPI.
"""

from collections.abc import Iterator, Sequence
from http import HTTPStatus
from typing import Any, ClassVar

import fastapi.routing
import structlog
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://fastapi-mastery.dev/problems/"

log = structlog.get_logger("servicekit.problems")


class FieldIssue(BaseModel):
    """One invalid input: where it was, and what is wrong with it."""

    location: str = Field(examples=["body.options.A"])
    message: str = Field(examples=["String should have at least 1 character"])
    type: str = Field(examples=["string_too_short"])


class Problem(BaseModel):
    """An RFC 9457 problem details body."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=[TYPE_BASE + "not-found"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str | None = Field(default=None, examples=["Question 'PHY-999' does not exist."])
    instance: str | None = Field(default=None, examples=["/v1/questions/PHY-999"])
    errors: list[FieldIssue] | None = None


class ProblemError(Exception):
    """Base of every error a service raises on purpose. Subclasses set the class attributes."""

    status: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Bad Request"
    headers: ClassVar[dict[str, str]] = {}  # e.g. WWW-Authenticate on a 401

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions

    @classmethod
    def type_uri(cls) -> str:
        return TYPE_BASE + cls.slug


class BadRequest(ProblemError):
    pass


class NotFound(ProblemError):
    status = 404
    slug = "not-found"
    title = "Not Found"


class Conflict(ProblemError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class PayloadTooLarge(ProblemError):
    status = 413
    slug = "payload-too-large"
    title = "Content Too Large"


class UnsupportedMediaType(ProblemError):
    status = 415
    slug = "unsupported-media-type"
    title = "Unsupported Media Type"


class Unprocessable(ProblemError):
    status = 422
    slug = "unprocessable"
    title = "Unprocessable Content"


def problem_response(
    status: int,
    title: str,
    type_uri: str,
    detail: str | None,
    instance: str | None,
    **extensions: Any,
) -> JSONResponse:
    body = Problem(type=type_uri, title=title, status=status, detail=detail, instance=instance)
    payload = body.model_dump(exclude_none=True) | jsonable_encoder(extensions)
    return JSONResponse(payload, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


def _location(loc: Sequence[int | str]) -> str:
    return ".".join(str(part) for part in loc)


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    response = problem_response(
        exc.status, exc.title, exc.type_uri(), exc.detail, request.url.path, **exc.extensions
    )
    response.headers.update(exc.headers)
    return response


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    issues = [
        FieldIssue(location=_location(e["loc"]), message=e["msg"], type=e["type"])
        for e in exc.errors()
    ]
    names = ", ".join(issue.location for issue in issues[:5])
    return problem_response(
        422,
        "Unprocessable Content",
        TYPE_BASE + "validation",
        f"The request has invalid fields: {names}.",
        request.url.path,
        errors=[issue.model_dump() for issue in issues],
    )


def _route_methods(app: Any) -> Iterator[tuple[Any, set[str]]]:
    """(path regex, methods) of every route, inside included routers too."""
    iter_contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    routes = iter_contexts(app.router.routes) if iter_contexts else app.router.routes
    for route in routes:
        regex, methods = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if regex is not None and methods:
            yield regex, set(methods)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (RFC 9110: `Allow` lists them all).

    Starlette answers 405 from the first route whose path matches, naming only its methods;
    a path served by several routes (GET and PATCH declared apart) needs the union.
    """
    root_path = request.scope.get("root_path", "")
    path = request.scope["path"]
    if root_path and path.startswith(root_path):
        path = path[len(root_path) :]
    methods: set[str] = set()
    for regex, route_methods in _route_methods(request.app):
        if regex.match(path):
            methods |= route_methods
    return sorted(methods)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    slug = phrase.lower().replace(" ", "-")
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else None
    response = problem_response(exc.status_code, phrase, TYPE_BASE + slug, detail, request.url.path)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    methods = allowed_methods(request) if exc.status_code == 405 else []
    if methods:
        response.headers["Allow"] = ", ".join(methods)
    return response


def _busy(request: Request, detail: str) -> JSONResponse:
    response = problem_response(
        503, "Service Unavailable", TYPE_BASE + "database-busy", detail, request.url.path
    )
    response.headers["Retry-After"] = "1"
    return response


async def _on_pool_timeout(request: Request, exc: Exception) -> JSONResponse:
    """Every pooled connection stayed busy for `pool_timeout`: load, not a bug."""
    log.warning("database_pool_timeout", path=request.url.path)
    return _busy(request, "All database connections are busy; retry in a moment.")


async def _on_database_error(request: Request, exc: Exception) -> JSONResponse:
    """SQLite refused a writer after waiting `busy_timeout` (several processes writing at once)
    is answered 503 with Retry-After; anything else the database raises is a logged 500."""
    assert isinstance(exc, OperationalError)
    if "database is locked" in str(exc.orig):
        log.warning("database_locked", path=request.url.path)
        return _busy(request, "The database is busy with other writes; retry in a moment.")
    return await _on_crash(request, exc)


async def _on_crash(request: Request, exc: Exception) -> JSONResponse:
    # Log the details; never leak a traceback or internals to the client.
    log.exception("unhandled_error", path=request.url.path, error_type=type(exc).__name__)
    return problem_response(
        500,
        "Internal Server Error",
        TYPE_BASE + "internal",
        "Something went wrong on our side; it has been logged.",
        request.url.path,
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(PoolTimeout, _on_pool_timeout)
    app.add_exception_handler(OperationalError, _on_database_error)
    app.add_exception_handler(Exception, _on_crash)


def problem_responses(
    *errors: type[ProblemError], body: bool = False
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the given errors, plus the validation error.

    `body=True` for a route that reads a JSON body: it adds 413 (the body-size limit) and 415
    (`servicekit.http.require_json`).
    """
    responses: dict[int | str, dict[str, Any]] = {}
    extra = (PayloadTooLarge, UnsupportedMediaType) if body else ()
    documented: tuple[type[ProblemError], ...] = (*errors, *extra, Unprocessable)
    for error in documented:
        entry = responses.setdefault(
            error.status,
            {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}, "description": error.title},
        )
        if error.title not in entry["description"]:
            entry["description"] += f" / {error.title}"
    return responses
