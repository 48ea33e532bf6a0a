"""Launchpad check: is the environment you are running in the one uv.lock describes?

Run it with `uv run python book/listings/s04/lock_matches_env.py` from the repository root.
It reads pyproject.toml and uv.lock with the standard library, then compares every direct
dependency's locked version with the version actually installed. A drift is reported by name.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import neetprepgpt
import servicekit

ROOT = Path.cwd()
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def canonical(name: str) -> str:
    """PEP 503 normalisation: `Pydantic_Settings` and `pydantic-settings` are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """`fastapi[standard]>=0.165,<0.170` -> `fastapi`."""
    match = NAME.match(requirement.strip())
    assert match is not None, f"cannot read a name from {requirement!r}"
    return canonical(match.group(0))


def direct_dependencies(pyproject: dict[str, Any]) -> list[str]:
    requirements: list[str] = list(pyproject["project"]["dependencies"])
    for group in pyproject.get("dependency-groups", {}).values():
        requirements.extend(item for item in group if isinstance(item, str))
    return sorted({requirement_name(r) for r in requirements})


def locked_versions(lock: dict[str, Any]) -> dict[str, set[str]]:
    """uv.lock is universal: one package may be pinned twice, for different Python versions."""
    pins: dict[str, set[str]] = {}
    for package in lock["package"]:
        if "version" in package:
            pins.setdefault(canonical(package["name"]), set()).add(package["version"])
    return pins


def drift(names: list[str], locked: dict[str, set[str]], installed: dict[str, str]) -> list[str]:
    """Every direct dependency whose installed version is none of its locked pins."""
    problems: list[str] = []
    for name in names:
        pins, have = locked.get(name), installed.get(name)
        if pins is None:
            problems.append(f"{name}: in pyproject.toml but not in uv.lock (run `uv lock`)")
        elif have not in pins:
            wanted = " or ".join(sorted(pins))
            problems.append(f"{name}: locked {wanted}, installed {have or 'nothing'}")
    return problems


def installed_versions(names: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def main() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))

    floor = pyproject["project"]["requires-python"]
    major, minor = (int(part) for part in floor.removeprefix(">=").split(".")[:2])
    assert sys.version_info >= (major, minor), f"Python {sys.version} is older than {floor}"
    print(f"python: this interpreter satisfies requires-python {floor}")

    names = direct_dependencies(pyproject)
    locked = locked_versions(lock)
    problems = drift(names, locked, installed_versions(names))
    assert not problems, "environment drifted from uv.lock:\n" + "\n".join(problems)
    print("direct dependencies: every installed version is one of its uv.lock pins")

    # The src layout: the services are imported from the installed (editable) project.
    for package in (neetprepgpt, servicekit):
        location = Path(package.__file__ or "").resolve()
        assert location.is_relative_to(ROOT / "src"), location
    print("packages: neetprepgpt and servicekit import from src/ (editable install)")

    # The failure mode, simulated: a laptop where someone ran `pip install fastapi==0.110.0`.
    stale = dict(installed_versions(names), fastapi="0.110.0")
    simulated = drift(names, locked, stale)
    assert len(simulated) == 1
    assert simulated[0].startswith("fastapi: locked ")
    assert simulated[0].endswith(", installed 0.110.0")
    print("simulated drift is caught: fastapi is not at its uv.lock pin")


if __name__ == "__main__":
    main()
