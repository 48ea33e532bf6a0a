"""HTTP details shared by this service's routers."""

from fastapi import Request

from servicekit.problems import ProblemError


class UnsupportedMediaType(ProblemError):
    status = 415
    slug = "unsupported-media-type"
    title = "Unsupported Media Type"


async def require_json(request: Request) -> None:
    """Bodies must be JSON: a binary upload gets 415, not a confusing validation error."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType(
            f"Send the body as application/json, not {media_type or 'no content type'}."
        )
