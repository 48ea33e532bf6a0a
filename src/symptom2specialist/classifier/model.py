"""A trained pipeline with the two questions the service asks: which specialties, and why."""

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no stubs
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
        vectorizers = dict(union.transformer_list)
        words = vectorizers["words"]
        # Called directly rather than through FeatureUnion, which adds joblib overhead per call.
        self._vectorizers = [vectorizers["words"], vectorizers["chars"]]
        self._word_names: np.ndarray[Any, Any] = words.get_feature_names_out()
        # With ensemble=False there is one linear model fitted on all training data; its
        # weights say which words pushed the message towards each class.
        fitted = calibrated.calibrated_classifiers_[0]
        linear = fitted.estimator
        self._word_weights: np.ndarray[Any, Any] = linear.coef_[:, : len(self._word_names)]
        # The same arithmetic as CalibratedClassifierCV.predict_proba for sigmoid calibration
        # (one logistic curve per class over the linear scores, then normalised), done in one
        # vectorised step: scikit-learn's per-class calls cost ~10 ms per message.
        self._coef: np.ndarray[Any, Any] = linear.coef_.T
        self._intercept: np.ndarray[Any, Any] = linear.intercept_
        self._a = np.array([c.a_ for c in fitted.calibrators])
        self._b = np.array([c.b_ for c in fitted.calibrators])
        if len(fitted.calibrators) != len(self.classes) or list(linear.classes_) != self.classes:
            raise ValueError("expected one sigmoid calibrator per class")

    def probabilities(self, documents: list[str]) -> np.ndarray[Any, Any]:
        return self._calibrated(self._features(documents))

    def _features(self, documents: list[str]) -> Any:
        return sparse.hstack([v.transform(documents) for v in self._vectorizers], format="csr")

    def _calibrated(self, features: Any) -> np.ndarray[Any, Any]:
        scores = np.asarray(features @ self._coef) + self._intercept
        raw = 1.0 / (1.0 + np.exp(self._a * scores + self._b))
        total = raw.sum(axis=1, keepdims=True)
        uniform = np.full_like(raw, 1.0 / raw.shape[1])
        result: np.ndarray[Any, Any] = np.divide(raw, total, out=uniform, where=total != 0)
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
        features = self._features([document])
        probabilities = self._calibrated(features)[0]
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
