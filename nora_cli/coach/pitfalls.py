"""A card's pitfalls, the wrong claims candidates often make, as the matcher hears them. Pure.

A sentence makes a pitfall when it says PITFALL_TERMS of the pitfall's terms (its words of
direction among them), all its heaviest terms included, close together (within PITFALL_SPAN
terms for each term of the pitfall), and a larger share of its weight than of any key point,
and it neither denies its terms ("it isn't the probability the null is true" does not make
"the p-value is the probability the null is true"; one term said both ways is not denied)
nor says the opposite of one ("above" where the pitfall says "below") nor a number of its
own in place of one of the pitfall's; in a sentence that contrasts clauses ("but", "while",
"whereas", "although"), one clause must make it, unless the pitfall contrasts clauses too.

A sentence comes close to a pitfall when it would make it but for one of its heaviest terms
(of two or more), and says at least RESEMBLES of its weight: "at inference you keep dropout
switched on" against "dropout stays on at inference". A sentence that says no key point also
comes close to one when it says at least RECALLS of its weight and PITFALL_TERMS of its terms,
without denying it or saying the opposite of one of its terms: a story's pitfall is set in
the card's own story ("fraud went down after launch, so I credit the whole drop to the
model"), and a user tells the same mistake about their own ("clicks went up after launch, so
I credit all of that to the model"). Either alone proves
nothing (the missing word is often the one that makes the claim true), so it only counts
with other signs of overclaiming (`coach.matching`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nora_cli.coach.passage import CONTRAST, Passage
from nora_cli.coach.profile import Corpus, Profile, profiles, score
from nora_cli.coach.words import Term, opposites, terms
from nora_cli.core.models import KeyPoint

PITFALL_TERMS = 3  # terms of a pitfall said, at least (or all of a shorter one)
PITFALL_SPAN = 3  # ... within this many of the answer's terms for each of the pitfall's
HEAVY = 0.5  # a pitfall's terms weighing at least this share of its heaviest: all said
RESEMBLES = 0.6  # the share of its weight a sentence missing one heavy term says, at least
RECALLS = 0.4  # ... and a sentence that says no key point (on the tune half: no right answer)
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Pitfall:
    """A wrong claim as the matcher sees it: its profile, and each of its terms with every
    polarity the claim says it with ("features don't matter... the units features use")."""

    profile: Profile
    stated: frozenset[tuple[str, bool]]
    contrasted: bool = False  # the claim itself contrasts clauses ("I cleaned it, but...")


def pitfalls_of(texts: Sequence[str], corpus: Corpus | None, prompt: str) -> list[Pitfall]:
    found = profiles(tuple(KeyPoint(t) for t in texts), "", corpus, prompt, wrong_claims=True)
    return [
        Pitfall(
            profile,
            frozenset((term.key, term.negated) for term in terms(text)),
            bool(CONTRAST.search(text)),
        )
        for profile, text in zip(found, texts, strict=True)
    ]


def makes(
    sentence: Passage, wrong: Pitfall, points: Sequence[Profile], *, loosely: bool = False
) -> bool:
    """Whether the sentence makes the pitfall (see the module docstring), or with `loosely`
    comes close to it. In a sentence that contrasts two clauses, one clause must make it:
    "sigmoid and tanh saturate, while ReLU keeps a gradient of 1" does not make "ReLU
    saturates like sigmoid"."""
    if not clause_makes(sentence.terms, sentence.terms, wrong, points, loosely):
        return False
    if not sentence.contrasted or wrong.contrasted:
        return True
    clauses: dict[int, list[Term]] = {}
    for term in sentence.terms:
        clauses.setdefault(term.clause, []).append(term)
    return any(
        clause_makes(clause, sentence.terms, wrong, points, loosely) for clause in clauses.values()
    )


