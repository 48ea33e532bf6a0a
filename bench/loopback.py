"""A uvicorn server in a subprocess on a free loopback port, shared by the benchmarks.

Every benchmark starts its targets the same way (one worker, access log off, loopback only), so
a comparison between the service and its bare baseline measures the app, not the launch.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def uvicorn_server(
    target: str,
    *,
    env: dict[str, str],
    app_dir: Path | None = None,
    factory: bool = False,
    ready_path: str = "/",
    start_timeout: float = 120.0,
) -> Iterator[str]:
    """Yield the base URL once `ready_path` answers at all; stop the server on exit.

    Uvicorn accepts connections only after the app's lifespan has started, so any HTTP answer
    (even a 404 from a baseline without that path) means the app is ready.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", target,
        "--host", "127.0.0.1", "--port", str(port),
        "--workers", "1", "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    if factory:
        command.append("--factory")
    if app_dir is not None:
        command += ["--app-dir", str(app_dir)]
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                raise SystemExit(f"{target} exited with {process.returncode} before serving")
            try:
                httpx.get(base + ready_path, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"{target} did not start in {start_timeout:g} s") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
