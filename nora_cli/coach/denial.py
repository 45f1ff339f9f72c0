"""When an answer denies a key point: says its terms under a negation. Pure.

"We never measured the outcome" against "a measured outcome (number, percentage...)", or "skip
shadow or canary" against "a short shadow and canary": the words are the point's, the claim is
its opposite. Counting shared words would tick the point; this tells the matcher not to.
"""

from __future__ import annotations

from collections.abc import Sequence

from nora_cli.coach.profile import Profile
from nora_cli.coach.words import Term


def denies(window: Sequence[Term], profile: Profile, needed: float, *, own: bool = False) -> bool:
    """Whether the window denies the point: the point's terms that it says only under a negation
    weigh at least `needed` (at least two of them, one for a one-term point) and more than the
    point's terms it says as the point does. Terms the card itself negates somewhere are left
    out: "not the probability that the null is true" denies a wrong reading, not the point.
    With `own`, only the point's own words count, not the model answer's that explain it."""
    negated = {term.key for term in window if term.negated}
    affirmed = {term.key for term in window if not term.negated}
    said = {(term.key, term.negated) for term in window}
    weights = profile.terms if own else {**profile.extras, **profile.terms}
    denied = [
        weight
        for key, (weight, in_negation) in weights.items()
        if not in_negation
        and key in negated
        and key not in affirmed
        and key not in profile.card_negated
    ]
    if len(denied) < min(2, len(profile.terms)):
        return False
    agreeing = sum(
        weight for key, (weight, in_negation) in weights.items() if (key, in_negation) in said
    )
    return sum(denied) >= needed and sum(denied) > agreeing
