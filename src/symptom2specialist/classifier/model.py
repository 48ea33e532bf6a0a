"""A trained pipeline with the two questions the service asks: which specialties, and why."""

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline

from symptom2specialist.classifier.features import CONTEXT_PREFIX


@dataclass(frozen=True)
class Prediction:
    specialty: str
    confidence: float
    phrases: tuple[str, ...]


class SpecialtyClassifier:
    """Read-only after construction, so one instance is safe to share between threads."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        calibrated = pipeline.named_steps["model"]
        self.classes: list[str] = [str(label) for label in calibrated.classes_]
        union = pipeline.named_steps["features"]
        words = dict(union.transformer_list)["words"]
        self._word_names: np.ndarray[Any, Any] = words.get_feature_names_out()
        # With ensemble=False there is one linear model fitted on all training data; its
        # weights say which words pushed the message towards each class.
        linear = calibrated.calibrated_classifiers_[0].estimator
        self._word_weights: np.ndarray[Any, Any] = linear.coef_[:, : len(self._word_names)]

    def probabilities(self, documents: list[str]) -> np.ndarray[Any, Any]:
        result: np.ndarray[Any, Any] = self.pipeline.predict_proba(documents)
        return result

    def _phrases(self, row: Any, class_index: int, limit: int) -> tuple[str, ...]:
        words = row[:, : len(self._word_names)].tocoo()
        scored = [
            (float(value * self._word_weights[class_index, column]), str(self._word_names[column]))
            for column, value in zip(words.col, words.data, strict=True)
        ]
        ranked = sorted((s for s in scored if s[0] > 0), reverse=True)
        return tuple(name for _, name in ranked if not name.startswith(CONTEXT_PREFIX))[:limit]

    def classify(
        self, document: str, k: int = 3, exclude: frozenset[str] = frozenset()
    ) -> "ClassifierOutput":
        """The k most likely classes (minus `exclude`), with the words behind each."""
        features = self.pipeline.named_steps["features"].transform([document])
        probabilities = self.pipeline.named_steps["model"].predict_proba(features)[0]
        order = [i for i in np.argsort(-probabilities) if self.classes[i] not in exclude][:k]
        predictions = [
            Prediction(
                specialty=self.classes[i],
                confidence=round(float(probabilities[i]), 4),
                phrases=self._phrases(features, int(i), 3),
            )
            for i in order
        ]
        scores = {label: float(p) for label, p in zip(self.classes, probabilities, strict=True)}
        return ClassifierOutput(predictions=predictions, probabilities=scores)


@dataclass(frozen=True)
class ClassifierOutput:
    predictions: list[Prediction]
    probabilities: dict[str, float]
