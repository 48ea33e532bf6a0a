"""Run the red-flag rules over a message and explain each hit with the words that matched."""

from dataclasses import dataclass

from symptom2specialist.language.negation import is_negated
from symptom2specialist.language.phrases import Phrase, Span, TokenIndex, find_spans
from symptom2specialist.redflags.rules import RedFlagRule


@dataclass(frozen=True)
class Evidence:
    group: str
    phrase: str  # the rule's phrase, as the reviewer wrote it
    text: str  # the words in the message that matched it


@dataclass(frozen=True)
class RedFlagHit:
    rule: RedFlagRule
    evidence: tuple[Evidence, ...]


def present_spans(index: TokenIndex, phrase: Phrase, excluded: list[Span]) -> list[Span]:
    """Where the phrase occurs, neither negated nor inside an excluded expression."""
    return [
        span
        for span in find_spans(index, phrase)
        if not is_negated(index.tokens, span) and not any(span.overlaps(x) for x in excluded)
    ]


def _group_evidence(
    index: TokenIndex, name: str, phrases: tuple[Phrase, ...], excluded: list[Span]
) -> list[Evidence]:
    found: list[Evidence] = []
    for phrase in phrases:
        for span in present_spans(index, phrase, excluded):
            text = " ".join(index.tokens[span.start : span.end])
            if all(item.text != text for item in found):
                found.append(Evidence(group=name, phrase=phrase.source, text=text))
    return found


def evaluate_rule(rule: RedFlagRule, index: TokenIndex) -> RedFlagHit | None:
    excluded = [span for phrase in rule.exclude for span in find_spans(index, phrase)]
    present: dict[str, list[Evidence]] = {}
    for name, phrases in rule.groups.items():
        evidence = _group_evidence(index, name, phrases, excluded)
        if evidence:
            present[name] = evidence
    for pattern in rule.require:
        if all(name in present for name in pattern):
            found = tuple(item for name in pattern for item in present[name])
            return RedFlagHit(rule=rule, evidence=found)
    return None


class RedFlagMatcher:
    """All rules, most urgent first. Every rule is checked: a message may raise several flags."""

    def __init__(self, rules: list[RedFlagRule], level_rank: dict[str, int]) -> None:
        self.rules = sorted(rules, key=lambda rule: level_rank[rule.level])

    def match(self, tokens: list[str]) -> list[RedFlagHit]:
        index = TokenIndex(tokens)
        hits = (evaluate_rule(rule, index) for rule in self.rules)
        return [hit for hit in hits if hit is not None]
