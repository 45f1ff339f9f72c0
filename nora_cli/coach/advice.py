"""A missed key point as a few words of advice to the user. Pure.

A rubric line describes the candidate ("states what they personally drove"); the advice says
it to the user ("Say what you personally drove"), shortened to its first clause, or names the
point's formula.
"""

from __future__ import annotations

import itertools
import re

from nora_cli.coach.formulas import formula_spans
from nora_cli.coach.lexicon import wordset
from nora_cli.coach.matching import point_text
from nora_cli.coach.passage import Answer
from nora_cli.coach.words import sentences, terms
from nora_cli.core.models import KeyPoint

ADVICE_WORDS = 14
MIN_ADVICE_WORDS = 3
SAID_SHARE = 0.6  # of a clause's content words, for the answer to have said it
FRAGMENT_WORDS = 3  # a detail shorter than this is a fragment of the point, not advice
# Headings that label a point rather than name its topic: "Contrast:", "Data drift example:"
LABEL_HEADING = re.compile(r"\b(?:contrast|examples?|intuition|remedies|caveats?|notes?)$", re.I)
SAID_PART_TERMS = 3  # a part of the advice this long, said, means the answer made the point
HEADING_WORDS = 3  # a first clause this short before a colon is a heading ("Offline gate:")
MAX_ADVICE_WORDS = 20  # a first clause without a boundary is kept whole up to this length
COMMON_WORD_ZIPF = 3.0
# "(moving-average)", "(e.g. rollback)"; not "O(n log k)" or "f(x)", which are notation, nor
# what a preposition needs ("divided by (positives x negatives)")
ASIDE = re.compile(r"(?:^|(?<!\bby)(?<!\bof)(?<!\bto)\s+)\([^()]*\)")
# A spaced dash ends a clause, but not as a minus between numbers or symbols ("1 - p").
FIRST_CLAUSE = re.compile(
    r";\s|:\s|,\s(?:e\.g\.|such as)|(?<![\d)])(?<!\b[a-z])\s-\s(?![\d(]|[a-z]\b)"
)
CLAUSE_END = re.compile(
    r",?\s(?=(?:so|because|since|while|whereas|which|whose|rather than|instead of)\s)"
)
LIST_BREAK = re.compile(r",\s|\s(?=(?:and|or)\s)")
CLAUSES = re.compile(f"{FIRST_CLAUSE.pattern}|{LIST_BREAK.pattern}")
LEADING_JOIN = re.compile(r"^(?:and|or)\s+")
SUBORDINATE_OPENERS = wordset("if when because since while although as once")
TRAILING_FUNCTION_WORDS = wordset(
    "a an the of to in on at for with by and or but so as from into than that which"
)
WH_WORDS = wordset("what how why which whether who")
# A rubric line describes the candidate ("states what they drove", "keeps it short"). Its
# opening verb becomes advice ("Say what you drove", "Keep it short"): always for these verbs,
# and for any other word in -s when what follows opens an object ("logs the probability").
RUBRIC_VERB_LIST = wordset(
    """ask name use give explain show describe keep mention know add check start
    define handle report note separate make stay put compute clarify validate support monitor
    link weigh cover end compare tie offer accept identify tell distinguish verify decide
    quantify treat include frame raise defer recognize commit respect turn close measure soften
    select acknowledge expose prefer trace replace translate pick derive build leave spell
    connect avoid share restate follow annualize promise lay confirm itemize express seek
    revisit present understand consider justify own credit address fit open allow enable
    predict normalize count"""
)


def _third_person(verb: str) -> str:
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if re.search(r"(?:s|x|z|ch|sh)$", verb) else "s")


RUBRIC_VERBS = {
    **{_third_person(verb): verb for verb in RUBRIC_VERB_LIST},
    "states": "say", "says": "say", "does": "do", "has": "have", "is": "be", "goes": "go",
    "uncovers": "find out",
}  # fmt: skip
# Words after a verb that make the line a claim about the question's subject, not a rubric
# line about the candidate: "says nothing about effect size", "tells little about causes".
CLAIMED_OF_THE_SUBJECT = wordset("nothing little")
REPLY = re.compile(r"\s*(good|worrying) reply\s*:", re.IGNORECASE)  # a questions-to-ask point
# "checks X and addresses it": "and address it"; the word after the verb, if any
AND_VERB = re.compile(r"\b(and|but|or) (\w+)(?= (\w+))?")
JOINED_PRONOUN = re.compile(r"\b((?:and|but|or) \w+) (they|their|theirs|them|themselves)\b")
OBJECT_OPENERS = wordset(
    "what that the a an their them it its how why whether which who one both each every"
)
SECOND_PERSON = {
    "they": "you", "their": "your", "theirs": "yours", "them": "you", "themselves": "yourself",
    "they're": "you're", "they've": "you've", "they'd": "you'd", "they'll": "you'll",
    "you": "you",
}  # fmt: skip
PRONOUN = re.compile(r"they're|they've|they'd|they'll|they|theirs|their|themselves|them|you")
PLURAL = re.compile(r"[a-z]+[^su']s")
NOT_PLURAL = wordset("this its is was has does always perhaps whereas across unless less")
DETERMINERS = wordset("the a an these those")
# Words before a formula that are not part of its name ("with F1 = ...", "where z = ...").
NOT_A_NAME = wordset("with and or is are of the a an gives give where so for then as by to")


