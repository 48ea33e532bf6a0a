"""Fixtures of the book's tests; the helpers live in support/book_services.py."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# Helper modules in support/ (book_services) import by name under any --import-mode.
sys.path.insert(0, str(Path(__file__).parent / "support"))

from services import service_gate


@pytest.fixture
def require_service() -> Callable[[str, str, int], None]:
    """`require_service(name, host, port)`: skip when down, fail when REQUIRE_SERVICES=1."""
    return service_gate
