"""Errors raised while building or reading papers."""

from servicekit.problems import Conflict, NotFound


class PaperNotFound(NotFound):
    slug = "paper-not-found"
    title = "Paper Not Found"


class NotEnoughQuestions(Conflict):
    slug = "not-enough-questions"
    title = "Not Enough Questions"
