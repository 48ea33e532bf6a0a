"""Held-out evaluation: classifier metrics, calibration, and the red-flag rules' recall."""

import itertools
from dataclasses import dataclass, field

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from symptom2specialist.classifier.artifact import Metrics
from symptom2specialist.classifier.corpus import CorpusLine
from symptom2specialist.classifier.model import SpecialtyClassifier
from symptom2specialist.classifier.split import documents
from symptom2specialist.knowledge.loader import Knowledge

CALIBRATION_BINS = 10


@dataclass(frozen=True)
class RedFlagMiss:
    text: str
    expected: str
    fired: tuple[str, ...]


@dataclass
class Evaluation:
    metrics: Metrics
    classes: list[str]
    confusion: list[list[int]]
    support: int
    red_flag_lines: int
    accuracy_by_language: dict[str, float] = field(default_factory=dict)
    red_flags_by_rule: dict[str, tuple[int, int]] = field(default_factory=dict)  # caught, total
    misses: list[RedFlagMiss] = field(default_factory=list)
    false_alarms: list[RedFlagMiss] = field(default_factory=list)


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray) -> float:
    """Gap between stated confidence and observed accuracy, averaged over confidence bins."""
    edges = np.linspace(0.0, 1.0, CALIBRATION_BINS + 1)
    total = 0.0
    for low, high in itertools.pairwise(edges):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            gap = abs(float(confidence[inside].mean()) - float(correct[inside].mean()))
            total += gap * float(inside.mean())
    return total


def red_flag_check(
    lines: list[CorpusLine], knowledge: Knowledge
) -> tuple[int, int, list[RedFlagMiss], list[RedFlagMiss]]:
    """(caught by any rule, caught by its own rule, misses, false alarms) over `lines`."""
    caught = own = 0
    misses: list[RedFlagMiss] = []
    alarms: list[RedFlagMiss] = []
    for line in lines:
        tokens = knowledge.normaliser.tokens(line.text)
        fired = tuple(hit.rule.id for hit in knowledge.matcher.match(tokens))
        if line.red_flag is None:
            if fired:
                alarms.append(RedFlagMiss(line.text, "none", fired))
            continue
        caught += bool(fired)
        own += line.red_flag in fired
        if line.red_flag not in fired:
            misses.append(RedFlagMiss(line.text, line.red_flag, fired))
    return caught, own, misses, alarms


def evaluate(
    classifier: SpecialtyClassifier, test: list[CorpusLine], knowledge: Knowledge
) -> Evaluation:
    truth = np.array([line.specialty for line in test])
    probabilities = classifier.probabilities(documents(test, knowledge))
    classes = np.array(classifier.classes)
    ranked = np.argsort(-probabilities, axis=1)
    predicted = classes[ranked[:, 0]]
    top3 = np.array([t in classes[r[:3]] for t, r in zip(truth, ranked, strict=True)])
    confidence = probabilities.max(axis=1)
    flagged = [line for line in test if line.red_flag is not None]
    caught, own, misses, alarms = red_flag_check(test, knowledge)
    others = len(test) - len(flagged)
    metrics = Metrics(
        accuracy=round(float(accuracy_score(truth, predicted)), 4),
        top3_accuracy=round(float(top3.mean()), 4),
        macro_f1=round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
        expected_calibration_error=round(
            expected_calibration_error(confidence, predicted == truth), 4
        ),
        red_flag_recall=round(caught / len(flagged), 4) if flagged else 1.0,
        red_flag_rule_recall=round(own / len(flagged), 4) if flagged else 1.0,
        red_flag_false_alarm_rate=round(len(alarms) / others, 4) if others else 0.0,
    )
    matrix = confusion_matrix(truth, predicted, labels=classifier.classes)
    languages = np.array([line.lang for line in test])
    by_language = {
        lang: round(float((predicted == truth)[languages == lang].mean()), 4)
        for lang in sorted(set(languages.tolist()))
    }
    by_rule: dict[str, tuple[int, int]] = {}
    missed_texts = {(miss.text, miss.expected) for miss in misses}
    for line in flagged:
        assert line.red_flag is not None
        caught_before, total = by_rule.get(line.red_flag, (0, 0))
        hit = (line.text, line.red_flag) not in missed_texts
        by_rule[line.red_flag] = (caught_before + hit, total + 1)
    return Evaluation(
        red_flags_by_rule=dict(sorted(by_rule.items())),
        metrics=metrics,
        classes=classifier.classes,
        confusion=[[int(v) for v in row] for row in matrix],
        support=len(test),
        red_flag_lines=len(flagged),
        accuracy_by_language=by_language,
        misses=misses,
        false_alarms=alarms,
    )


def _abbreviation(label: str) -> str:
    return "".join(part[:3] for part in label.split("_"))[:6]


def format_report(evaluation: Evaluation, title: str) -> str:
    m = evaluation.metrics
    lines = [
        title,
        f"held-out lines: {evaluation.support} ({evaluation.red_flag_lines} with a red flag)",
        f"accuracy            {m.accuracy:.4f}  "
        + "  ".join(
            f"{lang}: {value:.4f}" for lang, value in evaluation.accuracy_by_language.items()
        ),
        f"top-3 accuracy      {m.top3_accuracy:.4f}",
        f"macro-F1            {m.macro_f1:.4f}",
        f"calibration (ECE)   {m.expected_calibration_error:.4f}",
        f"red-flag recall     {m.red_flag_recall:.4f} (any rule)  "
        f"{m.red_flag_rule_recall:.4f} (the labelled rule)",
        f"red-flag false alarms on other lines: {m.red_flag_false_alarm_rate:.4f} "
        f"({len(evaluation.false_alarms)} lines)",
        "red flags by rule (caught by the labelled rule / held-out lines): "
        + ", ".join(f"{rule} {c}/{t}" for rule, (c, t) in evaluation.red_flags_by_rule.items()),
        "",
        "confusion matrix (rows: true, columns: predicted)",
    ]
    heads = [_abbreviation(label) for label in evaluation.classes]
    lines.append(" " * 22 + " ".join(f"{h:>6}" for h in heads))
    for label, row in zip(evaluation.classes, evaluation.confusion, strict=True):
        lines.append(f"{label[:21]:<22}" + " ".join(f"{v:>6}" for v in row))
    for miss in evaluation.misses:
        lines.append(f"MISSED {miss.expected} (fired: {list(miss.fired)}): {miss.text}")
    return "\n".join(lines)
