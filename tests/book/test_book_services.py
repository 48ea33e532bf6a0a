"""The service gate: skip when a service is down, fail instead when REQUIRE_SERVICES=1."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from book_services import services_for
from services import service_gate


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_skips_when_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)
    port = _closed_port()
    with pytest.raises(
        pytest.skip.Exception, match=f"PostgreSQL is not reachable at 127.0.0.1:{port}"
    ):
        service_gate("PostgreSQL", "127.0.0.1", port)


def test_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_SERVICES=1 requires it"):
        service_gate("PostgreSQL", "127.0.0.1", _closed_port())


def test_passes_when_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        service_gate("test server", "127.0.0.1", server.getsockname()[1])


def test_pg_listings_need_postgres() -> None:
    assert [name for name, _h, _p in services_for(Path("x/demo_pg.py"))] == ["PostgreSQL"]
    assert services_for(Path("x/demo.py")) == []
