"""Which key points a typed answer covers. Pure: words come from `coach.words`.

Each key point becomes a profile of weighted terms (`coach.profile`): the content words of its
own text, the examples it gives in parentheses, and the wording of the model-answer sentences
that say the same thing. The answer is read in windows of one or two adjacent sentences, and a
point is covered when, within one window,

* one of its `match` terms is found (all the term's words within a few words of each other;
  for a term of one content word, such as "I owned", all its words in order), one of its
  formulas ("TP / (TP + FP)", any spacing), or all its big-O forms; or
* the point's terms that are found carry at least COVERED of its own terms' weight (an example
  or model-answer wording counts at its lower weight), at least two terms are found (one, for a
  one-term point), and a term counts only when it is negated exactly as in the point ("I would
  not use a holdout" does not cover "use a holdout"); or
* it details a main claim before a colon ("Validate every tool call on the server: schema,
  ranges...") and the window says all but CLAIM_MISSING of the claim's weight.

A window that contradicts any point of the card covers nothing: roles swapped, a ruled-out
part asserted, an opposite word put where the point has its word (`coach.contradiction`), the
point denied (its terms said under a negation, DENIED of what would cover it, outweighing what
the window affirms of it: "we never measured the outcome"), a wrong figure ("probability
1/k" against "k/n", "doubles" against "quadruples": `coach.figures`) or one of the point's
formulas with the sides of a minus or a division swapped (`coach.formulas.flipped`).
Nor does a sentence that makes one of the card's pitfalls, the wrong claims candidates often
make (`coach.pitfalls`), nor a window that holds a sentence that does either of these.

A sentence that uses a sweeping word the card never uses ("always", "any", "obsolete":
`lexicon.SWEEPING`), where a false claim tends to sit, covers a point only when it says at
least SUSPECT of its weight.

Some answers get no tick at all; the points they seem to cover are `withheld`, for the user
to tick: one that makes a pitfall, denies a point in the point's own words or gives a wrong
figure (the surest signs of a wrong answer, and what the feedback panel shows; the other
contradictions now and then fire on a correct wording), and one that overclaims: it uses
OVERCLAIMS or more words that claim without exception or wave away what matters, where the
card never does ("always", "never", "nothing": `lexicon.ABSOLUTES`; "doesn't matter", "just
delays", "obviously": `lexicon.DISMISSALS`; a "never" or "no" that negates only what the card
negates is none), one in every OVERCLAIM_SPAN words or more; a sentence that comes close to
one of the card's pitfalls (`coach.pitfalls`: all its heavy terms but one, or, in a sentence
that says no key point, enough of its weight) counts as one such word, and so does a sentence
that swaps the roles of two things the card contrasts (`coach.contradiction.swapped`: "L2
drives weights to zero"; it already credits nothing, and alone it may be a loose wording,
but a second sign makes the answer suspect). On the labelled
answers, such answers are wrong far more often than right, and a wrong tick costs the user
more than a missing one. An empty answer covers nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nora_cli.coach.contradiction import asserts, opposes, swapped
from nora_cli.coach.denial import denies
from nora_cli.coach.figures import wrong_figure
from nora_cli.coach.formulas import flipped
from nora_cli.coach.passage import Answer, Passage
from nora_cli.coach.pitfalls import Pitfall, makes, pitfalls_of, recalls
from nora_cli.coach.profile import COVERED, ENOUGH, Corpus, Profile, profiles, score
from nora_cli.coach.words import Term, negation, raw_words, sentences, stem
from nora_cli.core.models import KeyPoint

DENIED = 0.5  # of the weight that covers a point, said under a negation: the point denied
SUSPECT = 0.75  # the share of a point's weight a sentence with a sweeping word must say
OVERCLAIMS = 2  # words that claim without exception, at least, for an answer to overclaim
OVERCLAIM_SPAN = 50  # ... and at least one in this many words
CLAIM_MISSING = 0.4
RUBRIC_LABEL = re.compile(
    r"^\s*(situation|task|action|result|good reply|worrying reply|follow-up|example)\s*:\s*",
    re.IGNORECASE,
)


def point_text(point: KeyPoint) -> str:
    return RUBRIC_LABEL.sub("", point.text)


# --- coverage --------------------------------------------------------------------------------


def contradicted(window: Passage, profile: Profile, confused: frozenset[str]) -> bool:
    """Whether the window swaps the roles of two things the card contrasts (`confused`: the
    things `contradiction.swapped` found it swaps, for the whole card), asserts what the point
    rules out or puts an opposite word in its word's place (see `coach.contradiction`)."""
    return (
        asserts(window.terms, profile.ruled_out)
        or opposes(profile.near, window.terms, profile.card_near)
        or bool(confused & profile.said)
    )


