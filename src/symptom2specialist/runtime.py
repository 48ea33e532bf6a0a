"""What the lifespan builds once and every request shares: database, knowledge, model."""

from dataclasses import dataclass
from datetime import timedelta

import structlog
from anyio import to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.db import Database
from symptom2specialist import SERVICE_NAME
from symptom2specialist.classifier.artifact import ArtifactError, Manifest, load_artifact
from symptom2specialist.classifier.model import SpecialtyClassifier
from symptom2specialist.config import Settings
from symptom2specialist.conversations.service import ConversationService
from symptom2specialist.knowledge.loader import Knowledge, load_knowledge
from symptom2specialist.triage.engine import Thresholds, TriageEngine
from symptom2specialist.triage.service import TriageService

log = structlog.get_logger(SERVICE_NAME)


@dataclass
class Runtime:
    settings: Settings
    database: Database
    knowledge: Knowledge
    manifest: Manifest | None
    triage: TriageService

    def conversations(self, session: AsyncSession) -> ConversationService:
        return ConversationService(
            session,
            self.triage,
            retention=timedelta(hours=self.settings.retention_hours),
            max_messages=self.settings.max_messages,
        )

    @property
    def model_loaded(self) -> bool:
        return self.manifest is not None


def _load(settings: Settings) -> tuple[Knowledge, SpecialtyClassifier | None, Manifest | None]:
    knowledge = load_knowledge(settings.knowledge_dir)
    try:
        classifier, manifest = load_artifact(settings.model_dir)
    except ArtifactError as exc:
        # Red flags and urgency still work without the model; routing falls back to a
        # General Physician and /readyz reports the model as missing.
        log.error("model_unavailable", error=str(exc))
        return knowledge, None, None
    return knowledge, classifier, manifest


async def build_runtime(settings: Settings, database: Database) -> Runtime:
    knowledge, classifier, manifest = await to_thread.run_sync(_load, settings)
    engine = TriageEngine(
        knowledge,
        classifier,
        manifest.version if manifest else "none",
        Thresholds(low_confidence=settings.low_confidence, caution=settings.caution),
    )
    if manifest:
        log.info("model_loaded", version=manifest.version, classes=len(manifest.classes))
    triage = TriageService(engine, threads=settings.inference_threads)
    return Runtime(settings, database, knowledge, manifest, triage)