def short_advice(point: KeyPoint, names: frozenset[str] = frozenset()) -> str:
    """What to add for a missed point (`_short_advice`); for a point that describes a reply
    ("Worrying reply: no clear answer"), what that reply sounds like, not an instruction to
    give it."""
    advice = _short_advice(point, names)
    reply = REPLY.match(point.text)
    if reply and advice.startswith("Add: "):
        return f"Say what a {reply[1].lower()} reply sounds like: {advice.removeprefix('Add: ')}"
    return advice


def _short_advice(point: KeyPoint, names: frozenset[str]) -> str:
    """What to add for a missed point, in a few words, as advice to the user: its formula, or
    its first clause, shortened at a clause boundary and turned from a rubric line about the
    candidate ("states what they personally drove") into advice ("Say what you personally
    drove"). A first word among `names` (`names_in`) keeps its capital."""
    spans = formula_spans(point.text)
    whole = [span for span in spans if _whole_formula(span, point.text)]
    if whole:
        return f"Name the formula: {_named(whole[0], point.text)}"
    # In a formula, parentheses are maths, not an aside to leave out.
    plain = point_text(point) if spans else ASIDE.sub("", point_text(point))
    clauses = FIRST_CLAUSE.split(plain)
    text = _shorten(clauses[0].strip().rstrip("."))
    command = _imperative(text)
    if command:
        return command
    boundary = FIRST_CLAUSE.search(plain)
    headed = boundary is not None and boundary.group(0).startswith(":")  # not ", e.g."
    if len(text.split()) <= HEADING_WORDS and headed and clauses[1].strip():
        # "Classic examples: survivorship bias, ..." says its substance after the heading.
        text = f"{text}: {_shorten(clauses[1].strip().rstrip('.'), len(text.split()))}"
    if text.split()[0].lower() in RUBRIC_VERBS:  # a claim whose subject the question names
        return f"Add: it {text[:1].lower() + text[1:]}"
    if text.split()[0].lower() in WH_WORDS:  # "what YOU did", "what they personally drove"
        return f"Say {_second_person(text[:1].lower() + text[1:])}"
    named = _named_first(text, names)
    return f"Add: {text}" if named else f"Add: {text[:1].lower() + text[1:]}"


def _named_first(text: str, names: frozenset[str]) -> bool:
    """Whether the text opens with a name or notation that keeps its capital: "KV cache",
    "RoPE rotates", "O(n) time", "B starts at zero", "L1 adds", "Bayes' theorem", or one of
    `names`."""
    first = text.split()[0]
    bare = first.rstrip(",.:;").removesuffix("'s").rstrip("'")
    return (
        any(letter.isupper() for letter in first[1:])
        or first.startswith("O(")
        or (len(bare) == 1 and bare != "A")  # a variable, not the article
        or (bare[:1].isupper() and bare[1:].isdigit())  # "L1", "F1"
        or first.rstrip(",.:;").endswith(("'", "'s"))
        or bare in names
    )


def names_in(*texts: str) -> frozenset[str]:
    """The words the texts capitalise only in mid-sentence ("the Brier score", "Platt
    scaling"): names, whose capital advice keeps."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for sentence in sentences(text):
            for before, word in itertools.pairwise(sentence.split()):
                bare = word.strip(',.:;()"').removesuffix("'s").rstrip("'")
                if (
                    bare.isalpha()
                    and bare[0].isupper()
                    and bare[1:].islower()
                    and before[-1:] != ":"
                ):
                    capitalised.add(bare)
        lower |= set(re.findall(r"\b[a-z]+\b", text))
    return frozenset(word for word in capitalised if word.lower() not in lower)


WHOLE_FORMULA = re.compile(r"[A-Za-z][\w@^|' ]*(?:\([\w ,|]*\))?\s*(?:=|<=|>=)\s*\S.*[\w)\]|]")


def _named(span: str, text: str) -> str:
    """The formula with the word before it when that word is part of its name: "standard
    error = s / sqrt(n)", not "error = s / sqrt(n)"."""
    before = text[: text.index(span)].split()
    word = before[-1] if before else ""
    name = span.split("=")[0].strip()
    worded = name.isalpha() and name.islower() and len(name) >= 3  # a word, not a symbol ("z")
    if worded and word.isalpha() and word.islower() and word not in NOT_A_NAME:
        return f"{word} {span}"
    return span