def refuted(window: Passage, profile: Profile, *, own: bool = False) -> bool:
    """Whether the window denies the point (`coach.denial`), gives a wrong figure for it
    (`coach.figures`) or swaps the sides of one of its formulas: the surest signs of a wrong
    answer, and specific to the point. With `own`, a denial must be of the point's own words
    (what the panel quotes back)."""
    needed = DENIED * COVERED * min(profile.total, ENOUGH / COVERED)
    return (
        denies(window.terms, profile, needed, own=own)
        or wrong_figure(window.figures, profile.figures, profile.card_figures)
        or flipped(window.formulas, profile.formulas)
    )


def shows(window: Passage, profile: Profile, *, suspect: bool = False) -> bool:
    """Whether the window says enough of the point (see the module docstring); with `suspect`,
    at least SUSPECT of its weight however it is said."""
    if suspect:
        return score(profile, window.terms)[0] >= SUSPECT and shows(window, profile)
    if any(window.finds(term) for term in profile.match):
        return True
    if any(form in window.compact for form in profile.formulas):
        return True
    big_o = {key for key in profile.terms if key.startswith("o(")}
    if big_o and big_o <= {term.key for term in window.terms if not term.negated}:
        return True  # "O(n)." says "O(n) time and space"
    needed = min(2, len(profile.terms))
    share, found = score(profile, window.terms)
    return (share >= COVERED and found >= needed) or claimed(profile, window.terms)


def claimed(profile: Profile, window: Sequence[Term]) -> bool:
    """Whether the window says the point's main claim, all but CLAIM_MISSING of its weight."""
    if len(profile.claim) < 2:
        return False
    seen = {(term.key, term.negated) for term in window}
    weights = {key: profile.terms[key] for key in profile.claim}
    found = [weight for key, (weight, negated) in weights.items() if (key, negated) in seen]
    total = sum(weight for weight, _ in weights.values())
    return len(found) >= 2 and sum(found) >= (1 - CLAIM_MISSING) * total


@dataclass(frozen=True)
class Judgement:
    """The key points an answer covers, the card's pitfalls it makes (indices), and the points
    a sentence of it refutes: (point, the sentence's place among the answer's sentences)."""

    covered: tuple[int, ...] = ()
    pitfalls: tuple[int, ...] = ()
    refuted: tuple[tuple[int, int], ...] = ()
    # (point, sentence, word) for a point a sentence would cover but for a sweeping word in it
    sweeping: tuple[tuple[int, int, str], ...] = ()
    # Why no point is ticked: "false claim" (the answer made a pitfall or refuted a point),
    # "sweeping words" (it overclaims: the words are `overclaims`, `near_mistakes` the
    # pitfalls its sentences came close to and `swaps` its sentences that swap roles), "near
    # mistakes" (it overclaims with no such word) or "swapped roles" (with swaps alone); and
    # the points it seemed to cover, left for the user to tick
    doubt: str = ""
    withheld: tuple[int, ...] = ()
    overclaims: tuple[str, ...] = ()
    near_mistakes: tuple[int, ...] = ()  # pitfalls a sentence came close to, when they counted
    swaps: tuple[str, ...] = ()  # sentences (as typed) that swap roles, when they counted


