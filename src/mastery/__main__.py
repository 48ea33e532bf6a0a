"""`python -m mastery` runs the CLI, as the `mastery` script does."""

from mastery.cli import app

app(prog_name="mastery")
