"""Terminal edge cases with the installed `nora` in a pseudo-terminal: Ctrl-C at every
prompt, a 40-column terminal, TERM=dumb, and input that ends mid-drill."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_installed import confirm_and_rate, expect, installed_nora

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm_cache")]


def spawn(home: Path, args: list[str], *, columns: int = 100, term: str = "xterm-256color"):  # type: ignore[no-untyped-def]
    import pexpect

    env = {**os.environ, "NORA_HOME": str(home), "TERM": term}
    return pexpect.spawn(
        installed_nora(), args, env=env, encoding="utf-8", dimensions=(40, columns), timeout=20
    )


def records(home: Path) -> list[dict[str, object]]:
    path = home / "history.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def first_card_rated(child) -> None:  # type: ignore[no-untyped-def]
    expect(child, "Card 1/3")
    expect(child, "left")
    child.send("first answer\r\r")
    expect(child, "Which key points")
    child.send("\r")
    expect(child, "Rate your answer")
    child.send("3\r")
    expect(child, "Card 2/3")


def test_ctrl_c_at_the_answer_keeps_the_rated_card(nora_home: Path) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "3", "--seed", "11", "--no-walk"])
    try:
        first_card_rated(child)
        expect(child, "left")
        child.sendintr()
        expect(child, "Stopped with Ctrl-C. 1 rated card is saved.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    assert [r["rating"] for r in records(nora_home)] == [3]


@pytest.mark.parametrize("where", ["key points", "rating"])
def test_ctrl_c_after_the_answer_saves_it_unrated(nora_home: Path, where: str) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "3", "--seed", "11", "--no-walk"])
    try:
        first_card_rated(child)
        expect(child, "left")
        child.send("second answer\r\r")
        expect(child, "Which key points")
        if where == "rating":
            child.send("\r")
            expect(child, "Rate your answer")
        child.sendintr()
        expect(child, "unrated.")  # the Saved: line
        expect(child, "Stopped with Ctrl-C. 1 rated card is saved.")
        expect(child, "Saved unrated")
        expect(child, "1 answer \\(stopped before the rating\\)")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    first, second = records(nora_home)
    assert first["rating"] == 3
    assert (second["rating"], second["skipped"], second["answer"]) == (None, False, "second answer")
    assert second["covered"] == []


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
def test_a_closed_terminal_at_the_checklist_keeps_the_answer(
    nora_home: Path, signal_name: str
) -> None:
    import signal

    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "3", "--seed", "11", "--no-walk"])
    try:
        first_card_rated(child)
        expect(child, "left")
        child.send("second answer\r\r")
        expect(child, "Which key points")
        os.kill(child.pid, getattr(signal, signal_name))
        child.expect(pexpect.EOF)
    finally:
        child.close()
    first, second = records(nora_home)
    assert first["rating"] == 3
    assert (second["answer"], second["rating"], second["skipped"]) == ("second answer", None, False)


def test_keys_typed_before_the_checklist_or_rating_decide_nothing(nora_home: Path) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "2", "--seed", "11", "--no-walk"])
    try:
        expect(child, "Card 1/2")
        expect(child, "left")
        # Typed in one go with the answer, before the reveal and the checklist are on screen:
        # without the discard this ticks every point, confirms, and rates the card Hard.
        child.send("an answer\r\rxyz123 a\r2\r")
        expect(child, "Which key points")
        # Enter confirms the checklist; "4" follows at once, before the rating prompt.
        child.send("\r4\r")
        expect(child, "Rate your answer")
        child.send("3\r")
        expect(child, "Card 2/2")
        expect(child, "left")
        child.send(":quit\r")  # a command alone acts at once
        child.expect(pexpect.EOF)
    finally:
        child.close()
    [record] = records(nora_home)
    assert (record["answer"], record["covered"], record["rating"]) == ("an answer", [], 3)


def test_enters_pressed_before_an_answer_prompt_answer_nothing(nora_home: Path) -> None:
    """The Enter that ran the command, pressed twice, and an extra Enter after a rating: none
    of them submits the next card's answer as "answered aloud"."""
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "2", "--seed", "11", "--no-walk"])
    try:
        child.send("\r\r")  # before the first card is on screen
        expect(child, "Card 1/2")
        expect(child, "left")
        child.send("typed answer one\r\r")
        expect(child, "Which key points")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("3\r\r\r")  # two Enters too many, while the next card is drawn
        expect(child, "Card 2/2")
        expect(child, "left")
        child.send("typed answer two\r\r")
        expect(child, "Which key points")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("4\r")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    answers = [(r["answer"], r["rating"]) for r in records(nora_home)]
    assert answers == [("typed answer one", 3), ("typed answer two", 4)]


