"""What the screen says about an answer and a drill: the feedback panel, the walk table, the
drill summary and the mock-interview report by dimension."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from helpers import attempt
from rich.console import Console

from nora_cli.coach.feedback import DeckKnowledge, Feedback, analyse
from nora_cli.core.engine import DrillCard
from nora_cli.core.models import Card
from nora_cli.core.summary import StageResult, summarize
from nora_cli.decks.loader import load_library
from nora_cli.ui import coach_view, render, summary_view


def screen() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200, color_system=None), out


def test_the_panel_shows_dimensions_terms_and_advice_for_missed_points_only() -> None:
    library = load_library()
    card = library.card("cm-precision-vs-recall")
    assert card is not None
    answer = (
        "Precision = TP/(TP+FP). Favour precision when false alarms are costly, per Bonferroni."
    )
    result = analyse(answer, card, DeckKnowledge(library.cards))
    console, out = screen()
    coach_view.feedback_panel(console, card, result)
    text = out.getvalue()
    assert "After a false claim" not in text  # nothing false was said
    assert f"Key points covered: {len(result.covered)} of 5" in text
    assert "By dimension: " in text and "evaluation " in text
    assert "Terms you used: Precision, Bonferroni" in text  # not "Favour", an everyday word
    for index in result.covered:
        assert card.key_points[index].text[:30] not in text  # no advice for a covered point
    assert "Next time:" in text


def test_the_summary_counts_unrated_answers_and_sums_dimensions() -> None:
    library = load_library()
    card = library.card("cm-precision-vs-recall")
    assert card is not None
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    rated = attempt(card.id, 3, now, covered=(0, 1), total=5)
    unrated = attempt(card.id, None, now, n=1)
    summary = summarize([rated, unrated], 2, [DrillCard(card, 150, "test")])
    assert (summary.rated, summary.unrated) == (1, 1)
    console, out = screen()
    summary_view.drill_summary(console, summary, Path("history.jsonl"))
    text = out.getvalue()
    assert "Saved unrated" in text and "1 answer (stopped before the rating)" in text
    assert "By dimension" in text and "evaluation 2/5" in text


def test_at_40_columns_each_dimension_figure_stays_on_one_line_with_its_name() -> None:
    library = load_library()
    card = library.card("cm-precision-vs-recall")
    assert card is not None
    rated = attempt(card.id, 3, datetime(2026, 11, 2, 9, 0, tzinfo=UTC), covered=(0,), total=5)
    summary = summarize([rated], 1, [DrillCard(card, 150, "test")])
    lines = narrow(lambda c: summary_view.drill_summary(c, summary, Path("history.jsonl")))
    for item in render.dimension_items(summary.dimensions):
        assert any(line.strip() == item for line in lines), item


def test_the_mock_report_has_a_row_per_stage_and_names_the_weakest_dimension() -> None:
    stages = [
        StageResult("Coding", 1, 1, 3.0, 1.0, 60, 600, {"technical-clarity": (4, 4)}),
        StageResult("Design", 1, 1, 2.0, 0.2, 60, 600, {"production-design": (1, 5)}),
    ]
    console, out = screen()
    coach_view.stage_report(console, stages)
    text = out.getvalue()
    assert "Mock interview by dimension" in text
    assert "4/4" in text and "1/5" in text
    assert "Weakest dimension: production design (1/5 key points)." in text


def test_counts_of_one_take_the_singular() -> None:
    from nora_cli.core.exercise import RunReport, TestResult
    from nora_cli.ui import code_view

    library = load_library()
    card = library.card("cm-precision-vs-recall")
    assert card is not None
    console, out = screen()
    coach_view.feedback_panel(console, card, analyse("Precision", card, DeckKnowledge(())))
    coach_view.stage_header(console, "Coding", 1, 10)
    code_view.run_line(console, RunReport((TestResult("example 1", True, True),)), 1, 3.0)
    two = (TestResult("example 1", True, True), TestResult("example 2", True, True))
    code_view.run_line(console, RunReport(two), 2, 4.0)
    text = out.getvalue()
    assert "1 word, about 0:00 spoken aloud" in text
    assert "1 card, budget 10:00" in text
    assert "run 1: ✓ the example passes" in text and "run 2: ✓✓ all 2 examples pass" in text


def narrow(paint) -> list[str]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    paint(Console(file=out, width=40, color_system=None))
    return [line.rstrip() for line in out.getvalue().splitlines()]


def test_next_time_advice_wraps_under_its_own_first_word() -> None:
    from nora_cli.coach.feedback import Feedback

    card = load_library().card("cm-precision-vs-recall")
    assert card is not None
    advice = ("Add: favour recall when a missed positive costs more than a false alarm",)
    shown = Feedback((), (0,), (), 3, 1.0, {}, None, None, advice, {})
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, shown))
    first = next(i for i, line in enumerate(lines) if "- Add: favour" in line)
    column = lines[first].index("Add:")
    rest = lines[first + 1 : lines.index(next(x for x in lines if x.startswith("╰")))]
    assert len(rest) >= 2
    assert all(line[1:column].isspace() and line[column] != " " for line in rest)


def test_a_long_note_title_is_shown_whole_and_as_text() -> None:
    from datetime import UTC, datetime

    from nora_cli.core.notebook import PROJECT, STORY, Note

    card = load_library().card("cm-precision-vs-recall")
    assert card is not None
    now = datetime(2026, 11, 2, tzinfo=UTC)
    told = {"title": "Rolled back a [bold]bad[/] ranking launch",
            "result": "Recovered the conversion rate within a day."}  # fmt: skip
    story = Note("s", STORY, told, now)
    project = Note("p", PROJECT, {"name": "Fraud", "objective": "Catch card fraud."}, now)
    lines = narrow(lambda c: coach_view.notebook_at_reveal(c, card, story, project))
    assert lines[:2] == ["Your story: Rolled back a [bold]bad[/]", "  ranking launch"]
    assert lines[2].startswith("╭──") and not any("…" in line for line in lines)
    assert "│ Result: Recovered the conversion     │" in lines
    assert "│   rate within a day.                 │" in lines
    assert lines.count("╭─ Your notes: Fraud ──────────────────╮") == 1
    assert "│ `nora projects edit p`.              │" in lines


def test_the_card_header_breaks_only_between_its_facts() -> None:
    card = load_library().card("cm-precision-vs-recall")
    assert card is not None
    item = DrillCard(card, 150, "due for review")
    lines = narrow(lambda c: render.card_header(c, item, 1, 1))
    facts = [line for line in lines[1:] if line][:2]
    assert facts == [
        "Classification Metrics · basic ·",
        "concept · 2:30 · picked: due for review",
    ]


def test_a_sentence_that_refutes_a_point_is_quoted_back_and_saved() -> None:
    library = load_library()
    card = library.card("code-reservoir-sampling")
    assert card is not None
    wrong = "Each item ends up kept with probability 1/k."
    answer = f"Keep the first k items, then replace a random slot for each later item. {wrong}"
    result = analyse(answer, card, DeckKnowledge(library.cards))
    assert result.contradictions == ((1, wrong),)
    assert result.to_record()["contradicts"] == [[1, wrong]]
    console, out = screen()
    coach_view.feedback_panel(console, card, result)
    text = " ".join(out.getvalue().replace("│", " ").split())
    assert f'Seems to say the opposite of key point #2: "{wrong}"' in text
    # Nothing is ticked after a false claim: the point the first sentence seemed to say is
    # left for the user to tick, and no advice asks for it.
    assert result.covered == () and result.doubt == "false claim"
    assert result.withheld == (0,) and result.to_record()["withheld"] == [0]
    assert (
        "Not ticked, but your answer uses the words of #1: tick one only if you stated it correctly"
        in text
    )
    assert "Where an answer seems to say something false, nora ticks none of the key" in text
    assert "(missed #2, #3, #4, #5; not ticked #1: see below)" in text
    assert not any("first k" in advice.lower() for advice in result.suggestions)
    right = analyse("Each item ends up kept with probability k/n.", card, DeckKnowledge(()))
    assert right.contradictions == ()
    # Only a denial of the point's own words is quoted, not of the model answer's that explain
    # it: a true aside on another card's topic is no accusation.
    peeking = library.card("stat-peeking")
    assert peeking is not None
    aside = analyse("It is not the probability that the null is true.", peeking)
    assert aside.contradictions == ()
    # Said right in one sentence and wrong in another: the wrong one is quoted, and the point
    # is the user's to tick.
    both = analyse(f"Every item ends up in the sample with probability k/n. {wrong}", card)
    assert both.covered == () and both.contradictions == ((1, wrong),)
    assert 1 not in both.withheld  # said right and wrong: quoted, not offered to tick


def analysed(card_id: str, answer: str) -> tuple[Card, Feedback]:
    """A shipped card and the feedback on an answer to it, with the decks' knowledge."""
    library = load_library()
    card = library.card(card_id)
    assert card is not None
    return card, analyse(answer, card, DeckKnowledge(library.cards))


