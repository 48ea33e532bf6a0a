"""Errors the question bank raises on purpose, each with its status and problem type."""

from servicekit.problems import Conflict, NotFound


class QuestionNotFound(NotFound):
    slug = "question-not-found"
    title = "Question Not Found"


class QuestionExists(Conflict):
    slug = "question-exists"
    title = "Question Already Exists"


class QuestionInUse(Conflict):
    slug = "question-in-use"
    title = "Question In Use"
