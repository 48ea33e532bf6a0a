"""The serve app: the site at /, services mounted with their lifespans, missing ones skipped."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from mastery.project import Project
from mastery.serve import create_app

SERVICES = Path(__file__).parent / "fixtures" / "services"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "sections" / "one").mkdir(parents=True)
    (root / "index.html").write_text("<h1>FastAPI Mastery</h1>", encoding="utf-8")
    (root / "sections" / "one" / "index.html").write_text("<p>one</p>", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _services_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SERVICES))


MOUNTS = {
    "/fake": "fakesvc",
    "/broken": "brokensvc",
    "/absent": "absentsvc_does_not_exist",
    "/fails": "failsvc",
}


async def test_site_services_and_lifespans(site: Path, caplog: pytest.LogCaptureFixture) -> None:
    from fakesvc.main import EVENTS

    EVENTS.clear()
    with caplog.at_level(logging.INFO, logger="mastery.serve"):
        app = create_app(site, MOUNTS)
    notes = {s.path: s.note for s in app.state.services}
    assert notes["/fake"] == "mounted at /fake"
    assert "create_app() failed (RuntimeError: DATABASE_URL is not set)" in notes["/broken"]
    assert "absentsvc_does_not_exist.main does not exist yet" in notes["/absent"]
    assert "does not exist yet" in caplog.text
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        assert EVENTS == ["startup"]
        home = await client.get("/")
        assert home.status_code == 200
        assert "FastAPI Mastery" in home.text
        assert (await client.get("/sections/one/")).text == "<p>one</p>"
        assert (await client.get("/fake/ping")).json() == {"ready": True}
        assert (await client.get("/broken/ping")).status_code == 404
        assert (await client.get("/missing-page")).status_code == 404
        failed = await client.get("/fails/anything")
        assert failed.status_code == 503
        assert failed.headers["content-type"] == "application/problem+json"
        assert "ConnectionRefusedError" in failed.json()["detail"]
        health = (await client.get("/healthz")).json()
        assert health["services"] == {
            "/fake": True,
            "/broken": False,
            "/absent": False,
            "/fails": False,
        }
    assert EVENTS == ["startup", "shutdown"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def running(site: Path) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(site, {"/fake": "fakesvc"}), port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start within 10s"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_real_server_serves_the_home_page(running: str) -> None:
    home = httpx.get(f"{running}/", timeout=5)
    assert home.status_code == 200
    assert "FastAPI Mastery" in home.text
    assert httpx.get(f"{running}/fake/ping", timeout=5).json() == {"ready": True}


def test_cli_serve_runs_the_real_server(repo_site: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "MASTERY_ROOT": str(repo_site)}
    command = [
        sys.executable,
        "-m",
        "mastery",
        "serve",
        "--no-rebuild",
        "--no-services",
        "--port",
        str(port),
    ]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        home: httpx.Response | None = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                home = httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert home is not None, (tmp_path / "serve.log").read_text()
        assert home.status_code == 200
        assert "FastAPI Mastery" in home.text
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def repo_site(repo: Project) -> Path:
    site = repo.build_dir / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<h1>FastAPI Mastery</h1>", encoding="utf-8")
    return repo.root