def test_a_point_kept_unticked_for_a_sweeping_word_is_explained_and_saved() -> None:
    swept = "A canary on 1% of traffic always catches regressions."
    card, result = analysed("prod-deploy-new-model-safely", swept)
    [(index, sentence, word)] = result.sweeping
    assert (sentence, word) == (swept, "always") and index not in result.covered
    assert result.to_record()["sweeping"] == [[index, swept, "always"]]
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, result))
    text = " ".join(" ".join(lines).replace("│", " ").split())
    assert f'Not ticked for key point #{index + 1}, said with "always": "{swept}"' in text
    assert "Interviewers probe sweeping words" in text
    plain = analyse("A canary on 1% of traffic catches regressions.", card, DeckKnowledge(()))
    assert index in plain.covered and plain.sweeping == ()


def test_an_answer_that_overclaims_is_ticked_by_the_user_not_by_nora() -> None:
    said = (
        "Always roll out with a canary on 1% of traffic and roll back the moment a guardrail "
        "moves; nothing else is needed."
    )
    card, result = analysed("prod-deploy-new-model-safely", said)
    assert result.covered == () and result.doubt == "sweeping words"
    assert result.overclaims == ("always", "nothing") and result.withheld
    assert result.to_record()["overclaims"] == ["always", "nothing"]
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, result))
    text = " ".join(" ".join(lines).replace("│", " ").split())
    assert 'Sweeping or dismissive words: "always", "nothing"' in text
    assert "Not ticked, but your answer uses the words of #" in text
    assert "where an answer leans on them, nora ticks none of the key points it covers" in text
    calm = said.replace("Always roll", "Roll").replace("; nothing else is needed", "")
    _, plain = analysed("prod-deploy-new-model-safely", calm)
    assert plain.covered and plain.doubt == "" and plain.withheld == ()