def test_the_toolbar_says_how_to_submit_and_enter_does_that(nora_home: Path) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "1", "--no-walk"], columns=120)
    try:
        expect(child, "Card 1/1")
        expect(child, "Enter on an empty line submits")
        child.send("line one\r")
        child.send("line two\r")
        # Two lines of text, each ended by Enter, are not submitted.
        with pytest.raises(pexpect.TIMEOUT):
            child.expect("Which key points", timeout=1.5)
        child.send("\r")  # Enter on the empty line
        expect(child, "Which key points")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("2\r")
        expect(child, "Drill summary")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert records(nora_home)[0]["answer"] == "line one\nline two"


def test_ctrl_c_at_the_story_pick(nora_home: Path, tmp_path: Path) -> None:
    import subprocess

    import pexpect

    story = tmp_path / "s.yaml"
    story.write_text("title: A story\nthemes: [incident]\n")
    env = {**os.environ, "NORA_HOME": str(nora_home)}
    subprocess.run([installed_nora(), "stories", "add", "-f", str(story)], env=env, check=True)
    child = spawn(nora_home, ["drill", "behavioral", "-n", "2"])
    try:
        expect(child, "Which story will you tell")
        child.sendintr()
        expect(child, "Stopped with Ctrl-C. No card was rated.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130 and records(nora_home) == []


def test_a_40_column_terminal(nora_home: Path) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "1", "--no-walk"], columns=40)
    try:
        expect(child, "Card 1/1")
        expect(child, "left")
        child.send("narrow but fine\r\r")
        expect(child, "Which key points")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("4\r")
        expect(child, "Drill summary")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0 and records(nora_home)[0]["rating"] == 4


def test_term_dumb_falls_back_to_plain_mode(nora_home: Path) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "1", "--no-walk"], term="dumb")
    try:
        expect(child, "Plain mode")
        expect(child, "> ")
        child.send("plain answer\r\r")
        expect(child, "Key points covered")
        child.send("1\r")
        expect(child, "Rating 1 again")
        child.send("2\r")
        expect(child, "Drill summary")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    [record] = records(nora_home)
    assert record["rating"] == 2 and record["answer"] == "plain answer"
    assert "\x1b[" not in (child.before or "")


