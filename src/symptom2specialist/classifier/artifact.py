"""The versioned model artifact: a joblib pipeline plus a JSON manifest that describes it.

Only load artifacts this project wrote: joblib files are pickles and can run code.
"""

from datetime import datetime
from pathlib import Path

import joblib
from pydantic import BaseModel, Field
from sklearn.pipeline import Pipeline

from symptom2specialist.classifier.model import SpecialtyClassifier

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
PIPELINE_FILE = "classifier.joblib"
MANIFEST_FILE = "manifest.json"
FORMAT = "s2s-clf-1"


class ArtifactError(RuntimeError):
    """No usable model artifact; the message says which file and what to run."""


class Metrics(BaseModel):
    accuracy: float
    top3_accuracy: float
    macro_f1: float
    expected_calibration_error: float
    red_flag_recall: float = Field(description="Held-out red-flag lines any rule caught.")
    red_flag_rule_recall: float = Field(description="... caught by the labelled rule itself.")
    red_flag_false_alarm_rate: float = Field(description="Other held-out lines that fired a rule.")


class Manifest(BaseModel):
    version: str
    format: str = FORMAT
    trained_at: datetime
    data_hash: str
    corpus_lines: int
    seed: int
    test_size: float
    train_lines: int
    knowledge_examples: int = Field(
        default=0, description="Example symptoms from specialties.yaml added to training."
    )
    test_lines: int
    classes: list[str]
    sklearn_version: str
    metrics: Metrics


def save_artifact(pipeline: Pipeline, manifest: Manifest, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, directory / PIPELINE_FILE, compress=("xz", 6))
    (directory / MANIFEST_FILE).write_text(manifest.model_dump_json(indent=2) + "\n")


def load_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST_FILE
    try:
        return Manifest.model_validate_json(path.read_text())
    except (OSError, ValueError) as exc:
        raise ArtifactError(
            f"cannot read {path} ({exc}); run `python -m symptom2specialist train`"
        ) from exc


def load_artifact(directory: Path) -> tuple[SpecialtyClassifier, Manifest]:
    manifest = load_manifest(directory)
    path = directory / PIPELINE_FILE
    try:
        pipeline = joblib.load(path)
    except Exception as exc:  # unpickling can fail in many ways; all mean "retrain"
        raise ArtifactError(
            f"cannot load {path} ({exc}); run `python -m symptom2specialist train`"
        ) from exc
    if not isinstance(pipeline, Pipeline):
        raise ArtifactError(f"{path} does not hold a scikit-learn pipeline")
    classifier = SpecialtyClassifier(pipeline)
    if classifier.classes != manifest.classes:
        raise ArtifactError(f"{path} and its manifest disagree about the classes")
    return classifier, manifest
