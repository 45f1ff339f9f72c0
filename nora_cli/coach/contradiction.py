"""When an answer says the opposite of what a card teaches, in ways that counting shared words
cannot see. Pure: it compares the terms of `coach.words`.

* Swapped roles. A card that contrasts two things (L1 and L2, precision and recall, a good and
  a worrying reply) says some things of only one of them: "L1 drives weights to zero", "L2
  spreads the weight". An answer clause that says of one what the card's points say only of
  the other ("L1 spreads the weight"), or denies what they say of it, has swapped their roles.
  The pairs come from the card itself: the two things its question compares ("How do L1 and
  L2 differ?"), the subjects of a point's parallel clauses ("L1 drives...; L2 shrinks..."),
  and opposite one-word headings ("Good reply:", "Worrying reply:").
* A ruled-out part asserted. A point that rules something out ("inference uses the running
  estimates, not batch statistics") is contradicted by an answer clause that asserts it
  ("at inference it computes the batch statistics").
* An opposite word in the point's place. "Evict the most recently used key" puts the opposite
  of "least" (lexicon.ANTONYMS) next to the word the point puts "least" with.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from nora_cli.coach.words import Term, keys, opposites, polarity_keys, raw_words, terms

COMPARED = re.compile(
    r"(?:between|do|does|are|is|of)\s+(?P<one>[^,;:?]+?)\s+(?:and|vs\.?|versus)\s+"
    r"(?P<other>[^,;:?]+?)\s+(?:differ|compare|contrast)|(?P<left>[^,;:?]+?)\s+(?:vs\.?|versus)"
    r"\s+(?P<right>[^,;:?]+)|(?:do|does)\s+(?P<first>[^,;:?]+?)\s+differ\s+from\s+"
    r"(?P<second>[^,;:?]+)"
)

PARALLEL = re.compile(r";|(?<=[.!?])\s+|,?\s*\b(?:while|whereas)\b")

HEADING_WORDS = 3  # "Good reply:", "Direct injection:"; longer, it is a claim
RUN_SLACK = 2  # other words allowed among the words of a ruled-out part
NEAR = 1  # the words either side of "most" or "least" that it is said with
SWAP_WEIGHT = 0.3  # less than this said the wrong way round may be a loose wording

Binding = tuple[str, str, bool]  # (entity, term said of it, negated)


@dataclass(frozen=True)
class Contrast:
    """Two things a card contrasts, and what it says of each: `stated` in its key points,
    `mentioned` anywhere (its key points and its model answer)."""

    pair: frozenset[str]
    stated: frozenset[Binding]
    mentioned: frozenset[Binding]


@dataclass(frozen=True)
class Roles:
    """The things a card contrasts, and how much each term it says of them weighs."""

    contrasts: tuple[Contrast, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)


def compared_in(prompt: str) -> set[frozenset[str]]:
    """The pair a question compares: "How do data drift and concept drift differ?" (or "How
    does Adam differ from SGD?") gives {data, concept}: the first term that tells each side
    from the other."""
    found = set()
    for match in COMPARED.finditer(prompt.lower()):
        one = [
            t.key for t in terms(match.group("one") or match.group("left") or match.group("first"))
        ]
        other = [
            t.key
            for t in terms(match.group("other") or match.group("right") or match.group("second"))
        ]
        first = next((key for key in one[-max(1, len(other)) :] if key not in other), None)
        second = next((key for key in other if key not in one), None)
        if first and second:
            found.add(frozenset((first, second)))
    return found


def parallel_subjects(points: Sequence[str], prompt: str = "") -> set[frozenset[str]]:
    """Pairs of terms that open two parallel clauses of one point ("L1 drives...; L2
    shrinks..."; a short heading before them is skipped unless it names what the question
    asks about). Either the question names both, or at least two of the card's points use
    them together and each opens a clause of another point: words that happen to open two
    clauses ("at the first rejection...") are not things the card contrasts."""
    said = [keys(point) for point in points]
    asked = keys(prompt)
    polar = polarity_keys()
    by_point = []
    for point in points:
        leads: list[str] = []
        for clause in PARALLEL.split(point):
            split = headed(clause)
            if split and not keys(split[0]) & asked:
                clause = split[1]  # "Product framing: Type I ships...", not "Type I error: ..."
            lead = next((t.key for t in terms(clause) if t.key not in polar), None)
            if lead and lead not in leads:
                leads.append(lead)
        by_point.append(leads)
    opened = Counter(lead for leads in by_point for lead in leads)
    pairs = set()
    for leads in by_point:
        for i, one in enumerate(leads):
            for other in leads[i + 1 :]:
                pair = frozenset((one, other))
                recurring = opened[one] >= 2 and opened[other] >= 2
                together = sum(pair <= found for found in said)
                if (together >= 2 and recurring) or (together >= 1 and pair <= asked):
                    pairs.add(pair)
    return pairs


def headed(text: str) -> tuple[str, str] | None:
    """(heading, the rest) when the text opens with a short heading before a colon ("Good
    reply: a defined sequence..."); longer, the part before a colon is a claim."""
    head, colon, rest = text.partition(":")
    return (head, rest) if colon and len(raw_words(head)) <= HEADING_WORDS else None


def heading(point: str) -> str | None:
    """The key of a point's one-term heading: "Good reply: a defined sequence..." gives
    good_reply."""
    split = headed(point)
    found = terms(split[0]) if split else ()
    return found[0].key if len(found) == 1 else None


def heading_keys(point: str) -> frozenset[str]:
    """The keys of a point's heading, if it has one: "Type I error: ..." gives type1, error."""
    split = headed(point)
    return keys(split[0]) if split else frozenset()


def opposed_headings(points: Sequence[str]) -> set[frozenset[str]]:
    """Opposite headings of two points: "Good reply:" and "Worrying reply:"."""
    headings = {heading(point) for point in points} - {None}
    contrary = opposites()
    return {
        frozenset((one, other))
        for one in headings
        if one is not None
        for other in contrary.get(one, frozenset()) & headings
    }


def segments(found: Iterable[Term], pair: frozenset[str]) -> list[tuple[set[str], list[Term]]]:
    """Each clause cut where one of the pair is named: (the ones named, what is said of them).

    A segment runs from a name to the next name or the end of the clause; a part of a clause
    (between commas) that names neither continues the segment before it ("static batching
    runs until the longest ends, leaving slots idle"). The words before the first name of a
    part, and the parts of its clause before it, are said of it when nothing follows it ("FP
    costly -> precision", "if false alarms are costly, favour precision"). A name with
    nothing said of it shares the next segment ("L1 and L2 both add a penalty")."""
    result: list[tuple[set[str], list[Term]]] = []
    for _, clause in groupby(found, key=lambda term: term.clause):
        named_before = len(result)
        opening: list[Term] = []  # parts before the clause's first name ("if misses cost, ...")
        for _, part in groupby(clause, key=lambda term: term.part):
            words = list(part)
            if not pair & {term.key for term in words}:
                if len(result) > named_before:
                    result[-1][1].extend(words)  # the clause goes on about the last one named
                else:
                    opening.extend(words)
                continue
            named: set[str] = set()
            said: list[Term] = []
            pending: list[Term] = []  # words before the part's first name
            for term in words:
                if term.key in pair:
                    if said:
                        result.append((named, said))
                        named, said = set(), []
                    named.add(term.key)
                elif named:
                    said.append(term)
                else:
                    pending.append(term)
            if named:
                result.append((named, said or [*opening, *pending]))
            opening = []
    return result


def card_roles(
    points: Sequence[str], model_answer: str, prompt: str, weight: Callable[[Term], float]
) -> Roles:
    """What the card (its points and model answer) says of each thing it contrasts."""
    point_terms = [terms(point) for point in points]
    pairs = compared_in(prompt) | parallel_subjects(points, prompt) | opposed_headings(points)
    texts = [*point_terms, terms(model_answer)]
    headings = [heading_keys(point) for point in points]
    contrasts = []
    for pair in sorted(pairs, key=sorted):
        stated: set[Binding] = set()
        mentioned: set[Binding] = set()
        for index, found in enumerate(texts):
            head = headings[index] & pair if index < len(points) else frozenset()
            found_segments = (
                [(set(head), [t for t in found if t.key not in headings[index]])]
                if len(head) == 1  # the whole point is said of its heading ("Type I error:")
                else segments(found, pair)
            )
            for named, said in found_segments:
                bindings = {(e, t.key, t.negated) for e in named if e for t in said}
                mentioned |= bindings
                if index < len(point_terms):
                    stated |= bindings
        contrasts.append(Contrast(pair, frozenset(stated), frozenset(mentioned)))
    weights: dict[str, float] = {}
    for found in texts:
        for term in found:
            weights[term.key] = max(weights.get(term.key, 0.0), weight(term))
    return Roles(tuple(contrasts), weights)


def swapped(roles: Roles, window: Sequence[Term]) -> frozenset[str]:
    """The contrasted things whose roles the window swaps: a segment that says of one thing
    what the card's points say only of its partner, by more weight than SWAP_WEIGHT and more
    than it says of what the card says of that thing alone."""
    polar = polarity_keys()
    confused: set[str] = set()
    for contrast in roles.contrasts:
        for named, said in segments(window, contrast.pair):
            if len(named) != 1:
                continue
            (entity,) = named
            (partner,) = contrast.pair - named
            against = support = 0.0
            for key, negated in {(t.key, t.negated) for t in said if t.key not in polar}:
                own = (entity, key, negated) in contrast.mentioned
                other = (partner, key, negated) in contrast.mentioned
                denied = (entity, key, not negated) in contrast.stated
                if not own and (denied or (other and (partner, key, negated) in contrast.stated)):
                    against += roles.weights.get(key, 0.0)
                elif own and not other:
                    support += roles.weights.get(key, 0.0)
            if against > max(support, SWAP_WEIGHT):
                confused |= contrast.pair
    return frozenset(confused)


def ruled_out(found: Sequence[Term]) -> tuple[frozenset[str], ...]:
    """The parts a point rules out, each with at least two terms: "not batch statistics",
    "rather than the latest value" (the terms a negation governs, in a row)."""
    runs: list[list[Term]] = []
    for term in found:
        if not term.negated:
            continue
        last = runs[-1][-1] if runs else None
        if last and last.part == term.part and last.position == term.position - 1:
            runs[-1].append(term)
        else:
            runs.append([term])
    return tuple(frozenset(t.key for t in run) for run in runs if len({t.key for t in run}) > 1)


def asserts(window: Sequence[Term], ruled: Iterable[frozenset[str]]) -> bool:
    """Whether the window says, close together in one part, all of something the point rules
    out, and never negates it: "at inference it computes the batch statistics" asserts "not
    batch statistics"."""
    negated = {term.key for term in window if term.negated}
    for _, part in groupby(window, key=lambda term: term.part):
        said = [term for term in part if not term.negated]
        if any(not run & negated and _close(said, run) for run in ruled):
            return True
    return False


def _close(found: Sequence[Term], run: frozenset[str]) -> bool:
    """Whether all the run's terms occur within len(run) + RUN_SLACK positions."""
    hits = sorted((term.position, term.key) for term in found if term.key in run)
    for index, (start, _) in enumerate(hits):
        seen: set[str] = set()
        for position, key in hits[index:]:
            if position - start >= len(run) + RUN_SLACK:
                break
            seen.add(key)
            if seen == run:
                return True
    return False


def neighbours(found: Sequence[Term]) -> frozenset[tuple[str, str]]:
    """(a word that has an opposite, a term next to it in its part): "evicts the least recent
    key" gives (least, evict) and (least, recent)."""
    contrary = opposites()
    polar = polarity_keys()
    parts = {(term.part, term.key) for term in found}
    return frozenset(
        (term.key, other.key)
        for term in found
        if term.key in contrary
        and not term.negated
        # "rarely to exactly zero" puts the two together: neither is said against the other
        and not any((term.part, opposite) in parts for opposite in contrary[term.key])
        for other in found
        if other.part == term.part
        and 0 < abs(other.position - term.position) <= NEAR
        and other.key not in polar
    )


def opposes(
    near: frozenset[tuple[str, str]], window: Sequence[Term], card: frozenset[tuple[str, str]]
) -> bool:
    """Whether the window puts the opposite of one of the point's words next to a term the
    point puts that word with, where no point of the `card` does ("evict the most recent"
    against "evict the least recent")."""
    contrary = opposites()
    for found in neighbours(window):
        said, other = found
        if found not in card and any((o, other) in near for o in contrary.get(said, ())):
            return True
    return False
