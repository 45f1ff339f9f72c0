"""What the decks teach the coach, built once per drill from every loaded card: how rare each
term is across all key points (the matcher's corpus) and which words are terms of the field.

A field term is a word the decks use at least FIELD_LIFT (in powers of ten) more often than
everyday English does (wordfreq), in at least two cards, and that is not an everyday word
itself: "Bonferroni", "threshold" and "canary" are; "pick", "weeks" and "thanks" are not. So a
deck you import adds its own terms.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from nora_cli.coach.profile import Corpus
from nora_cli.coach.words import stem, terms
from nora_cli.core.models import Card

FIELD_LIFT = 1.5
EVERYDAY_ZIPF = 4.6  # wordfreq's Zipf frequency of "thing" is 5.6, of "task" 4.65
MAX_TERMS_SHOWN = 12
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}(?=s?\b)")
ROMAN = re.compile(r"[IVX]+")
EVERYDAY_NAME_ZIPF = 4.0  # a name this common as a word ("post", "mad") counts in capitals only
TYPED_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'+/.-]*[A-Za-z0-9+]|[A-Za-z0-9]")


@dataclass(eq=False)
class DeckKnowledge:
    cards: Sequence[Card] = field(default_factory=tuple)
    _warming: bool = field(default=False, init=False, repr=False)

    def warm_up(self) -> None:
        """Build the corpus and the field's terms in the background (about a second for the
        shipped decks), so the first feedback panel does not wait for them. Once only."""
        import threading

        if self._warming:
            return
        self._warming = True

        def build() -> None:
            self.terms_used("warm")  # the field's terms, and wordfreq's tables
            _ = self.corpus

        threading.Thread(target=build, name="nora-deck-knowledge", daemon=True).start()

    @cached_property
    def corpus(self) -> Corpus:
        return Corpus.of(self.cards)

    @cached_property
    def field_terms(self) -> frozenset[str]:
        """The keys (see coach.words) of the field's terms."""
        return self._vocabulary[0]

    @cached_property
    def field_pairs(self) -> frozenset[tuple[str, str]]:
        """Two keys the decks write side by side ("canary rollout")."""
        return self._vocabulary[1]

    @cached_property
    def capitals_only(self) -> frozenset[str]:
        """Keys of names that are also everyday words ("POST", "MAD"): terms only in capitals."""
        return self._vocabulary[2]

    @cached_property
    def _vocabulary(
        self,
    ) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
        from wordfreq import zipf_frequency

        counts: Counter[str] = Counter()
        cards: Counter[str] = Counter()
        shown: dict[str, Counter[str]] = {}
        pairs: set[tuple[str, str]] = set()
        acronyms: Counter[str] = Counter()  # in capitals ("DPO", "KV"): names, even if rare
        total = 0
        for card in self.cards:
            text = " ".join([card.prompt, card.answer, *(p.text for p in card.key_points)])
            acronyms.update(ACRONYM.findall(text))
            found = terms(text)
            total += len(found)
            counts.update(term.key for term in found)
            cards.update({term.key for term in found})
            for term in found:
                shown.setdefault(term.key, Counter())[term.word] += 1
            pairs.update(
                (one.key, two.key)
                for one, two in itertools.pairwise(found)
                if two.position == one.position + 1 and two.sentence == one.sentence
            )
        # The acronym itself, not what it stands for ("LLM" is no licence for "model").
        named = {
            t.key
            for name, times in acronyms.items()
            # two letters are easily something else ("OS", "DE"): those must recur
            if (times >= 2 or len(name) > 2) and not ROMAN.fullmatch(name)  # "Type II"
            for t in terms(name)
            if t.word == name.lower()
        }
        kept, capitals = set(), set()
        for key, count in counts.items():
            word = shown[key].most_common(1)[0][0]
            if (cards[key] < 2 and key not in named) or word[0].isdigit() or len(word) < 2:
                continue
            if key in named:  # "GPU" and "MAE" are names: English's "gpu" and "mae" are not
                kept.add(key)
                if zipf_frequency(word, "en") >= EVERYDAY_NAME_ZIPF:
                    capitals.add(key)
                continue
            # how everyday the idea is: its most common form in English ("favour", not
            # "favours"), among the forms of this word ("label", not its synonym "target")
            own = [form for form in shown[key] if stem(form) == key] or list(shown[key])
            general = max(zipf_frequency(form, "en") for form in own)
            if general > EVERYDAY_ZIPF:
                continue
            if math.log10(count / total * 1e9) - general >= FIELD_LIFT:
                kept.add(key)
        joined = frozenset(p for p in pairs if p[0] in kept and p[1] in kept)
        return frozenset(kept), joined, frozenset(capitals)

    def terms_used(self, answer: str) -> tuple[str, ...]:
        """The field terms of an answer, as the user typed them, each once, in order; two
        neighbours are one term when hyphenated ("Benjamini-Hochberg") or when the decks write
        them side by side ("canary rollout", not "metric fixed")."""
        fields, pairs = self.field_terms, self.field_pairs
        found: list[str] = []
        current = ""  # the term being read, as typed
        last_end, last_key = -1, ""
        for match in TYPED_WORD.finditer(answer):
            word = match.group(0).rstrip(".")
            keys = [term.key for term in terms(word)]
            is_term = bool(keys) and all(key in fields for key in keys)
            if is_term and not word.isupper() and self.capitals_only & set(keys):
                is_term = False  # "post" is not "POST"
            between = answer[last_end : match.start()]
            side_by_side = is_term and between == " " and (last_key, keys[0]) in pairs
            if is_term and current and (between == "-" or side_by_side):
                current += between + word
            else:
                if current:
                    found.append(current)
                current = word if is_term else ""
            last_end, last_key = match.end(), keys[-1] if is_term else ""
        if current:
            found.append(current)
        unique = list(dict.fromkeys(found))
        seen: set[str] = set()
        result = []
        for term in unique:
            if term.lower() not in seen:
                seen.add(term.lower())
                result.append(term)
        return tuple(result[:MAX_TERMS_SHOWN])