def judge(
    answer: str,
    points: Sequence[KeyPoint],
    *,
    model_answer: str = "",
    corpus: Corpus | None = None,
    prompt: str = "",
    pitfalls: Sequence[str] = (),
) -> Judgement:
    """The key points the answer covers and the pitfalls it makes (see the module docstring).

    `model_answer` is the card's own answer, whose sentences lend each point their wording;
    `corpus` weighs each term by how rare it is across all decks (by default: these points);
    `prompt` is the question, whose words weigh less; `pitfalls` the card's wrong claims."""
    prepared = Answer(answer)
    if prepared.empty:
        return Judgement()
    found = profiles(tuple(points), model_answer, corpus, prompt)
    wrong = pitfalls_of(pitfalls, corpus, prompt)
    made: set[int] = set()
    false_windows: set[int] = set()
    false_sentences: set[int] = set()
    suspect = False  # the answer made a pitfall or refuted a point in its own words
    refutations: list[tuple[int, int]] = []
    close: list[int] = []  # for each sentence that comes close to a pitfall, the first one
    swaps: list[str] = []  # sentences that swap the roles of two things the card contrasts
    typed = sentences(answer)
    for place, (window, held) in enumerate(zip(prepared.windows, prepared.holds, strict=True)):
        # A pitfall is one wrong claim: a sentence makes it, not words from two sentences.
        # A sentence that sets a wrong claim up to knock it down ("a common myth is...") does
        # not make it.
        alone = len(held) == 1 and not window.disowned
        # A sentence that makes a pitfall also comes close to it: test the looser first.
        near = [
            i
            for i, pitfall in enumerate(wrong)
            if alone and makes(window, pitfall, found, loosely=True)
        ]
        making = {i for i in near if makes(window, wrong[i], found)}
        made |= making
        # Every point of a card shares its roles: what the window swaps is found once.
        confused = swapped(found[0].roles, window.terms) if found else frozenset()
        if alone and not making:  # signs of a wrong answer, short of a false claim
            if near:
                close.append(near[0])
            elif (recalled := recalled_pitfall(window, wrong, found)) is not None:
                close.append(recalled)
            elif confused:
                swaps.append(typed[held[0]].strip())
        against = [index for index, profile in enumerate(found) if refuted(window, profile)]
        # What the panel can show, in the point's own words, also makes the answer suspect.
        shown = [index for index in against if refuted(window, found[index], own=True)]
        if len(held) == 1 and not making:  # a pitfall's call-out already names the sentence
            refutations += [(index, held[0]) for index in shown]
        if making or against or any(contradicted(window, profile, confused) for profile in found):
            false_windows.add(place)
            suspect = suspect or bool(making or shown)
            if len(held) == 1:
                false_sentences.add(held[0])
    # A window that says something false about the card, or holds a sentence that does,
    # credits no point of it.
    trusted = [
        (window, held)
        for place, (window, held) in enumerate(zip(prepared.windows, prepared.holds, strict=True))
        if place not in false_windows and not false_sentences & set(held)
    ]
    card_words = raw_words(" ".join((prompt, model_answer, *texts(points))))
    own = {stem(word) for word in card_words}
    said_by_card = f" {' '.join(card_words)} "
    bold = {  # sentence -> the sweeping words it uses that the card never uses
        held[0]: [word for word in window.sweeping if stem(word) not in own]
        for window, held in zip(prepared.windows, prepared.holds, strict=True)
        if len(held) == 1
    }
    sweeping = {place for place, words in bold.items() if words}
    negated_by_card = found[0].card_negated if found else frozenset()
    claims = tuple(
        word
        for window, held in zip(prepared.windows, prepared.holds, strict=True)
        if len(held) == 1
        for word in window.absolutes
        if (f" {word} " not in said_by_card if " " in word else stem(word) not in own)
        and not echoes(window, word, negated_by_card)
    )
    doubt = ""
    if suspect:
        doubt = "false claim"
    elif overclaims(len(claims) + len(close) + len(swaps), prepared):
        doubt = "sweeping words" if claims else "near mistakes" if close else "swapped roles"
    if doubt:  # what the answer seemed to say is the user's to tick
        seemed = [
            i for i, profile in enumerate(found) if any(shows(w, profile) for w, _ in trusted)
        ]
        return Judgement(
            (),
            tuple(sorted(made)),
            tuple(refutations),
            doubt=doubt,
            withheld=tuple(seemed),
            overclaims=() if suspect else tuple(dict.fromkeys(claims)),
            near_mistakes=() if suspect else tuple(sorted(set(close))),
            swaps=() if suspect else tuple(swaps),
        )
    covered = tuple(
        index
        for index, profile in enumerate(found)
        if any(shows(w, profile, suspect=bool(sweeping & set(held))) for w, held in trusted)
    )
    loose: dict[int, tuple[int, str]] = {}  # point -> the sweeping sentence that would cover it
    for index, profile in enumerate(found):
        for window, held in trusted:
            said = min(sweeping & set(held), default=None)
            if index in covered or said is None or index in loose:
                continue
            if shows(window, profile):
                loose[index] = (said, bold[said][0])
    return Judgement(
        covered,
        tuple(sorted(made)),
        tuple(refutations),
        tuple((index, place, word) for index, (place, word) in loose.items()),
    )


def recalled_pitfall(
    sentence: Passage, wrong: Sequence[Pitfall], points: Sequence[Profile]
) -> int | None:
    """The first pitfall a sentence that says no key point recalls (`coach.pitfalls`)."""
    recalled = next(
        (i for i, pitfall in enumerate(wrong) if recalls(sentence, pitfall, points)), None
    )
    if recalled is None or any(shows(sentence, point) for point in points):
        return None
    return recalled


def echoes(sentence: Passage, word: str, negated_by_card: frozenset[str]) -> bool:
    """Whether a negating absolute ("never", "no") negates only what the card itself negates:
    "I'd never bluff" where a point says "does not bluff" claims nothing the card does not."""
    negated = {term.key for term in sentence.terms if term.negated}
    return negation(word) and bool(negated) and negated <= negated_by_card


def overclaims(signs: int, answer: Passage) -> bool:
    """Whether an answer overclaims: OVERCLAIMS signs of it or more (words that claim without
    exception or wave away what matters, where the card never does, sentences that come close
    to a pitfall and sentences that swap roles), at least one in every OVERCLAIM_SPAN words."""
    return signs >= OVERCLAIMS and signs * OVERCLAIM_SPAN >= answer.words


def texts(points: Sequence[KeyPoint]) -> list[str]:
    return [point.text for point in points]


def covered_points(answer: str, points: Sequence[KeyPoint], **context: Any) -> tuple[int, ...]:
    """Indices of the key points the answer covers: `judge(...).covered`, same arguments."""
    return judge(answer, points, **context).covered


def found_terms(answer: str, vocabulary: Sequence[str]) -> tuple[str, ...]:
    """The vocabulary terms the answer uses, in vocabulary order."""
    prepared = Answer(answer)
    return tuple(term for term in vocabulary if prepared.finds(term))
