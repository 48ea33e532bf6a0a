"""Running a section's listings, as the test suite does, for `mastery status --run`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

TIMEOUT = 60
POSTGRES = (os.environ.get("PGHOST", "127.0.0.1"), int(os.environ.get("PGPORT", "5432")))


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class ListingRun:
    path: str
    outcome: Outcome
    detail: str = ""


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def run_listing(root: Path, relative: str, timeout: float = TIMEOUT) -> ListingRun:
    """Run `python <listing>` from the root: exit 0, and stdout equal to `<listing>.out`."""
    path = root / relative
    if not path.is_file():
        return ListingRun(relative, Outcome.FAILED, "the file does not exist")
    if path.stem.endswith("_pg") and not _reachable(*POSTGRES):
        return ListingRun(relative, Outcome.SKIPPED, "PostgreSQL is not reachable")
    try:
        result = subprocess.run(
            [sys.executable, str(path)],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ListingRun(relative, Outcome.FAILED, f"still running after {timeout:g}s")
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        return ListingRun(relative, Outcome.FAILED, f"exit {result.returncode}: {last}")
    expected = path.with_name(path.name + ".out")
    if expected.is_file() and result.stdout != expected.read_text(encoding="utf-8"):
        return ListingRun(relative, Outcome.FAILED, f"stdout differs from {expected.name}")
    return ListingRun(relative, Outcome.PASSED)