def _whole_formula(span: str, text: str) -> bool:
    """Whether a formula the point gives is whole enough to ask for by itself: a named left
    side, an "=", a right side that ends in an operand, and nothing multiplying it after
    ("p(k) <= (k / m) x q" is not "p(k) <= (k / m)"), so not an example's arithmetic
    ("0.0475 / 0.005^2 = about 30,000")."""
    # What follows the span, when the formula goes on past it ("sum of (p - y)^2")
    after = text[text.index(span) + len(span) :].lstrip()
    if after[:2] in ("x ", "* ") or after[:3] == "of " or after[:1] in ("(", "\u00d7"):
        return False
    left = span.split("=")[0]
    balanced = left.count("(") == left.count(")")
    return balanced and WHOLE_FORMULA.fullmatch(span.strip()) is not None


def _shorten(text: str, used: int = 0) -> str:
    """At most ADVICE_WORDS words, cut where a clause ends ("..., so", "because", "which"); a
    text without such a boundary is kept whole up to MAX_ADVICE_WORDS words, and a longer one
    is cut at its first comma or "and", or at last after a content word. `used` words of the
    advice are already spent (a heading before the text)."""
    words = text.split()
    if len(words) <= ADVICE_WORDS - used:
        return text
    heads = _heads(text, CLAUSE_END, ADVICE_WORDS - used)
    if heads:
        return heads[0]  # the main clause, without what explains it
    if len(words) <= MAX_ADVICE_WORDS - used:
        return text
    heads = _heads(text, LIST_BREAK, ADVICE_WORDS - used)
    if heads:
        return heads[0]  # before the list it starts, not in its middle
    kept = words[: ADVICE_WORDS - used]
    while len(kept) > 1 and kept[-1].lower().strip(",") in TRAILING_FUNCTION_WORDS:
        kept.pop()
    return " ".join(kept).rstrip(",") + "..."


def _heads(text: str, boundary: re.Pattern[str], most: int = ADVICE_WORDS) -> list[str]:
    """The heads of the text that end at a boundary and have MIN_ADVICE_WORDS to `most`
    words, shortest first; a leading "if ...," clause alone is not a head."""
    opens_subordinate = text.split()[0].lower() in SUBORDINATE_OPENERS
    heads = [_trimmed(text[: found.start()]) for found in boundary.finditer(text)]
    return [
        head
        for head in heads
        if MIN_ADVICE_WORDS <= len(head.split()) <= most
        and not (opens_subordinate and "," not in head)
    ]


def _trimmed(head: str) -> str:
    """A head without the comma or the function words it ends on ("... work and" before
    "which tier")."""
    words = head.rstrip(",").split()
    while len(words) > 1 and words[-1].lower().strip(",") in TRAILING_FUNCTION_WORDS:
        words.pop()
    return " ".join(words).rstrip(",")


def _second_person(text: str) -> str:
    """A rubric line's "they", "their" and "YOU", which mean the candidate, as the user's "you"
    and "your"; once a noun phrase has begun ("the models", "decisions"), "they" may mean it
    ("names the alternatives and why they lost") and is left alone."""
    words = text.split()
    for index, word in enumerate(words):
        bare = word.strip(",.'\"").lower()
        if PRONOUN.fullmatch(bare):
            words[index] = word.replace(word.strip(",.'\""), _you(word.strip(",.'\"")))
        elif index and (bare in DETERMINERS or (PLURAL.fullmatch(bare) and bare not in NOT_PLURAL)):
            break
    return " ".join(words)


def _you(typed: str) -> str:
    word = SECOND_PERSON[typed.lower()]
    return word.capitalize() if typed[:1].isupper() and not typed.isupper() else word


