"""Every listing of the guide runs: exit 0, and stdout equal to `<file>.out` when it exists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from book_services import ROOT, services_for
from services import service_gate

from mastery.document import MarkerKind, parse

TIMEOUT = 60


def _referenced() -> set[Path]:
    found: set[Path] = set()
    for section in sorted((ROOT / "book" / "sections").glob("*.md")):
        doc = parse(section.read_text(encoding="utf-8"))
        for fence in doc.fences:
            for marker in fence.markers:
                if marker.kind is MarkerKind.LISTING and marker.path:
                    found.add((ROOT / marker.path).resolve())
    return found


def _listings() -> list[Path]:
    on_disk = set((ROOT / "book" / "listings").rglob("*.py"))
    return sorted({p.resolve() for p in on_disk} | _referenced())


LISTINGS = _listings()


def _id(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


@pytest.mark.parametrize("listing", LISTINGS, ids=[_id(p) for p in LISTINGS])
def test_listing_runs(listing: Path) -> None:
    assert listing.is_file(), f"{_id(listing)} is referenced by a section but does not exist"
    for name, host, port in services_for(listing):
        service_gate(name, host, port)
    try:
        result = subprocess.run(
            [sys.executable, str(listing)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{_id(listing)} did not finish within {TIMEOUT}s", pytrace=False)
    assert result.returncode == 0, (
        f"{_id(listing)} exited {result.returncode}\n--- stderr ---\n{result.stderr[-3000:]}"
    )
    expected = listing.with_name(listing.name + ".out")
    if expected.is_file():
        assert result.stdout == expected.read_text(encoding="utf-8"), (
            f"stdout of {_id(listing)} differs from {_id(expected)}"
        )
