"""What the decks teach the coach, built once per drill from every loaded card: how rare each
term is across all key points (the matcher's corpus) and which words are terms of the field.

A field term is a word the decks use at least FIELD_LIFT (in powers of ten) more often than
everyday English does (wordfreq), in at least two cards, and that is not an everyday word
itself: "Bonferroni", "threshold" and "canary" are; "pick", "weeks" and "thanks" are not. So a
deck you import adds its own terms.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from nora_cli.coach.lexicon import AS_A_VERB, VERB_SENSES
from nora_cli.coach.profile import Corpus
from nora_cli.coach.words import rarity, stem, terms
from nora_cli.core.models import Card

FIELD_LIFT = 1.5
EVERYDAY_ZIPF = 4.6  # wordfreq's Zipf frequency of "thing" is 5.6, of "task" 4.65
MAX_TERMS_SHOWN = 12
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}(?=s?\b)")
ROMAN = re.compile(r"[IVX]+")
EVERYDAY_NAME_ZIPF = 4.0  # a name this common as a word ("post", "mad") counts in capitals only
TYPED_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'+/.-]*[A-Za-z0-9+]|[A-Za-z0-9]")


class KnowledgeStore(Protocol):
    """Where built knowledge is kept between drills (`store.knowledge_cache`)."""

    def load(self, fingerprint: str) -> dict[str, Any] | None: ...

    def save(self, fingerprint: str, data: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class Built:
    corpus: Corpus
    field_terms: frozenset[str]  # the keys (see coach.words) of the field's terms
    field_pairs: frozenset[tuple[str, str]]  # two keys the decks write side by side
    capitals_only: frozenset[str]  # names that are also everyday words ("POST", "MAD")

    def to_json(self) -> dict[str, Any]:
        return {
            "points": self.corpus.points,
            "frequency": self.corpus.frequency,
            "field_terms": sorted(self.field_terms),
            "field_pairs": sorted(self.field_pairs),
            "capitals_only": sorted(self.capitals_only),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Built:
        return cls(
            Corpus(int(data["points"]), {str(k): int(v) for k, v in data["frequency"].items()}),
            frozenset(str(key) for key in data["field_terms"]),
            frozenset((str(one), str(two)) for one, two in data["field_pairs"]),
            frozenset(str(key) for key in data["capitals_only"]),
        )


@dataclass(eq=False)
class DeckKnowledge:
    """Built once, on first use or by `warm_up`: from `store` when it holds this library's
    knowledge (building it takes about a second for the shipped decks, and grows with every
    deck the user adds), otherwise from the cards, and then kept in `store`."""

    cards: Sequence[Card] = field(default_factory=tuple)
    store: KnowledgeStore | None = None
    _built: Built | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _warming: bool = field(default=False, init=False, repr=False)

    def warm_up(self) -> None:
        """Build in the background, so the first feedback panel does not wait. Once only."""
        if self._warming:
            return
        self._warming = True
        threading.Thread(target=self._warm, name="nora-deck-knowledge", daemon=True).start()

    def _warm(self) -> None:
        self.built()
        rarity("warm")  # wordfreq's tables, which every feedback reads

    def built(self) -> Built:
        with self._lock:  # the warm-up thread and the first panel build it once between them
            if self._built is None:
                self._built = self._load_or_build()
            return self._built

    def _load_or_build(self) -> Built:
        if self.store is None:
            return self._build()
        key = fingerprint(self.cards)
        saved = self.store.load(key)
        if saved is not None:
            try:
                return Built.from_json(saved)
            except (KeyError, TypeError, ValueError):
                pass  # damaged: built again and saved over
        built = self._build()
        self.store.save(key, built.to_json())
        return built

    def _build(self) -> Built:
        return Built(Corpus.of(self.cards), *_vocabulary(self.cards))

    @property
    def corpus(self) -> Corpus:
        return self.built().corpus

    def terms_used(self, answer: str) -> tuple[str, ...]:
        """The field terms of an answer, as the user typed them, each once, in order; two
        neighbours are one term when hyphenated ("Benjamini-Hochberg") or when the decks write
        them side by side ("canary rollout", not "metric fixed")."""
        built = self.built()
        fields, pairs = built.field_terms, built.field_pairs
        found: list[str] = []
        current = ""  # the term being read, as typed
        last_end, last_key = -1, ""
        for match in TYPED_WORD.finditer(answer):
            word = match.group(0).rstrip(".")
            keys = [term.key for term in terms(word)]
            is_term = bool(keys) and all(key in fields for key in keys)
            previous = answer[: match.start()].split()
            if word.lower() in VERB_SENSES and previous and previous[-1].lower() in AS_A_VERB:
                is_term = False
            if is_term and not word.isupper() and built.capitals_only & set(keys):
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


def _vocabulary(
    cards: Sequence[Card],
) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    """The field's terms, the pairs the decks write side by side, and the names that count
    only in capitals (see the module docstring)."""
    from wordfreq import zipf_frequency

    counts: Counter[str] = Counter()
    in_cards: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}
    pairs: set[tuple[str, str]] = set()
    acronyms: Counter[str] = Counter()  # in capitals ("DPO", "KV"): names, even if rare
    total = 0
    for card in cards:
        text = " ".join([card.prompt, card.answer, *(p.text for p in card.key_points)])
        acronyms.update(ACRONYM.findall(text))
        found = terms(text)
        total += len(found)
        counts.update(term.key for term in found)
        in_cards.update({term.key for term in found})
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
        if (in_cards[key] < 2 and key not in named) or word[0].isdigit() or len(word) < 2:
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


def fingerprint(cards: Sequence[Card]) -> str:
    """A digest of all that the knowledge is built from: each card's prompt, answer and key
    points."""
    digest = hashlib.blake2b(digest_size=16)
    for card in cards:
        for text in (card.prompt, card.answer, *(point.text for point in card.key_points)):
            digest.update(text.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        digest.update(b"\x01")
    return digest.hexdigest()
