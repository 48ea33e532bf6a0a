"""A trained pipeline with the two questions the service asks: which specialties, and why."""

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline

from symptom2specialist.classifier.features import CONTEXT_PREFIX

# Words that carry no symptom on their own; an explanation made only of them explains nothing.
_FILLER_TEXT = """
    a an the and or but with without of in on at to for from by is am are was were be been
    i im my me mine you your he she his her it its we our they their this that these those
    have has had having do does did not no so very too also some any since after before when
    while then than there here what which who how why can cant could will would should may
    just only still ago days day weeks week months month years year hai hain ho hota hoti hua
    hui tha thi se mein ka ki ke ko ne par pe aur ya bhi to toh kya kuch bahut raha rahi rahe
    din mahine saal hafte sa si mujhe mera meri mere main
"""
FILLER_WORDS = frozenset(_FILLER_TEXT.split())


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
        useful = [
            name
            for _, name in ranked
            if CONTEXT_PREFIX not in name
            and not name.isdigit()
            and not all(word in FILLER_WORDS for word in name.split())
        ]
        return tuple(useful[:limit])

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
