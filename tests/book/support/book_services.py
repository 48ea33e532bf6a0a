"""Where the guide is, and whether a listing's service is up (shared by the book's tests).

`service_gate` is the shared rule of the project for external services: skip with a clear
reason when the service is down, but fail when REQUIRE_SERVICES=1 (CI sets it).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
POSTGRES = (os.environ.get("PGHOST", "127.0.0.1"), int(os.environ.get("PGPORT", "5432")))


def reachable(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def service_gate(name: str, host: str, port: int) -> None:
    """Return when the service answers; else skip, or fail when REQUIRE_SERVICES=1."""
    if reachable(host, port):
        return
    reason = f"{name} is not reachable at {host}:{port}"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} and REQUIRE_SERVICES=1 requires it", pytrace=False)
    pytest.skip(reason)


def services_for(listing: Path) -> list[tuple[str, str, int]]:
    """The services a listing needs, from its name: `*_pg.py` needs PostgreSQL."""
    if listing.stem.endswith("_pg"):
        return [("PostgreSQL", *POSTGRES)]
    return []
