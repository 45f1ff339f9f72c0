"""An answer ready for the matcher: its terms, where each stands, its figures and its compact
text, read whole and in windows of one and of two adjacent sentences. Pure."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from nora_cli.coach.figures import figures
from nora_cli.coach.formulas import compact, formulas
from nora_cli.coach.lexicon import (
    ABSOLUTES,
    DISMISSALS,
    DISOWNING,
    HEDGES,
    MILD_AFTER_NO,
    SWEEPING,
)
from nora_cli.coach.words import (
    SENTENCE_BREAK,
    Term,
    negation,
    normalise,
    raw_words,
    stem,
    terms,
)

WINDOW_SLACK = 3  # other words allowed between two of a phrase's words
CONTRAST = re.compile(r"\b(?:but|while|whereas|although)\b", re.IGNORECASE)
DISMISSING = re.compile(r"\b(?:" + "|".join(map(re.escape, DISMISSALS)) + r")\b")
DISOWNED = re.compile("|".join(DISOWNING), re.IGNORECASE)


class Passage:
    """Text ready for matching: its terms, where each stands, its compact text, the words
    that claim without exception or wave something away that it uses (`lexicon.ABSOLUTES`,
    `lexicon.DISMISSALS`), each time, in order, and the sweeping words among them ("always",
    "any": `lexicon.SWEEPING`), once each."""

    def __init__(self, found: Sequence[Term], text: str) -> None:
        self.terms = tuple(found)
        self.figures = figures(normalise(text))
        self.compact = compact(text)
        self.formulas = formulas(text)
        written = raw_words(text)
        self.stems = [stem(word) for word in written]
        said = raw_words(text.replace("~", " approximately "))  # "~no speedup" estimates
        claims = [
            (at, word)
            for at, (before, word, after) in enumerate(
                zip(["", *said], said, [*said[1:], ""], strict=False)
            )
            if word in ABSOLUTES
            and not negation(before)  # "without any example"
            and before not in HEDGES  # "roughly no gain"
            and not (word == "no" and after in MILD_AFTER_NO)  # "at no extra cost"
        ]
        joined = " ".join(written)
        claims += [(joined.count(" ", 0, m.start()), m[0]) for m in DISMISSING.finditer(joined)]
        self.absolutes = [word for _, word in sorted(claims)]
        self.words = len(written)
        self.contrasted = bool(CONTRAST.search(text))  # "X saturates, while Y keeps..."
        self.disowned = bool(DISOWNED.search(text))  # "a common myth is that..."
        self.sweeping = tuple(dict.fromkeys(w for w in self.absolutes if w in SWEEPING))
        self.positions: dict[str, list[tuple[int, bool]]] = {}
        for term in self.terms:
            self.positions.setdefault(term.key, []).append((term.position, term.negated))

    def finds(self, term: str) -> bool:
        """Whether a phrase, formula or symbol ("%") occurs: a phrase's words close together."""
        if any(form in self.compact for form in formulas(term)):
            return True
        found = terms(term)
        wanted = list(dict.fromkeys(t.key for t in found))
        if not wanted:
            return bool(compact(term)) and compact(term) in self.compact
        written = [stem(word) for word in raw_words(term)]
        if len(wanted) == 1 and len(written) > 1 and not self._in_order(written):
            return False  # "I owned" is not "the team owned it"; "good team" is not "team"
        return self._near(wanted, any(t.negated for t in found))

    def _in_order(self, written: list[str]) -> bool:
        """The words in this order, at most WINDOW_SLACK others between two of them."""
        for start, word in enumerate(self.stems):
            if word != written[0]:
                continue
            at = start
            for wanted in written[1:]:
                following = self.stems[at + 1 : at + 2 + WINDOW_SLACK]
                if wanted not in following:
                    break
                at += 1 + following.index(wanted)
            else:
                return True
        return False

    def _near(self, wanted: list[str], negated: bool) -> bool:
        """All the terms within len(wanted) + WINDOW_SLACK positions of each other, in clauses
        negated as the term is."""
        if not all(key in self.positions for key in wanted):
            return False
        hits = sorted(
            (pos, key)
            for key in wanted
            for pos, is_negated in self.positions[key]
            if is_negated == negated
        )
        counts: Counter[str] = Counter()
        start = 0
        for pos, key in hits:
            counts[key] += 1
            while counts[hits[start][1]] > 1:
                counts[hits[start][1]] -= 1
                start += 1
            if len(counts) == len(wanted) and pos - hits[start][0] < len(wanted) + WINDOW_SLACK:
                return True
        return False


class Answer(Passage):
    """An answer ready for matching: the whole of it, and its windows of one and of two
    adjacent sentences (a short answer is one window)."""

    def __init__(self, text: str) -> None:
        super().__init__(terms(text), text)
        parts = SENTENCE_BREAK.split(normalise(text))
        by_sentence: dict[int, list[Term]] = {n: [] for n, part in enumerate(parts) if part.strip()}
        for term in self.terms:
            by_sentence[term.sentence].append(term)
        numbers = sorted(by_sentence)
        self.windows = [Passage(by_sentence[n], parts[n]) for n in numbers]
        self.windows += [
            Passage([*by_sentence[a], *by_sentence[b]], f"{parts[a]} {parts[b]}")
            for a, b in itertools.pairwise(numbers)
        ]
        # The sentences each window holds, by their place among the answer's sentences.
        self.holds: list[tuple[int, ...]] = [(n,) for n in range(len(numbers))]
        self.holds += [(n, n + 1) for n in range(len(numbers) - 1)]

    @property
    def empty(self) -> bool:
        return not self.terms and not self.compact
