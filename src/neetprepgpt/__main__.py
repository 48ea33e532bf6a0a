"""`python -m neetprepgpt migrate | seed | check-bank`: operate the service from a shell.

Exit status 0 on success, 1 with a clear message (never a traceback) when something is wrong.
"""

import argparse
import asyncio
import sys
from pathlib import Path

from pydantic import ValidationError

from neetprepgpt.bank.loader import BankError, load_bank
from neetprepgpt.bootstrap import bootstrap, migrate
from neetprepgpt.config import Settings
from neetprepgpt.db import open_database


async def _migrate(settings: Settings) -> str:
    database = open_database(settings.database())
    try:
        await migrate(database.engine)
    finally:
        await database.dispose()
    return "Schema is at head."


async def _seed(settings: Settings, data_dir: Path) -> str:
    database = open_database(settings.database())
    try:
        report = await bootstrap(database, data_dir)
    finally:
        await database.dispose()
    return (
        f"Seeded {report.subjects} subjects, {report.chapters} chapters; questions: "
        f"{report.inserted} new, {report.updated} updated, {report.unchanged} unchanged."
    )


def _check(data_dir: Path) -> str:
    bank = load_bank(data_dir)
    counts = ", ".join(f"{s.subject} {len(s.questions)}" for s in bank.subjects) or "none"
    return f"Bank is valid: {bank.question_count()} questions ({counts})."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m neetprepgpt", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database schema to head")
    seed = commands.add_parser("seed", help="migrate, then load the bank idempotently")
    check = commands.add_parser("check-bank", help="validate the bank's YAML files only")
    for command in (seed, check):
        command.add_argument("--data-dir", type=Path, help="default: the bank_dir setting")
    args = parser.parse_args(argv)
    try:
        settings = Settings()
        data_dir = getattr(args, "data_dir", None) or settings.bank_dir
        if args.command == "check-bank":
            message = _check(data_dir)
        elif args.command == "migrate":
            message = asyncio.run(_migrate(settings))
        else:
            message = asyncio.run(_seed(settings, data_dir))
    except BankError as exc:
        print(f"The bank has {len(exc.problems)} problem(s):\n{exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"error: invalid settings:\n{exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
