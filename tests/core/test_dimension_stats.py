"""Per-dimension levels and trends over the history (core.dimension_stats)."""

from __future__ import annotations

from datetime import timedelta

from helpers import T0, attempt

from nora_cli.core.dimension_stats import compute
from nora_cli.core.dimensions import EVALUATION, PRODUCTION
from nora_cli.core.models import Card, Deck, KeyPoint, Library

METRIC_POINTS = (KeyPoint("Report recall at a fixed precision"), KeyPoint("Pick the threshold"))
METRICS = Card("m", "P?", "Metrics", "concept", 1, None, METRIC_POINTS, "A")
SERVING = Card("s", "P?", "Serving", "design", 1, None,
               (KeyPoint("Latency budget"), KeyPoint("Shadow then canary")), "A")  # fmt: skip
LIBRARY = Library({"d": Deck("d", "T", "D", (METRICS, SERVING))}, {})


def test_levels_trends_and_the_weakest_dimension() -> None:
    today = T0.astimezone().date()
    history = [
        attempt("m", 3, T0 - timedelta(days=10), covered=(), total=2),
        attempt("m", 3, T0, covered=(0, 1), total=2, n=1),
        attempt("s", 2, T0, covered=(0,), total=2, n=2),
        attempt("s", None, T0, covered=(0, 1), total=2, skipped=True, n=3),  # not counted
        attempt("s", None, T0, covered=(0, 1), total=2, n=5),  # saved unrated: not counted
        attempt("gone", 4, T0, covered=(0,), n=4),  # a card no longer in the decks
    ]
    report = compute(history, LIBRARY, today)
    levels = {level.name: level for level in report.levels}
    assert (levels[EVALUATION].ticked, levels[EVALUATION].points) == (2, 4)
    assert levels[EVALUATION].trend == 1.0  # 2/2 this week, 0/2 the week before
    assert (levels[PRODUCTION].ticked, levels[PRODUCTION].points) == (1, 2)
    assert levels[PRODUCTION].trend is None
    assert report.weakest is None and report.command is None  # 50% each: none stands out


def test_mode_and_since_narrow_the_attempts() -> None:
    today = T0.astimezone().date()
    history = [
        attempt("m", 3, T0, covered=(0,), total=2),
        attempt("m", 3, T0 - timedelta(days=3), covered=(0, 1), total=2, mode="other", n=1),
    ]
    assert compute(history, LIBRARY, today, mode="other").levels[0].ticked == 2
    assert compute(history, LIBRARY, today, since=today).levels[0].ticked == 1
    assert compute([], LIBRARY, today).weakest is None


def test_the_progress_ticks_give_the_same_figures_as_the_history() -> None:
    from nora_cli.core.dimension_stats import from_progress
    from nora_cli.core.progress import replay

    today = T0.astimezone().date()
    history = [
        attempt("m", 3, T0 - timedelta(days=30), covered=(1,), total=2, n=9),  # beyond 2 weeks
        attempt("m", 3, T0 - timedelta(days=10), covered=(), total=2),
        attempt("m", 3, T0, covered=(0, 1), total=2, n=1),
        attempt("s", 2, T0, covered=(0,), total=2, n=2),
        attempt("s", 2, T0 - timedelta(days=8), covered=(0, 1), total=2, mode="standard", n=6),
        attempt("s", None, T0, covered=(0, 1), total=2, skipped=True, n=3),
        attempt("gone", 4, T0, covered=(0,), n=4),
    ]
    state = replay(history)
    old_day = (T0 - timedelta(days=30)).astimezone().date().isoformat()
    assert old_day not in {key[0] for key in state.recent_ticks}  # only two weeks by day
    assert ("technical", "m") in state.ticks  # but every answer in the totals
    for mode in (None, "technical", "standard"):
        assert from_progress(state, LIBRARY, today, mode=mode) == compute(
            history, LIBRARY, today, mode=mode
        )


def test_the_weakest_dimension_is_drilled_where_you_practised_it() -> None:
    from nora_cli.core.dimension_stats import from_progress
    from nora_cli.core.progress import replay

    points = (KeyPoint("Evaluate with NDCG@10 offline"), KeyPoint("Report recall@k"))
    ranking = Card("r", "P?", "Ranking", "concept", 1, None, points, "A")
    library = Library({"d": Deck("d", "T", "D", (METRICS, SERVING, ranking))}, {})
    today = T0.astimezone().date()
    history = [
        attempt("m", 2, T0, covered=(), total=2),
        attempt("s", 3, T0, covered=(0, 1), total=2, n=1),
    ]
    for report in (
        compute(history, library, today),
        from_progress(replay(history), library, today),
    ):
        assert report.weakest == EVALUATION
        # Ranking is never practised: `--weak` there would find nothing to drill.
        assert report.command == 'nora drill technical --category "Metrics" --weak'


def test_the_weakest_dimension_is_drilled_where_you_missed_most_of_it() -> None:
    """A category that touched the dimension once loses to one where it is central, though
    its share ticked is lower (0 of 1 against 2 of 6)."""
    from nora_cli.core.dimension_stats import from_progress
    from nora_cli.core.progress import replay

    production = (PRODUCTION,)
    central = Card(
        "c",
        "P?",
        "Serving",
        "design",
        1,
        None,
        tuple(KeyPoint(f"Step {n}", dimensions=production) for n in range(3)),
        "A",
    )
    aside = Card("a", "P?", "Recruiter", "concept", 1, None,
                 (KeyPoint("Mentions the serving stack", dimensions=production),
                  KeyPoint("Is brief", dimensions=(EVALUATION,))), "A")  # fmt: skip
    library = Library({"d": Deck("d", "T", "D", (central, aside))}, {})
    today = T0.astimezone().date()
    history = [
        attempt("c", 2, T0, covered=(0,), total=3),
        attempt("c", 2, T0, covered=(1,), total=3, n=1),
        attempt("a", 3, T0, covered=(1,), total=2, n=2),
    ]
    for report in (
        compute(history, library, today),
        from_progress(replay(history), library, today),
    ):
        assert report.weakest == PRODUCTION
        assert report.command == 'nora drill technical --category "Serving" --weak'


def test_answers_outside_the_decks_count_with_their_own_rubric() -> None:
    """A coding exercise's follow-ups are saved under the exercise id, which no deck has."""
    from nora_cli.core.dimension_stats import from_progress
    from nora_cli.core.progress import replay

    rubric = Card("top-k", "Follow-ups", "Coding", "coding", 1, None,
                  (KeyPoint("Time and space", dimensions=(PRODUCTION,)),
                   KeyPoint("How to test it", dimensions=(EVALUATION,))), "")  # fmt: skip
    history = [attempt("top-k", 3, T0, covered=(0,), total=2)]
    today = T0.astimezone().date()
    for report in (
        compute(history, LIBRARY, today, extra={"top-k": rubric}),
        from_progress(replay(history), LIBRARY, today, extra={"top-k": rubric}),
    ):
        levels = {level.name: (level.ticked, level.points) for level in report.levels}
        assert levels == {EVALUATION: (0, 1), PRODUCTION: (1, 1)}
    assert compute(history, LIBRARY, today).levels == []
