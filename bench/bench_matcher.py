"""The key-point matcher measured on labelled answers: `python bench/bench_matcher.py`.

The labels (tests/data/feedback_labels/*.yaml) hold typed answers to shipped cards, each with
the key points a strict interviewer would tick, and a split: `tune` (the half the matcher may
be tuned on) or `heldout` (only ever measured). For each split this prints precision, recall
and F1 of the ticks over every (answer, key point) pair, overall and per answer type, the
mean number of points ticked per answer (on the wrong answers: the issue's figure) and of
those the labels do not give (a few wrong answers state one point correctly), and how many
answers the feedback panel
would call a possible common mistake (one of the card's pitfalls), and how many it would
tick nothing for and leave to the user (`Judgement.doubt`: a false claim heard, or sweeping
words): wanted on wrong answers, a cost on the others.

    --no-match     ignore the decks' `match` terms
    --no-pitfalls  ignore the cards' pitfalls (with --no-match: the matcher on its own, as on
                   an imported deck)
    --misses     list every wrong tick and every missed point of the tune split
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nora_cli.coach.matching import Judgement

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "feedback_labels"
SPLITS = ("tune", "heldout")
TYPES = ("strong", "partial", "terse", "wrong")
# The targets on the held-out split (issue 12).
TARGET_PRECISION, TARGET_RECALL, TARGET_WRONG_TICKS = 0.85, 0.75, 0.3


@dataclass(frozen=True)
class Labelled:
    card_id: str
    split: str
    kind: str  # strong | partial | terse | wrong
    text: str
    covers: frozenset[int]


@dataclass
class Tally:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    answers: int = 0
    ticked: int = 0
    flagged: int = 0  # answers the panel would call a possible common mistake
    doubted: int = 0  # answers whose ticks are left to the user

    def add(
        self,
        predicted: set[int],
        expected: frozenset[int],
        *,
        flagged: bool = False,
        doubted: bool = False,
    ) -> None:
        self.flagged += flagged
        self.doubted += doubted
        self.true_pos += len(predicted & expected)
        self.false_pos += len(predicted - expected)
        self.false_neg += len(expected - predicted)
        self.answers += 1
        self.ticked += len(predicted)

    @property
    def precision(self) -> float:
        ticked = self.true_pos + self.false_pos
        return self.true_pos / ticked if ticked else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def ticks_per_answer(self) -> float:
        return self.ticked / self.answers if self.answers else 0.0

    @property
    def false_ticks_per_answer(self) -> float:
        """Ticks the labels do not give: on a wrong answer, the ticks that are not a point it
        states correctly."""
        return self.false_pos / self.answers if self.answers else 0.0


def load_labels(folder: Path = LABELS) -> list[Labelled]:
    import yaml

    found = []
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in document.get("cards") or []:
            for answer in entry.get("answers") or []:
                found.append(
                    Labelled(
                        card_id=str(entry["card"]),
                        split=str(entry["split"]),
                        kind=str(answer["type"]),
                        text=str(answer["text"]),
                        covers=frozenset(int(i) for i in answer.get("covers") or []),
                    )
                )
    return found


Judge = Callable[[str, object], "Judgement"]


def default_judge() -> Judge:
    """The judgement the feedback panel shows: `coach.feedback.card_judgement`, with the
    shipped decks' knowledge (term rarity)."""
    from nora_cli.coach.feedback import card_judgement
    from nora_cli.coach.knowledge import DeckKnowledge
    from nora_cli.decks.loader import load_library

    knowledge = DeckKnowledge(load_library().cards)

    def judge(text: str, card: object) -> Judgement:
        return card_judgement(text, card, knowledge)  # type: ignore[arg-type]

    return judge


def stripped(card: object, *, match: bool, pitfalls: bool) -> object:
    """The card without its `match` terms and/or its pitfalls."""
    if match:
        points = tuple(replace(point, match=()) for point in card.key_points)  # type: ignore[attr-defined]
        card = replace(card, key_points=points)  # type: ignore[type-var]
    return replace(card, pitfalls=()) if pitfalls else card  # type: ignore[type-var]


