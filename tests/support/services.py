"""The project's one rule for external services in tests.

Skip with a clear reason when a service is down, so a laptop without PostgreSQL still passes;
fail instead when REQUIRE_SERVICES=1, which CI sets, so a missing service can never pass quietly.
"""

import os
import socket

import pytest


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


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
    if services_required():
        pytest.fail(f"{reason} and REQUIRE_SERVICES=1 requires it", pytrace=False)
    pytest.skip(reason)