def _imperative(text: str) -> str | None:
    """A rubric line about the candidate as advice to the user: "states what they drove" ->
    "Say what you drove", "if asked, gives a range" -> "If asked, give a range", "has decided
    in advance" -> "Decide in advance"; None when the line does not open with a rubric verb."""
    words = text.split()
    at = 0
    if words[0].lower() in SUBORDINATE_OPENERS:  # the verb follows "if ..., "
        at = next((i + 1 for i, word in enumerate(words) if word.endswith(",")), len(words))
    if at + 1 >= len(words):
        return None
    first, following = words[at].lower(), words[at + 1].lower()
    if following in CLAIMED_OF_THE_SUBJECT:
        return None  # "says nothing about effect size" is said of the p-value, not of you
    if first == "has" and following.endswith("ed"):
        verb, rest = _base_form(following, ("d", "ed")), words[at + 2 :]
    else:
        verb, rest = RUBRIC_VERBS.get(first), words[at + 1 :]
        if verb is None and first.endswith("s") and following in OBJECT_OPENERS:
            verb = _base_form(first, ("s", "es", "ies"))
    if verb is None:
        return None
    clauses = (" ".join(words[:at]), " ".join([verb, *rest]))  # "if they...," and the advice
    advice = " ".join(_second_person(clause) for clause in clauses if clause)
    turned: set[str] = set()

    def turn(found: re.Match[str]) -> str:
        verb = _joined_verb(found[2], found[3])
        if verb != found[2]:
            turned.add(verb)
        return f"{found[1]} {verb}"

    advice = AND_VERB.sub(turn, advice)
    # The candidate's pronoun right after a turned verb: "but negotiate your position".
    advice = JOINED_PRONOUN.sub(
        lambda found: (
            f"{found[1]} {_you(found[2])}" if found[1].split()[-1] in turned else found[0]
        ),
        advice,
    )
    return _capitalised(advice)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _joined_verb(word: str, following: str | None) -> str:
    """A verb joined to the advice's first by "and", "but" or "or", in its base form: a rubric
    verb, or a word in -s before an object ("and sets a trigger", "but negotiates their
    position"); any other word is left as it is ("and users")."""
    if word in RUBRIC_VERBS:
        return RUBRIC_VERBS[word]
    if word.endswith("s") and (following or "").lower() in OBJECT_OPENERS:
        return _base_form(word, ("s", "es", "ies")) or word
    return word


def _base_form(word: str, endings: tuple[str, ...]) -> str | None:
    """The base form of an inflected verb, the first candidate that is a common English word:
    "separates" -> "separate", "fixes" -> "fix", "clarifies" -> "clarify"."""
    from wordfreq import zipf_frequency

    for ending in endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: -len(ending)] + ("y" if ending == "ies" else "")
            if zipf_frequency(base, "en") >= COMMON_WORD_ZIPF:
                return base
    return None


def advice_for(point: KeyPoint, said: Answer, names: frozenset[str] = frozenset()) -> str:
    """The advice for a point the answer missed, never asking for what it said. 'Add:
    pruning' to an answer that said "pruning" reads as if it had not: such advice names what
    the point adds to its topic instead ("Say more about pruning: ..."), and advice whose
    words the answer already used names the first part of the point it left out ("Say more
    about offline gate: bootstrap the paired metric difference")."""
    advice = short_advice(point, names)
    if not advice.startswith("Add: "):
        return advice
    topic, _, shown = advice.removeprefix("Add: ").removesuffix("...").partition(": ")
    text = ASIDE.sub("", point_text(point))
    if said.finds(topic):
        parts = FIRST_CLAUSE.split(text, maxsplit=1)
        detail = _shorten(FIRST_CLAUSE.split(parts[1])[0].strip().rstrip(".")) if parts[1:] else ""
        return _more(topic, detail, advice)
    parts = [part for part in CLAUSES.split(shown) if len(terms(part)) >= SAID_PART_TERMS]
    if not any(_says(said, part) for part in parts):
        return advice
    after = FIRST_CLAUSE.split(text, maxsplit=1)[-1]
    parts = [LEADING_JOIN.sub("", part.strip().rstrip(".")) for part in CLAUSES.split(after)]
    left = next((part for part in parts if part and not _says(said, part)), None)
    return _more(topic, _shorten(left), advice) if left else advice


def _more(topic: str, detail: str, advice: str) -> str:
    """Advice to go on from a topic the answer named: "Say more about pruning: ...". A detail
    of a word or two is a fragment ("close together"): the whole advice says more. A topic
    longer than a heading is a claim ("bagging trains models in parallel..."), and one that
    labels the point ("Contrast:", "Data drift example:") is no topic: naming either back
    would read wrongly, so the advice is the detail alone."""
    if detail and len(detail.split()) < FRAGMENT_WORDS:
        return advice
    if len(topic.split()) > HEADING_WORDS or LABEL_HEADING.search(topic):
        return f"Add: {detail}" if detail else advice
    return f"Say more about {topic}: {detail}" if detail else f"Say more about {topic}"


def _says(said: Answer, text: str) -> bool:
    """Whether the answer uses most of the text's content words (SAID_SHARE of them)."""
    wanted = {term.key for term in terms(text)}
    used = {term.key for term in said.terms}
    return bool(wanted) and len(wanted & used) >= SAID_SHARE * len(wanted)