def test_an_answer_close_to_two_common_mistakes_is_ticked_by_the_user_not_by_nora() -> None:
    said = (
        "Each training step zeroes a random subset of units. At inference you keep dropout "
        "switched on so the served model behaves the same as in training. Dropout picks a "
        "fixed set of neurons once at the start of training and removes them."
    )
    card, result = analysed("dl-dropout", said)
    assert result.covered == () and result.mistakes == () and result.doubt == "near mistakes"
    assert result.near_mistakes == (card.pitfalls[0], card.pitfalls[1]) and result.withheld
    assert result.to_record()["near_mistakes"] == [card.pitfalls[0], card.pitfalls[1]]
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, result))
    text = " ".join(" ".join(lines).replace("│", " ").split())
    assert f'Close to a common mistake: "{card.pitfalls[0]}"' in text
    assert "Not ticked, but your answer uses the words of #1" in text
    assert "more than once comes close to a common mistake" in text


def test_an_answer_that_mixes_up_what_the_card_contrasts_twice_is_ticked_by_the_user() -> None:
    zero = "L2 drives some weights exactly to zero, so it selects features."
    spread = "With correlated features L1 spreads the weight across all of them."
    said = f"{zero} {spread} L1 adds lambda times the sum of absolute weights to the loss."
    card, result = analysed("mlf-l1-vs-l2", said)
    assert result.covered == () and result.doubt == "swapped roles"
    assert result.swaps == (zero, spread) and result.withheld == (0,)
    assert result.to_record()["swaps"] == [zero, spread]
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, result))
    text = " ".join(" ".join(lines).replace("│", " ").split())
    assert f'Seems to mix up two things the card contrasts: "{zero}"' in text
    assert f'Seems to mix up two things the card contrasts: "{spread}"' in text
    assert "Not ticked, but your answer uses the words of #1" in text
    assert "seems to mix up two things the card contrasts, nora ticks none" in text
    _, once = analysed("mlf-l1-vs-l2", said.replace("L2 drives", "L1 drives"))
    assert once.covered == (0, 1) and once.doubt == "" and once.swaps == ()


