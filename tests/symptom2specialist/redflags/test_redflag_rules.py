"""Every red-flag rule: an English and a Hinglish positive, and negations that must not fire."""

from collections.abc import Callable

import pytest

from symptom2specialist.knowledge.loader import Knowledge
from symptom2specialist.redflags.rules import REQUIRED_RULES

Fired = Callable[[str], set[str]]

POSITIVE = {
    "cardiac_chest_pain": [
        "Chest pain for 20 minutes and I am sweating a lot",
        "heavy pressure in the centre of my chest spreading to my left arm",
        "seene me dard aur pasina aa raha hai",
        "chhati me bhaari dard, baayen haath tak ja raha",
    ],
    "stroke_befast": [
        "my father's face is drooping on one side and his speech is slurred",
        "sudden weakness in her left arm",
        "papa ka muh tedha ho gaya aur bolne me dikkat",
        "achanak ek taraf ka haath pair kaam nahi kar raha",
    ],
    "severe_breathlessness": [
        "I can't breathe, my lips are turning blue",
        "gasping for air and cannot complete a sentence",
        "saans nahi aa rahi, bahut dikkat",
        "dadi ki saans bahut tez chal rahi hai aur baat nahi kar pa rahi",
    ],
    "unconscious_seizure": [
        "my brother collapsed and is unconscious",
        "she is having a seizure right now",
        "papa behosh ho gaye",
        "bachche ko jhatke aa rahe hain, muh se jhaag",
    ],
    "thunderclap_headache": [
        "sudden severe headache, the worst of my life",
        "worst headache ever, came on in a second",
        "achanak sir me bahut tez dard",
        "ek dum se sir phat raha hai, aisa dard kabhi nahi hua",
    ],
    "meningitis_signs": [
        "high fever and a stiff neck, light hurts my eyes",
        "fever with a purple rash that does not fade under a glass",
        "tez bukhar aur gardan akad gayi hai",
        "baby ko bukhar hai aur taalu ubhar aaya hai",
    ],
    "sepsis_signs": [
        "urine infection, now fever with mottled skin and confusion",
        "fever and breathing very fast, hands ice cold",
        "bukhar ke saath haath pair thande aur saans tez",
        "ghaav me infection, bukhar aur ulta seedha bol rahe",
    ],
    "anaphylaxis": [
        "after eating peanuts my lips are swelling and I am wheezing",
        "bee sting, now my face is swollen and my throat feels tight",
        "dawai ke baad honth sooj gaye aur saans lene me taklif",
        "machhli khane ke baad chehra phool gaya",
    ],
    "gi_bleeding": [
        "I vomited blood this morning",
        "black tarry stools since yesterday",
        "khoon ki ulti hui",
        "kala potty aur chakkar",
    ],
    "head_injury": [
        "fell and hit my head, now vomiting and confused",
        "hit by a car on the highway",
        "sir me chot lagi aur behosh ho gaya",
        "bike se gira, sir pe chot, ulti ho rahi hai",
    ],
    "poisoning_overdose": [
        "my child swallowed rat poison",
        "took 20 sleeping pills an hour ago",
        "papa ne galti se keetnashak pi liya",
        "saanp ne kaat liya pair pe",
    ],
    "pregnancy_danger": [
        "I am 8 months pregnant and bleeding heavily",
        "pregnant, 34 weeks, bp 160/110 and a pounding headache",
        "pregnancy ke 8ve mahine me khoon aa raha hai",
        "9 mahine ki pregnancy, bachcha hil nahi raha",
    ],
    "suicidal_intent": [
        "I want to end my life",
        "I keep thinking about killing myself",
        "mujhe marna hai, jeena nahi chahta",
        "khudkushi ke khayal aa rahe hain",
    ],
}

