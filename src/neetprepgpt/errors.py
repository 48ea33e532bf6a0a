"""Errors shared by every part of NEETPrepGPT."""

from servicekit.problems import Unprocessable


class InvalidField(Unprocessable):
    """A body field is well-formed but refers to something that does not exist."""

    slug = "validation"

    def __init__(self, location: str, message: str) -> None:
        super().__init__(
            f"The request has invalid fields: {location}.",
            errors=[{"location": location, "message": message, "type": "value_error"}],
        )
