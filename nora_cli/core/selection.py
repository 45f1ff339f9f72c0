"""Choose the cards for a drill: due reviews first, then new cards up to the daily limit,
then the weakest categories. `--due`, `--weak` and `--cram` pick by one rule only."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from nora_cli.core.engine import DrillCard
from nora_cli.core.errors import UsageError
from nora_cli.core.models import Card, Library, Mode
from nora_cli.core.progress import Progress
from nora_cli.core.stats import category_need
from nora_cli.core.wording import counted

RULES = ("default", "due", "weak", "cram")
DUE, NEW, WEAK, CRAM = "due for review", "new", "weak area", "cram (schedule untouched)"


@dataclass(frozen=True)
class Selection:
    items: list[DrillCard]
    rule: str
    due_count: int
    new_allowance: int
    new_limit: int | None = None  # the daily limit held to (None: this drill has none)
    new_today: int = 0  # cards that entered the schedule today, before this drill
    unseen: int = 0  # cards of the pool not in the schedule yet

    @property
    def nothing_due(self) -> bool:
        return self.due_count == 0

    @property
    def new_drawn(self) -> int:
        return sum(1 for item in self.items if item.reason == NEW)

    @property
    def new_held_back(self) -> bool:
        """The daily limit kept new cards of the pool out of this drill."""
        return (
            self.new_limit is not None
            and self.new_drawn >= self.new_allowance
            and self.unseen > self.new_drawn
        )

    def new_total_for(self, more: int) -> int:
        """The `--new` value (a daily total) that lets this drill draw up to `more` new
        cards beyond those it drew."""
        return self.new_today + self.new_drawn + min(more, self.unseen - self.new_drawn)

    def raise_limit(self, more: int) -> str:
        """How to draw up to `more` new cards: `--new` is the day's total, not this drill's."""
        total, so_far = self.new_total_for(more), self.new_today + self.new_drawn
        return (
            f"Add `--new {total}` for {counted(total - so_far, 'more new card')} "
            f"({counted(so_far, 'new card')} so far today)."
        )


def mode_pool(
    library: Library,
    mode: Mode,
    *,
    categories: Sequence[str] = (),
    decks: Sequence[str] = (),
    tracks: Sequence[str] = (),
    kinds: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> list[Card]:
    """The mode's cards, narrowed to the given categories, decks and track tags, and (for a
    plan session) to cards of the given kinds and carrying any of the given tags (any case)."""
    pool = [card for card in library.cards if mode.includes(card)]
    if kinds:
        wanted_kinds = {kind.lower() for kind in kinds}
        pool = [c for c in pool if c.kind in wanted_kinds]
    if tags:
        wanted_tags = {tag.lower() for tag in tags}
        pool = [c for c in pool if wanted_tags & {t.lower() for t in c.tags}]
    if decks:
        known = {c.deck.lower(): c.deck for c in pool}
        wanted = _resolve(decks, known, "deck", mode)
        pool = [c for c in pool if c.deck in wanted]
    if categories:
        known = {c.category.lower(): c.category for c in pool}
        wanted = _resolve(categories, known, "category", mode)
        pool = [c for c in pool if c.category in wanted]
    if tracks:
        chosen = {resolve_track(t, library) for t in tracks}
        pool = [c for c in pool if chosen & set(c.tags)]
    return pool


def track_tags(library: Library) -> set[str]:
    """The cards' track tags: "company:meta", "track:platform", "level:senior" (a bare "level"
    is an ordinary tag)."""
    return {
        tag
        for card in library.cards
        for tag in card.tags
        if tag.partition(":")[0] in TRACK_PREFIXES and tag.partition(":")[2]
    }


TRACK_PREFIXES = ("company", "track", "level")


def resolve_track(name: str, library: Library) -> str:
    """The track tag a --track value names: the whole tag or the part after its colon."""
    tags = track_tags(library)
    wanted = name.strip().lower()
    for tag in sorted(tags):
        if wanted in (tag, tag.partition(":")[2]):
            return tag
    choices = ", ".join(sorted(tags)) if tags else "none: no card has a track tag"
    raise UsageError(f"track '{name}' is not a tag of any card. Choose from: {choices}")


def _resolve(names: Sequence[str], known: dict[str, str], what: str, mode: Mode) -> set[str]:
    chosen: set[str] = set()
    for name in names:
        real = known.get(name.strip().lower())
        if real is None:
            valid = "; ".join(sorted(set(known.values())))
            raise UsageError(f"{what} '{name}' is not in {mode.name} mode. Choose from: {valid}")
        chosen.add(real)
    return chosen


def time_for(card: Card, mode: Mode, override: int | None, scale: float = 1.0) -> int:
    if override is not None:
        return override
    limit = card.time_limit if card.time_limit is not None else mode.default_time_limit
    return max(10, round(limit * scale))


def ranked(
    pool: list[Card],
    progress: Progress,
    need: dict[str, float],
    now: datetime,
    rng: random.Random,
    rule: str,
    new_allowance: int,
) -> list[tuple[Card, str]]:
    """Every card the rule may draw, best first, each with the reason it was picked."""
    memory = progress.memory
    if rule == "cram":
        return [(card, CRAM) for card in rng.sample(pool, len(pool))]
    due = sorted(
        (c for c in pool if memory.is_due(c.id, now)),
        key=lambda c: (memory.due(c.id), c.id),
    )
    if rule == "due":
        return [(card, DUE) for card in due]

    def weakness(card: Card) -> tuple[float, float, str]:
        recall = memory.retrievability(card.id, now)
        return (-need.get(card.category, 0.0), 1.0 if recall is None else recall, card.id)

    unseen = [c for c in pool if c.id not in memory.cards]
    rng.shuffle(unseen)
    if rule == "weak":
        practised = [c for c in pool if c.category in need]
        cards = sorted(practised, key=weakness)
        return [(c, f"{WEAK}: {c.category}") for c in cards]
    seen_not_due = sorted(
        (c for c in pool if c.id in memory.cards and not memory.is_due(c.id, now)), key=weakness
    )
    return (
        [(c, DUE) for c in due]
        + [(c, NEW) for c in unseen[:new_allowance]]
        + [(c, f"{WEAK}: {c.category}") for c in seen_not_due]
    )


def _take(candidates: list[tuple[Card, str]], mode: Mode, count: int) -> list[tuple[Card, str]]:
    if not mode.ordered:
        return candidates[:count]
    by_deck: dict[str, list[tuple[Card, str]]] = {deck: [] for deck in mode.decks}
    for candidate in candidates:
        by_deck[candidate[0].deck].append(candidate)
    chosen: list[tuple[Card, str]] = []
    while len(chosen) < count and any(by_deck.values()):
        for queue in by_deck.values():
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    rank = {deck: i for i, deck in enumerate(mode.decks)}
    return sorted(chosen, key=lambda item: rank[item[0].deck])


@dataclass(frozen=True)
class Request:
    """What the user asked of this drill's cards: how many, from where, by which rule."""

    count: int | None = None
    categories: tuple[str, ...] = ()
    decks: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # a plan session's narrowing; no command-line option sets them
    tags: tuple[str, ...] = ()
    time_limit: int | None = None
    seed: int | None = None
    rule: str = "default"
    new_limit: int | None = 15  # new cards a day; None: no limit (an explicit choice)
    quick: bool = False
    time_scale: float = 1.0


