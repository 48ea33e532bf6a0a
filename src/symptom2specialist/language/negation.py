"""Is a matched phrase denied? "no chest pain", "without sweating", "seene me dard nahi".

Deliberately narrow, because a wrongly negated danger sign is the worst mistake this service
can make: when in doubt, a phrase counts as present.

- English cues come before the phrase, in the same clause, at most three words earlier, and
  only if none of the words in between starts a new thought ("no appetite and chest pain").
- Hindi cues come after, within three words: "dard nahi", "pasina ya ulti nahi hota". The
  "nahi" must close the statement ("hai", "hota", end of clause); a "nahi" that goes on to
  describe the symptom ("dard nahi ruk raha": the pain is not stopping) is no negation.
- Fixed expressions that merely contain a cue ("not sure", "no relief") never negate.
"""

from symptom2specialist.language.normalise import BOUNDARY, BREAKS
from symptom2specialist.language.phrases import Span

PRE_CUES = frozenset(
    {
        "no", "not", "without", "never", "denies", "deny", "denied", "dont", "doesnt", "didnt",
        "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt", "nor", "neither",
        "none", "bina", "free",
    }
)  # fmt: skip
PSEUDO_FOLLOWERS = frozenset(
    {
        "sure", "only", "just", "certain", "know", "relief", "improvement", "change", "better",
        "help", "helping", "difference", "one", "idea", "longer", "stop", "stopping",
    }
)  # fmt: skip
SCOPE_BREAKERS = frozenset(
    {
        "and", "but", "with", "however", "though", "although", "except", "also", "still", "yet",
        "now", "then", "since", "because", "due", "which", "who", "aur", "lekin", "par", "magar",
        "pr", "ab", "phir", "fir", "kyunki", "plus", "having", "have", "has", "feel", "feeling",
        "get", "getting", "got", "is", "am", "are",
    }
)  # fmt: skip
POST_CUES = frozenset({"nahi", "na", "nai"})
POST_CLOSERS = frozenset(
    {
        "hai", "he", "h", "hain", "tha", "thi", "the", "hua", "hui", "hota", "hoti", "ho", "hoga",
        "khaya", "khayi", "piya", "lagi", "laga", "lage", "karunga", "karungi", "karenge",
    }
)  # fmt: skip
WINDOW = 3


def _pre_negated(tokens: list[str], span: Span) -> bool:
    for between, index in enumerate(range(span.start - 1, -1, -1)):
        if between > WINDOW:
            return False
        token = tokens[index]
        if token in BREAKS:
            return False
        if token in PRE_CUES:
            follower = tokens[index + 1] if index + 1 < len(tokens) else ""
            return follower not in PSEUDO_FOLLOWERS
        if token in SCOPE_BREAKERS:
            # "having", "is" and friends sit between a cue and its symptom ("not having chest
            # pain") but also start new statements; they are allowed only right after a cue.
            previous = tokens[index - 1] if index > 0 else ""
            if previous not in PRE_CUES or token in {"and", "but", "with", "aur", "lekin"}:
                return False
    return False


def _post_negated(tokens: list[str], span: Span) -> bool:
    for index in range(span.end, min(span.end + WINDOW + 1, len(tokens))):
        token = tokens[index]
        if token in BREAKS or token in SCOPE_BREAKERS - {"aur", "and"}:
            return False
        if token in POST_CUES:
            after = tokens[index + 1] if index + 1 < len(tokens) else BOUNDARY
            return after in BREAKS or after in POST_CLOSERS
    return False


def is_negated(tokens: list[str], span: Span) -> bool:
    return _pre_negated(tokens, span) or _post_negated(tokens, span)
