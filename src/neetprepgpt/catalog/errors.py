"""Errors raised by the catalog."""

from servicekit.problems import NotFound


class SubjectNotFound(NotFound):
    slug = "subject-not-found"
    title = "Subject Not Found"
