"""Command line: train, evaluate, audit the red-flag rules, migrate, purge."""

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from servicekit.db import Database
from symptom2specialist import SERVICE_NAME
from symptom2specialist.classifier.artifact import MODEL_DIR, ArtifactError, load_artifact
from symptom2specialist.classifier.corpus import CorpusError, corpus_hash, load_corpus
from symptom2specialist.classifier.evaluation import evaluate, format_report, red_flag_check
from symptom2specialist.classifier.split import DEFAULT_SEED, DEFAULT_TEST_SIZE, split_corpus
from symptom2specialist.classifier.training import train
from symptom2specialist.config import Settings
from symptom2specialist.db import migrate
from symptom2specialist.knowledge import CORPUS_DIR
from symptom2specialist.knowledge.loader import KnowledgeError, load_knowledge
from symptom2specialist.runtime import build_runtime
from symptom2specialist.triage.engine import TriageEngine
from symptom2specialist.triage.evaluation import routing_check


def _train(args: argparse.Namespace) -> int:
    knowledge = load_knowledge()
    manifest, evaluation = train(args.corpus, args.out, knowledge, args.seed, args.test_size)
    print(f"trained {manifest.version} on {manifest.train_lines} lines -> {args.out}")
    print(format_report(evaluation, "held-out evaluation"))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    knowledge = load_knowledge()
    classifier, manifest = load_artifact(args.model)
    current = corpus_hash(args.corpus)
    if current != manifest.data_hash:
        print(
            f"error: the corpus changed since training (manifest {manifest.data_hash[:12]}, "
            f"corpus {current[:12]}); run `python -m symptom2specialist train`",
            file=sys.stderr,
        )
        return 1
    _, test = split_corpus(load_corpus(args.corpus), manifest.seed, manifest.test_size)
    evaluation = evaluate(classifier, test, knowledge)
    if args.json:
        payload = {
            "model_version": manifest.version,
            "metrics": evaluation.metrics.model_dump(),
            "classes": evaluation.classes,
            "confusion": evaluation.confusion,
        }
        print(json.dumps(payload, indent=2))
    else:
        print(format_report(evaluation, f"held-out evaluation of {manifest.version}"))
        engine = TriageEngine(knowledge, classifier, manifest.version)
        print()
        print(routing_check(engine, test).format())
    return 0 if evaluation.metrics.red_flag_recall == 1.0 else 3


def _redflags(args: argparse.Namespace) -> int:
    """Audit the rules on one half of the corpus. Tune them on `train` only."""
    knowledge = load_knowledge()
    lines = load_corpus(args.corpus)
    train_lines, test_lines = split_corpus(lines, args.seed, args.test_size)
    chosen = {"train": train_lines, "test": test_lines, "all": lines}[args.split]
    caught, own, misses, alarms = red_flag_check(chosen, knowledge)
    flagged = sum(1 for line in chosen if line.red_flag)
    print(f"{args.split}: {caught}/{flagged} red-flag lines caught ({own} by the labelled rule)")
    print(f"false alarms: {len(alarms)} of {len(chosen) - flagged} other lines")
    for miss in misses:
        print(f"MISSED {miss.expected} (fired {list(miss.fired)}): {miss.text}")
    for alarm in alarms if args.show_alarms else []:
        print(f"ALARM {list(alarm.fired)}: {alarm.text}")
    return 0 if not misses else 3


def _database(args: argparse.Namespace) -> tuple[Settings, Database]:
    settings = Settings()
    url = args.database_url or settings.resolved_database_url(SERVICE_NAME)
    database = Database(
        url,
        pool_timeout=settings.db_pool_timeout_seconds,
        busy_timeout_ms=settings.db_busy_timeout_ms,
    )
    return settings, database


def _migrate(args: argparse.Namespace) -> int:
    _, database = _database(args)

    async def run() -> None:
        try:
            await migrate(database)
        finally:
            await database.dispose()

    asyncio.run(run())
    print(f"migrated {database.url.split('@')[-1]} to head")
    return 0


def _purge(args: argparse.Namespace) -> int:
    settings, database = _database(args)

    async def run() -> int:
        try:
            await migrate(database)
            runtime = await build_runtime(settings, database)
            async with database.sessions() as session:
                return await runtime.conversations(session).purge_expired()
        finally:
            await database.dispose()

    deleted = asyncio.run(run())
    print(f"deleted {deleted} conversations idle for over {settings.retention_hours} hours")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m symptom2specialist")
    commands = root.add_subparsers(dest="command", required=True)

    def split_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--corpus", type=Path, default=CORPUS_DIR)
        command.add_argument("--seed", type=int, default=DEFAULT_SEED)
        command.add_argument("--test-size", type=float, default=DEFAULT_TEST_SIZE)

    train_cmd = commands.add_parser("train", help="train the classifier and save the artifact")
    split_options(train_cmd)
    train_cmd.add_argument("--out", type=Path, default=MODEL_DIR)
    train_cmd.set_defaults(handler=_train)

    eval_cmd = commands.add_parser("evaluate", help="held-out metrics of the saved artifact")
    eval_cmd.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    eval_cmd.add_argument("--model", type=Path, default=MODEL_DIR)
    eval_cmd.add_argument("--json", action="store_true")
    eval_cmd.set_defaults(handler=_evaluate)

    flags_cmd = commands.add_parser("redflags", help="audit the red-flag rules on a split")
    split_options(flags_cmd)
    flags_cmd.add_argument("--split", choices=["train", "test", "all"], default="train")
    flags_cmd.add_argument("--show-alarms", action="store_true")
    flags_cmd.set_defaults(handler=_redflags)

    for name, handler, text in (
        ("migrate", _migrate, "upgrade the database to the latest schema"),
        ("purge", _purge, "delete conversations past the retention period"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--database-url", default="")
        command.set_defaults(handler=handler)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except (CorpusError, ArtifactError, KnowledgeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return code
