"""The marking scheme, case by case and as properties over any answer sheet."""

from hypothesis import given
from hypothesis import strategies as st

from neetprepgpt.attempts.scoring import NEET, Key, MarkingScheme, Outcome, marks, outcome, tally

B_ONLY = Key(frozenset("B"))


def test_correct_earns_four() -> None:
    assert outcome("B", B_ONLY) is Outcome.CORRECT
    assert marks(Outcome.CORRECT, NEET) == 4


def test_wrong_loses_one() -> None:
    assert outcome("C", B_ONLY) is Outcome.WRONG
    assert marks(Outcome.WRONG, NEET) == -1


def test_unanswered_scores_zero() -> None:
    assert outcome(None, B_ONLY) is Outcome.UNANSWERED
    assert marks(Outcome.UNANSWERED, NEET) == 0


def test_any_of_several_accepted_options_is_correct() -> None:
    key = Key(frozenset("BC"))
    assert [outcome(o, key) for o in "ABCD"] == [
        Outcome.WRONG,
        Outcome.CORRECT,
        Outcome.CORRECT,
        Outcome.WRONG,
    ]


def test_all_four_accepted_rewards_anyone_who_answered_but_not_a_blank() -> None:
    key = Key(frozenset("ABCD"))
    assert all(outcome(o, key) is Outcome.CORRECT for o in "ABCD")
    assert outcome(None, key) is Outcome.UNANSWERED


def test_dropped_question_gives_full_marks_answered_or_not() -> None:
    key = Key(frozenset("B"), dropped=True)
    for selected in ("A", "B", None):
        assert outcome(selected, key) is Outcome.DROPPED
    assert marks(Outcome.DROPPED, NEET) == 4


def test_a_full_neet_paper_scores_out_of_720() -> None:
    perfect = tally([Outcome.CORRECT] * 180, NEET)
    assert perfect.score == 720
    worst = tally([Outcome.WRONG] * 180, NEET)
    assert worst.score == -180
    blank = tally([Outcome.UNANSWERED] * 180, NEET)
    assert (blank.score, blank.accuracy) == (0, None)


def test_mixed_sheet() -> None:
    sheet = [Outcome.CORRECT] * 120 + [Outcome.WRONG] * 40 + [Outcome.UNANSWERED] * 20
    result = tally(sheet, NEET)
    assert (result.score, result.correct, result.wrong, result.unanswered) == (440, 120, 40, 20)
    assert result.accuracy == 0.75


def test_other_schemes_are_data() -> None:
    lenient = MarkingScheme(correct=3, wrong=0, unanswered=0)
    assert tally([Outcome.CORRECT, Outcome.WRONG], lenient).score == 3


outcomes = st.lists(st.sampled_from(list(Outcome)), max_size=200)


@given(outcomes)
def test_score_is_four_per_right_minus_one_per_wrong(sheet: list[Outcome]) -> None:
    result = tally(sheet, NEET)
    assert result.score == 4 * (result.correct + result.dropped) - result.wrong
    assert result.correct + result.wrong + result.unanswered + result.dropped == len(sheet)
    assert -len(sheet) <= result.score <= 4 * len(sheet)


@given(st.sampled_from([None, "A", "B", "C", "D"]), st.sets(st.sampled_from("ABCD"), min_size=1))
def test_widening_the_key_never_lowers_marks(selected: str | None, accepted: set[str]) -> None:
    narrow = marks(outcome(selected, Key(frozenset(accepted))), NEET)
    wide = marks(outcome(selected, Key(frozenset(accepted | {"A"}))), NEET)
    assert wide >= narrow
