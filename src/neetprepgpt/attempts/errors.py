"""Errors raised while sitting a paper."""

from servicekit.problems import Conflict, NotFound


class AttemptNotFound(NotFound):
    slug = "attempt-not-found"
    title = "Attempt Not Found"


class StaleVersion(Conflict):
    """Another tab or device saved first; reload, merge, and save with the new version."""

    slug = "stale-version"
    title = "Stale Version"


class AttemptSubmitted(Conflict):
    slug = "attempt-submitted"
    title = "Attempt Already Submitted"


class TimeUp(Conflict):
    slug = "time-up"
    title = "Time Is Up"


class AttemptNotSubmitted(Conflict):
    slug = "attempt-not-submitted"
    title = "Attempt Not Submitted"
