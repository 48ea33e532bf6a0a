"""What the model reads, and the scikit-learn pipeline that reads it."""

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

CONTEXT_PREFIX = "ctx_"


def age_band(age: int | None) -> str | None:
    if age is None:
        return None
    if age < 18:
        return "child"
    return "adult" if age < 60 else "older"


def document(normalised_text: str, age: int | None, sex: str | None) -> str:
    """The normalised message plus context words, so age and sex can inform the model."""
    context = [f"{CONTEXT_PREFIX}{value}" for value in (age_band(age), sex) if value]
    return " ".join([normalised_text, *context])


def build_pipeline(seed: int, folds: int) -> Pipeline:
    words = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=20_000
    )
    linear = LinearSVC(C=0.5, class_weight="balanced", random_state=seed)
    calibrated = CalibratedClassifierCV(
        linear,
        method="sigmoid",
        cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed),
        ensemble=False,
    )
    return Pipeline(
        [("features", FeatureUnion([("words", words), ("chars", chars)])), ("model", calibrated)]
    )
