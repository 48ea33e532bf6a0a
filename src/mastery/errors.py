"""Errors that reach the user as a message and an exit code, never as a traceback."""

from __future__ import annotations


class MasteryError(Exception):
    """A failure the CLI reports as one clear message with a non-zero exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class SyllabusError(MasteryError):
    """The syllabus file cannot be read or does not describe a valid syllabus."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)