def measure(
    labels: list[Labelled], judge: Judge, *, no_match: bool = False, no_pitfalls: bool = False
) -> dict[tuple[str, str], Tally]:
    """(split, answer type or "all") -> tally."""
    from nora_cli.decks.loader import load_library

    library = load_library()
    tallies: dict[tuple[str, str], Tally] = {}
    for item in labels:
        card = library.card(item.card_id)
        if card is None:
            raise SystemExit(f"labelled card {item.card_id} is not in the shipped decks")
        judged = stripped(card, match=no_match, pitfalls=no_pitfalls)
        result = judge(item.text, judged)
        for key in ((item.split, item.kind), (item.split, "all")):
            tally = tallies.setdefault(key, Tally())
            tally.add(
                set(result.covered),
                item.covers,
                flagged=bool(result.pitfalls),
                doubted=bool(result.doubt),
            )
    return tallies


def print_misses(labels: list[Labelled], judge: Judge, split: str = "tune") -> None:
    from nora_cli.decks.loader import load_library

    library = load_library()
    for item in labels:
        if item.split != split:
            continue
        card = library.card(item.card_id)
        assert card is not None
        predicted = set(judge(item.text, card).covered)
        extra, missed = predicted - item.covers, item.covers - predicted
        if not extra and not missed:
            continue
        print(f"\n== {item.card_id} [{item.kind}] {item.text}")
        for index in sorted(extra):
            print(f"   + wrongly ticked {index}: {card.key_points[index].text}")
        for index in sorted(missed):
            print(f"   - missed {index}: {card.key_points[index].text}")


def report(tallies: dict[tuple[str, str], Tally]) -> list[str]:
    lines = [
        f"{'split':<8} {'answers':<8} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'ticks/ans':>9} "
        f"{'false/ans':>9} {'mistake?':>8} {'held back':>9}"
    ]
    for split in SPLITS:
        for kind in ("all", *TYPES):
            tally = tallies.get((split, kind))
            if tally is None:
                continue
            ticked = tally.true_pos + tally.false_pos
            wanted = tally.true_pos + tally.false_neg
            precision = f"{tally.precision:.2f}" if ticked else "-"
            recall = f"{tally.recall:.2f}" if wanted else "-"
            f1 = f"{tally.f1:.2f}" if ticked and wanted else "-"
            lines.append(
                f"{split:<8} {kind:<8} {tally.answers:>4} {precision:>6} {recall:>6} {f1:>6} "
                f"{tally.ticks_per_answer:>9.2f} {tally.false_ticks_per_answer:>9.2f} "
                f"{tally.flagged:>4}/{tally.answers:<3} {tally.doubted:>5}/{tally.answers:<3}"
            )
    held, wrong = tallies.get(("heldout", "all")), tallies.get(("heldout", "wrong"))
    if held and wrong:
        met = (
            held.precision >= TARGET_PRECISION
            and held.recall >= TARGET_RECALL
            and wrong.ticks_per_answer <= TARGET_WRONG_TICKS
        )
        lines.append(
            f"held-out targets (P >= {TARGET_PRECISION}, R >= {TARGET_RECALL}, "
            f"<= {TARGET_WRONG_TICKS} ticks per wrong answer): {'met' if met else 'NOT met'}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-match", action="store_true", help="Ignore the decks' match terms.")
    parser.add_argument("--no-pitfalls", action="store_true", help="Ignore the pitfalls.")
    parser.add_argument("--misses", action="store_true", help="List the tune split's errors.")
    parser.add_argument("--split", choices=SPLITS, help="Measure one split only.")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    labels = [item for item in load_labels() if options.split in (None, item.split)]
    judge = default_judge()
    if options.misses:
        print_misses(labels, judge)
        return
    cards = len({item.card_id for item in labels})
    print(f"{len(labels)} labelled answers on {cards} cards")
    tallies = measure(labels, judge, no_match=options.no_match, no_pitfalls=options.no_pitfalls)
    print("\n".join(report(tallies)))


if __name__ == "__main__":
    main()