def test_input_closed_mid_drill_in_plain_mode(nora_home: Path) -> None:
    import subprocess

    env = {**os.environ, "NORA_HOME": str(nora_home)}
    done = subprocess.run(
        [installed_nora(), "drill", "technical", "--plain", "-n", "3", "--no-walk"],
        input="one\n\n1\n3\ntwo, cut off mid-answ",
        env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0
    assert "Input ended. 1 rated card is saved." in done.stdout
    assert "Traceback" not in done.stderr
    assert len(records(nora_home)) == 1


PITFALL_DECK = """id: mine
title: Mine
description: One card with a pitfall.
cards:
  - id: mine-p-value
    prompt: What does a small p-value tell you?
    category: Statistics
    kind: concept
    difficulty: 1
    key_points:
      - "The probability of data at least this extreme if the null hypothesis holds"
      - "Says nothing about effect size; huge samples make tiny effects significant"
    answer: >-
      It measures how surprising the data would be under the null hypothesis. It says nothing
      about the size of the effect: with huge samples, tiny effects become significant.
    pitfalls:
      - "A smaller p-value means the effect is bigger."
"""


def answer_one_card(nora_home: Path, deck: str, answer: str, shown: str, rating: str) -> object:
    """Drill the one card of `deck` in a terminal: type `answer`, see `shown` on the panel,
    confirm the checklist as pre-ticked and rate; the saved record's feedback."""

    (nora_home / "decks").mkdir(parents=True, exist_ok=True)
    (nora_home / "decks" / "mine.yaml").write_text(deck)
    child = spawn(nora_home, ["drill", "technical", "--deck", "mine", "-n", "1"])
    try:
        expect(child, "Card 1/1")
        expect(child, "left")
        child.send(f"{answer}\r\r")
        expect(child, shown)
        confirm_and_rate(child, rating, summary=False)
    finally:
        child.close()
    [record] = records(nora_home)
    assert record["covered"] == [] and record["rating"] == int(rating)
    return record["feedback"]


def test_a_pitfall_in_the_answer_is_called_out_and_saved(nora_home: Path) -> None:
    answer = "A smaller p-value means a bigger effect."
    feedback = answer_one_card(nora_home, PITFALL_DECK, answer, "Possibly a common mistake", "2")
    assert isinstance(feedback, dict)
    assert feedback["mistakes"] == ["A smaller p-value means the effect is bigger."]


FIGURE_DECK = """
id: mine
title: Mine
description: A card with a figure.
cards:
  - id: reservoir
    prompt: "How do you sample k items uniformly from a stream of unknown length?"
    category: Coding
    kind: concept
    difficulty: 1
    key_points:
      - "Keep the first k; for item i draw j uniform in [0, i] and replace slot j if j < k"
      - "Every item ends up in the sample with probability k/n"
    answer: >-
      Keep the first k items, then give item i a k/(i+1) chance to replace a random slot;
      every item ends up in the sample with probability k/n.
"""


def test_a_sentence_against_a_key_point_is_quoted_and_saved(nora_home: Path) -> None:
    wrong = "Each item ends up in the sample with probability 1/k."
    shown = "Seems to say the opposite of key point #2"
    feedback = answer_one_card(nora_home, FIGURE_DECK, wrong, shown, "1")
    assert isinstance(feedback, dict)
    assert feedback["contradicts"] == [[1, wrong]]


SWEEPING_DECK = """
id: mine
title: Mine
description: A rollout card.
cards:
  - id: rollout
    prompt: "How do you roll out a retrained model?"
    category: ML Production
    kind: concept
    difficulty: 1
    key_points:
      - "Short shadow and canary stages with automatic rollback before full traffic"
      - "Validate the fresh training data first: schema, volume and label rate"
    answer: >-
      Check the new training data's schema, volume and label rate, then run the model in shadow
      and on a small canary with automatic rollback before it takes full traffic.
"""


def test_a_point_kept_unticked_for_a_sweeping_word_is_explained_and_saved(
    nora_home: Path,
) -> None:
    swept = "A canary stage always catches problems before full traffic."
    shown = 'Not ticked for key point #1, said with "always"'
    feedback = answer_one_card(nora_home, SWEEPING_DECK, swept, shown, "2")
    assert isinstance(feedback, dict)
    assert feedback["sweeping"] == [[0, swept, "always"]]


def test_an_answer_that_overclaims_is_left_for_the_user_to_tick(nora_home: Path) -> None:
    sure = (
        "Always validate the training data schema first; a canary stage always catches "
        "problems before full traffic, and nothing else is needed."
    )
    feedback = answer_one_card(
        nora_home, SWEEPING_DECK, sure, "Not ticked, but your answer uses the words of", "2"
    )
    assert isinstance(feedback, dict)
    assert feedback["doubt"] == "sweeping words" and feedback["covered"] == []
    assert feedback["overclaims"] == ["always", "nothing"] and feedback["withheld"] == [0, 1]


NEAR_DECK = """
id: mine
title: Mine
description: A dropout card.
cards:
  - id: dropout
    prompt: "What is dropout?"
    category: Deep Learning
    kind: concept
    difficulty: 1
    key_points:
      - "Each training step zeroes a random subset of units, a different one every step"
      - "Inverted dropout scales the kept units by 1 / (1 - p) during training"
      - "At inference dropout is off and nothing is rescaled"
    answer: >-
      Each training step zeroes a random subset of units; inverted dropout scales the kept
      units by 1 / (1 - p) so nothing changes at inference, where dropout is off.
    pitfalls:
      - "Dropout stays on at inference too, so the served model behaves the same as in training."
      - "Dropout removes a fixed set of neurons chosen once at the start of training."
"""


def test_an_answer_close_to_two_common_mistakes_is_left_for_the_user_to_tick(
    nora_home: Path,
) -> None:
    near = (
        "Dropout picks a fixed set of neurons once at the start of training and removes them. "
        "At inference you keep dropout switched on so the served model behaves the same as in "
        "training. Kept units are scaled by 1 / (1 - p) during training."
    )
    feedback = answer_one_card(nora_home, NEAR_DECK, near, "Close to a common mistake", "2")
    assert isinstance(feedback, dict)
    assert feedback["doubt"] == "near mistakes" and feedback["covered"] == []
    assert len(feedback["near_mistakes"]) == 2 and 1 in feedback["withheld"]


SWAP_DECK = """
id: mine
title: Mine
description: An ensembles card.
cards:
  - id: ensembles
    prompt: "How do bagging and boosting differ?"
    category: ML Fundamentals
    kind: concept
    difficulty: 1
    key_points:
      - >-
        Bagging trains models in parallel on bootstrap samples; boosting trains them one
        after another on the previous errors
      - "Bagging mainly reduces variance; boosting mainly reduces bias"
      - "Both combine many weak learners into one prediction"
    answer: >-
      Bagging trains models in parallel on bootstrap samples and mainly reduces variance;
      boosting trains them one after another on the previous errors and mainly reduces bias.
"""


def test_an_answer_that_swaps_roles_twice_is_left_for_the_user_to_tick(nora_home: Path) -> None:
    swapped = (
        "Boosting trains models in parallel on bootstrap samples. Bagging mainly reduces bias. "
        "Both combine many weak learners into one prediction."
    )
    feedback = answer_one_card(nora_home, SWAP_DECK, swapped, "Seems to mix up two things", "2")
    assert isinstance(feedback, dict)
    assert feedback["doubt"] == "swapped roles" and feedback["covered"] == []
    assert feedback["swaps"] == [
        "Boosting trains models in parallel on bootstrap samples.",
        "Bagging mainly reduces bias.",
    ]
    assert feedback["withheld"] == [2]