Ranker = Callable[[list[Card], int], list[tuple[Card, str]]]


def request_pool(library: Library, mode: Mode, request: Request) -> list[Card]:
    """The cards the request's filters leave in the mode."""
    return mode_pool(
        library,
        mode,
        categories=request.categories,
        decks=request.decks,
        tracks=request.tracks,
        kinds=request.kinds,
        tags=request.tags,
    )


def choose(
    library: Library,
    mode: Mode,
    request: Request | None = None,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Selection:
    request = request or Request()
    if request.rule not in RULES:
        raise UsageError(f"unknown rule '{request.rule}'")
    progress = progress or Progress()
    now = now or datetime.now().astimezone()
    pool = request_pool(library, mode, request)
    if not pool:
        raise UsageError(f"{mode.name} mode has no cards with those filters")
    new_today = progress.new_cards_on(now.astimezone().date())
    unseen = sum(1 for c in pool if c.id not in progress.memory.cards)
    # A mock interview is an explicit choice: each stage gets its cards, new or not.
    limit = None if mode.stages else request.new_limit
    allowance = unseen if limit is None else max(0, limit - new_today)
    rng = random.Random(request.seed)
    due_count = sum(1 for c in pool if progress.memory.is_due(c.id, now))
    # The weakest-area ranking needs the stats figures: worked out once per drill.
    wants_need = request.rule in ("default", "weak")
    need = category_need(progress, library, now) if wants_need else {}

    def rank(cards: list[Card], new_allowance: int) -> list[tuple[Card, str]]:
        return ranked(cards, progress, need, now, rng, request.rule, new_allowance)

    if mode.stages:
        items = _staged(pool, mode, request, rank)
    else:
        picked = _take(rank(pool, allowance), mode, request.count or mode.default_count)
        seconds, scale = request.time_limit, request.time_scale
        items = [DrillCard(card, time_for(card, mode, seconds, scale), why) for card, why in picked]
    return Selection(items, request.rule, due_count, allowance, limit, new_today, unseen)


QUICK_TOTAL_MINUTES = 25.0


def _staged(pool: list[Card], mode: Mode, request: Request, rank: Ranker) -> list[DrillCard]:
    """A mock interview: each stage in order, filled by the rule (a stage always gets its
    cards: the daily new-card limit does not apply). `quick` takes one card a stage and
    scales every budget so the whole interview lasts about 25 minutes."""
    quick = request.quick
    scale = QUICK_TOTAL_MINUTES / sum(s.minutes for s in mode.stages) if quick else 1.0
    items: list[DrillCard] = []
    for stage in mode.stages:
        cards = [c for c in pool if stage.includes(c)]
        wanted = 1 if quick else stage.cards
        # Quick budgets are rounded to 10 seconds so they read as round times.
        minutes = round(stage.minutes * scale * 6) / 6 if quick else stage.minutes
        for card, why in rank(cards, wanted)[:wanted]:
            seconds = time_for(card, mode, request.time_limit, request.time_scale)
            if quick:
                seconds = max(30, min(seconds, round(minutes * 60)))
            items.append(DrillCard(card, seconds, why, stage.name, minutes))
    return items