def clause_makes(
    clause: Sequence[Term],
    sentence: Sequence[Term],
    wrong: Pitfall,
    points: Sequence[Profile],
    loosely: bool = False,
) -> bool:
    """Whether the terms of one clause make the pitfall (with `loosely`: come close to it),
    and the whole sentence says a key point no more fully than that."""
    pitfall = wrong.profile
    said = {(term.key, term.negated) for term in clause}
    if says_otherwise(said, wrong):
        return False
    keys_said = {key for key, _ in said}
    if of_the_other(keys_said, pitfall, points):
        return False
    claimed = {float(key) for key in pitfall.terms if NUMBER.fullmatch(key)}
    given = {float(key) for key in keys_said if NUMBER.fullmatch(key)}
    if given - claimed and claimed - given:
        return False  # "an AUC of 0.5 means random" is not "an AUC of 0 means random"
    heaviest = max((weight for weight, _ in pitfall.terms.values()), default=0.0)
    heavy = {key for key, (weight, _) in pitfall.terms.items() if weight >= HEAVY * heaviest}
    missing = heavy - keys_said
    if missing and not (loosely and len(missing) == 1 < len(heavy)):
        return False  # "under a true null hypothesis" is not "the probability the null is true"
    if missing and score(pitfall, clause)[0] < RESEMBLES:
        return False
    heavy -= missing
    if not said_together(clause, pitfall, heavy):
        return False  # "the mean squared gap...; its square root gives the standard deviation"
    share, found = score(pitfall, clause)
    if found < min(PITFALL_TERMS, len(pitfall.terms)):
        return False
    if share <= max((score(point, sentence)[0] for point in points), default=0.0):
        return False
    # When a key point and the pitfall use the same words and differ only in how they bind
    # them ("O(log n) per insert, O(1) per median query" against "each insert is O(1)..."),
    # the words said in the point's own order are the point.
    said_in_order = [term.key for term in sentence]
    wrong_words = set(said_in_order) & set(pitfall.sequence)
    wrong_run = longest_run(said_in_order, pitfall.sequence)
    return not any(
        set(said_in_order) & set(point.sequence) == wrong_words
        and longest_run(said_in_order, point.sequence) > wrong_run
        for point in points
    )


def recalls(sentence: Passage, wrong: Pitfall, points: Sequence[Profile]) -> bool:
    """Whether the sentence says at least RECALLS of the pitfall's weight and PITFALL_TERMS of
    its terms, neither denies it nor says the opposite of one of its terms, and is not about
    the other of two things the card contrasts (what makes such a sentence come close to the
    pitfall is that it says no key point: `coach.matching`)."""
    said = {(term.key, term.negated) for term in sentence.terms}
    if says_otherwise(said, wrong) or of_the_other({key for key, _ in said}, wrong.profile, points):
        return False
    share, found = score(wrong.profile, sentence.terms)
    return found >= min(PITFALL_TERMS, len(wrong.profile.terms)) and share >= RECALLS


def of_the_other(keys_said: set[str], pitfall: Profile, points: Sequence[Profile]) -> bool:
    """Whether the words said are about the other of two things the card contrasts: "you can
    detect data drift with PSI or KS" names data drift, not the concept drift of "PSI or KS
    checks will flag concept drift"."""
    contrasts = points[0].roles.contrasts if points else ()
    for contrast in contrasts:
        named = contrast.pair & pitfall.terms.keys()
        if len(named) == 1 and not named & keys_said and (contrast.pair - named) & keys_said:
            return True
    return False


def says_otherwise(said: set[tuple[str, bool]], wrong: Pitfall) -> bool:
    """Whether the terms said deny the pitfall ("it isn't the probability the null is true")
    or put the opposite of one of its terms in its place ("the mean sits above the median"
    against "... below the median")."""
    if denies_part(said, wrong):
        return True
    keys_said = {key for key, _ in said}
    contrary = opposites()
    return any(
        keys_said & contrary.get(key, set()) - {key} and key not in keys_said
        for key in wrong.profile.terms
    )


def denies_part(said: set[tuple[str, bool]], wrong: Pitfall) -> bool:
    """Whether the clause says terms of the pitfall with a polarity the pitfall never gives
    them: two such terms, or one it does not also say as the pitfall does ("resample sessions
    rather than users" against "when users have many sessions, I resample sessions" still
    says "when users have many sessions")."""
    odd = {
        (key, negated)
        for key, negated in said
        if key in wrong.profile.terms and (key, negated) not in wrong.stated
    }
    return len({key for key, _ in odd}) > 1 or any((key, not neg) not in said for key, neg in odd)


def said_together(clause: Sequence[Term], pitfall: Profile, heavy: set[str]) -> bool:
    """Whether the clause says the pitfall's heavy terms and PITFALL_TERMS of its terms (all
    of a shorter one) within PITFALL_SPAN terms for each of the pitfall's: a wrong claim is
    made in one breath, not pieced together from the far ends of a long sentence."""
    need = min(PITFALL_TERMS, len(pitfall.terms))
    width = PITFALL_SPAN * len(pitfall.sequence)
    hits = sorted((term.position, term.key) for term in clause if term.key in pitfall.terms)
    for start, _ in hits:
        near = {key for position, key in hits if start <= position <= start + width}
        if heavy <= near and len(near) >= need:
            return True
    return False


def longest_run(one: Sequence[str], two: Sequence[str]) -> int:
    """The length of the longest stretch of terms the two share, in the same order."""
    best, previous = 0, [0] * (len(two) + 1)
    for first in one:
        current = [0] * (len(two) + 1)
        for at, second in enumerate(two, start=1):
            if first == second:
                current[at] = previous[at - 1] + 1
                best = max(best, current[at])
        previous = current
    return best
