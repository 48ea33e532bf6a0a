"""Request checks shared by both services' routers."""

from fastapi import Request

from servicekit.problems import UnsupportedMediaType

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def is_json(content_type: str) -> bool:
    """`application/json` or any `+json` structured syntax suffix, parameters ignored."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


async def require_json(request: Request) -> None:
    """A route dependency: a body that is not JSON gets 415 problem details, not a 422 that
    blames the fields. A request with no body at all is left to the route's own validation."""
    if request.method not in BODY_METHODS:
        return
    content_type = request.headers.get("content-type", "")
    has_body = request.headers.get("content-length", "0") != "0" or (
        "transfer-encoding" in request.headers
    )
    if not content_type and not has_body:
        return
    if not is_json(content_type):
        shown = content_type.split(";", 1)[0].strip() or "no content type"
        raise UnsupportedMediaType(f"Send the body as application/json, not {shown}.")