def test_a_sentence_that_makes_a_pitfall_is_not_also_quoted_as_an_opposite() -> None:
    said = "The team retrained it on fresh data and it got better; we never found the root cause."
    _, result = analysed("beh-model-poor-in-production", said)
    assert len(result.mistakes) == 1 and result.contradictions == ()


def test_a_long_refuting_sentence_is_cut_in_the_quote() -> None:
    from nora_cli.coach.feedback import Feedback

    card = load_library().card("code-reservoir-sampling")
    assert card is not None
    sentence = "Each item ends up kept with probability 1/k, " + "which is fine " * 20 + "end."
    shown = Feedback((), (1,), (), 3, 1.0, {}, None, None, (), {}, (), ((1, sentence),))
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, shown))
    text = " ".join(" ".join(lines).replace("│", " ").split())
    assert "probability 1/k, which is fine" in text and '..."' in text and "end." not in text
    assert 'fine..."' in text or 'is..."' in text or 'which..."' in text  # a word kept whole


def test_a_sentence_against_several_points_is_quoted_once() -> None:
    from nora_cli.coach.feedback import Feedback

    card = load_library().card("cm-precision-vs-recall")
    assert card is not None
    one, other = "Precision is TP over TP plus FN.", "Recall ignores misses."
    two = Feedback((), (0, 1), (), 3, 1.0, {}, None, None, (), {}, (), ((0, one), (1, one)))
    many = replace(two, contradictions=((0, one), (1, one), (3, one), (2, other)))
    for shown, expected in (
        (two, [f'key points #1 and #2: "{one}"']),
        (many, [f'several key points: "{one}"', f'key point #3: "{other}"']),
    ):
        console, out = screen()
        coach_view.feedback_panel(console, card, shown)
        text = " ".join(out.getvalue().replace("│", " ").split())
        assert text.count("Seems to say the opposite of") == len(expected)
        assert all(f"Seems to say the opposite of {line}" in text for line in expected)


def test_a_held_back_storys_star_line_says_it_reports_what_was_told_not_ticks() -> None:
    sure = "I always ran tests, never skipped. Result: the next iteration lifted retention by 1.5%."
    card, result = analysed("beh-experiment-failed-early-stop", sure)
    assert result.doubt and result.covered == ()
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, result))
    text = " ".join(" ".join(lines).replace("│", " ").split())
    assert "STAR, as told (not ticked): " in text and "✓ Result" in text
    calm = "Result: the next iteration lifted retention by 1.5%."
    card, plain = analysed("beh-experiment-failed-early-stop", calm)
    lines = narrow(lambda c: coach_view.feedback_panel(c, card, plain))
    assert "STAR: " in " ".join(lines) and not plain.doubt