NEGATED = {
    "cardiac_chest_pain": ["no chest pain, just a cough", "seene me dard nahi hai, bas khansi"],
    "stroke_befast": [
        "no slurred speech and no face drooping",
        "muh tedha nahi hai, zuban ladkhadayi nahi",
    ],
    "severe_breathlessness": [
        "I can breathe fine, no blue lips",
        "cant breathe through my nose",
        "hont neele nahi hain, bas khansi",
    ],
    "unconscious_seizure": [
        "no seizures, never fainted",
        "had a seizure as a child, fine now",
        "behosh nahi hua, bas kamzori",
    ],
    "thunderclap_headache": [
        "mild headache for a week, not sudden",
        "achanak tez sir dard nahi hai, halka sa hai",
    ],
    "meningitis_signs": ["fever but no stiff neck", "bukhar hai, gardan akad nahi hai"],
    "sepsis_signs": [
        "fever, not confused, breathing normally",
        "bukhar hai lekin haath pair thande nahi hain",
    ],
    "anaphylaxis": [
        "no swelling of lips or face after the medicine",
        "dawai ke baad honth sooje nahi hain",
    ],
    "gi_bleeding": [
        "no blood in vomit, stools are normal colour",
        "blood pressure is high",
        "ulti me khoon nahi tha",
    ],
    "head_injury": [
        "no head injury, no accident",
        "sir pe chot lagi par ulti nahi hui, behosh nahi hua",
    ],
    "poisoning_overdose": [
        "food poisoning since morning",
        "no poison, no overdose",
        "koi zeher nahi khaya",
    ],
    "pregnancy_danger": ["not pregnant, no bleeding", "pregnant 5 months, koi bleeding nahi"],
    "suicidal_intent": [
        "no suicidal thoughts",
        "I do not want to die, I want to get better",
        "khudkushi nahi karunga, bas pareshan hu",
    ],
}


def test_every_required_rule_exists_and_is_tested(knowledge: Knowledge) -> None:
    assert {rule.id for rule in knowledge.red_flags} >= REQUIRED_RULES
    assert set(POSITIVE) == REQUIRED_RULES == set(NEGATED)


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, text) for rule, texts in POSITIVE.items() for text in texts]
)
def test_rule_fires(fired: Fired, rule: str, text: str) -> None:
    assert rule in fired(text)


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, text) for rule, texts in NEGATED.items() for text in texts]
)
def test_negated_or_excluded_mention_does_not_fire(fired: Fired, rule: str, text: str) -> None:
    assert rule not in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "itchy rash on both arms",
        "toothache since two days",
        "knee pain when climbing stairs",
        "acidity after spicy food",
        "mujhe 3 din se halka bukhar aur sardi hai",
    ],
)
def test_everyday_complaints_raise_no_flag(fired: Fired, text: str) -> None:
    assert fired(text) == set()


def test_hit_explains_itself_with_the_matched_words(knowledge: Knowledge) -> None:
    hits = knowledge.matcher.match(knowledge.normaliser.tokens("Chset pain, sweting a lot"))
    assert [hit.rule.id for hit in hits] == ["cardiac_chest_pain"]
    matched = {(e.group, e.text) for e in hits[0].evidence}
    assert ("chest", "chest pain") in matched
    assert ("companion", "sweating") in matched


def test_chest_pain_alone_needs_a_companion_sign(fired: Fired) -> None:
    assert "cardiac_chest_pain" not in fired("mild chest pain when I press the rib")
    assert "cardiac_chest_pain" in fired("mild chest pain when I press the rib, now sweating")


def test_negating_the_companion_cancels_the_cooccurrence(fired: Fired) -> None:
    assert "cardiac_chest_pain" not in fired("chest pain after lifting, without sweating")
    assert "cardiac_chest_pain" in fired("no appetite and chest pain with sweating")


def test_rules_are_ordered_most_urgent_first(knowledge: Knowledge) -> None:
    ranks = [knowledge.levels[rule.level].rank for rule in knowledge.matcher.rules]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("my chest hurts and my left arm is numb", "cardiac_chest_pain"),
        ("I think I'm having a heart attack", "cardiac_chest_pain"),
        ("I think she is having a stroke", "stroke_befast"),
        ("the baby is not breathing", "severe_breathlessness"),
        ("I cut my wrist", "suicidal_intent"),
        ("he got an electric shock and fell", "head_injury"),
        ("CHEST PAIN!!! 😭 and sweeeating", "cardiac_chest_pain"),
        ("cant breath at all, lips blue", "severe_breathlessness"),
    ],
)
def test_plain_alarm_phrasings(fired: Fired, text: str, rule: str) -> None:
    assert rule in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "had a stroke 2 years ago, now knee pain",
        "she stops breathing for a few seconds at night while snoring",
        "my father died of a heart attack, I want a cholesterol check",
        "went to the beach and got sunburn",
    ],
)
def test_history_is_not_an_emergency(fired: Fired, text: str) -> None:
    assert fired(text) == set()
