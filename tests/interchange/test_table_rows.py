"""Table rows and their lines: a quote left open is reported where it opens instead of merging
rows, and every row dropped or value changed is listed with its line, as many as the summary
counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.core.errors import DeckError
from nora_cli.interchange.importing import ImportResult, import_table
from tests.interchange.import_helpers import DATA

runner = CliRunner()

BANK = (
    "question,answer,category,difficulty\n"
    '"What is dropout?","Randomly zeroes activations; a regulariser.",Deep Learning,2\n'
    '"What is batch norm?","Normalises activations per mini-batch.",Deep Learning,2\n'
    '"Broken row with ""unclosed quote,Deep Learning,1\n'
    '"What is a ReLU?",,Deep Learning,1\n'
    ',"An answer with no question",Deep Learning,1\n'
    '"What is Adam?","Adaptive moment estimation.",Deep Learning,banana\n'
)


@pytest.fixture(autouse=True)
def small_library(fixture_questions: Path) -> Path:
    return fixture_questions


def table(text: str) -> ImportResult:
    return import_table(text, deck_id="d", title="T", source="bank.csv")


def prompts(result: ImportResult) -> list[str]:
    return [card["prompt"] for card in yaml.safe_load(result.deck_yaml)["cards"]]


def test_a_quote_closed_on_a_later_line_by_the_next_row_is_reported_where_it_opens() -> None:
    with pytest.raises(DeckError) as caught:
        table(BANK)
    message = caught.value.message
    assert message.startswith("bank.csv line 4: a quoted field opens here")
    assert "line 5" in message and "close the quote" in message and '""' in message


def test_a_quote_that_runs_to_the_end_of_the_file_is_reported_where_it_opens() -> None:
    text = (DATA / "broken_quote.csv").read_text(encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        import_table(text, deck_id="d", title="T", source="broken_quote.csv")
    message = caught.value.message
    assert message.startswith("broken_quote.csv line 2: a quoted field opens here")
    assert "end of the file" in message and "close the quote" in message


def test_the_line_of_a_broken_quote_counts_anki_lines_and_rows_of_several_lines() -> None:
    text = (
        "#separator:comma\n#html:false\n"
        '"What is X?","One line,\nanother line, with commas, like a row, yes"\n'
        '"What is Y?","Left open\n"What is Z?",fine\n'
    )
    with pytest.raises(DeckError, match=r"^s line 5: a quoted field opens here"):
        import_table(text, deck_id="d", title="T", source="s")


def test_quoted_fields_over_several_lines_and_stray_quotes_on_one_line_are_fine() -> None:
    text = (
        "question,answer,category,difficulty\n"
        '"What is X?","First, second, third\nthen, more, and more\nlast",Basics,1\n'
        'He said "hi",Greeting,Basics,1\n'
        '"Quoted" and more,Answer,Basics,1\n'
    )
    result = table(text)
    assert prompts(result) == ["What is X?", 'He said "hi"', "Quoted and more"]
    assert result.dropped == () and result.changed == ()


def test_each_row_dropped_and_each_value_changed_is_listed_with_its_line() -> None:
    text = (
        "question,answer,category,difficulty,kind,time limit\n"
        "What is X?,A thing.,Basics,1,concept,60\n"
        ',"An answer with no question",Basics,1,,\n'
        '"What is Y?","Two\nlines.",Basics,banana,,\n'
        "What is Z?,Z.,Basics,hard,riddle,9000\n"
        "What is X?,A thing.,Basics,1,concept,60\n"
    )
    result = table(text)
    assert prompts(result) == ["What is X?", "What is Y?", "What is Z?"]
    assert result.dropped == (
        "line 3: An answer with no question (row without a question)",
        "line 7: What is X? (the same question and answer as line 2)",
    )
    assert result.changed == (
        "line 4: difficulty 'banana' is not 1-3, easy, medium or hard: set to 2",
        "line 6: kind 'riddle' is not one of concept, coding, design, behavioral, "
        "negotiation, question-to-ask: set to concept",
        "line 6: time limit '9000' is not 10-7200 seconds: left out",
    )
    counted = {
        "1 row without a question dropped",
        "1 duplicate question dropped",
        "1 unreadable difficulty set to 2",
        "1 unknown kind set to concept",
        "1 unreadable time limit left out",
    }
    assert counted <= set(result.summary)


def _listed(output: str, heading: str) -> list[str]:
    """The items under `heading (N):` in the verbose output, after checking N."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{heading} ("))
    count = int(re.search(r"\((\d+)\)", lines[start]).group(1))  # type: ignore[union-attr]
    items = [line.strip() for line in lines[start + 1 : start + 1 + count]]
    assert all(item.startswith("line ") for item in items), items
    return items


def test_verbose_lists_what_the_summary_counts(nora_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "bank.csv"
    source.write_text(BANK.replace('""unclosed quote', 'closed quote"'), encoding="utf-8")
    quiet = runner.invoke(app, ["decks", "import", str(source)])
    assert quiet.exit_code == 0, quiet.output
    assert "1 row without a question dropped (--verbose lists them)" in quiet.output
    assert "1 unreadable difficulty set to 2 (--verbose lists them)" in quiet.output
    result = runner.invoke(app, ["decks", "import", str(source), "--verbose", "--force"])
    assert result.exit_code == 0, result.output
    assert _listed(result.output, "Dropped") == [
        "line 6: An answer with no question (row without a question)"
    ]
    assert _listed(result.output, "Changed") == [
        "line 7: difficulty 'banana' is not 1-3, easy, medium or hard: set to 2"
    ]


def test_the_broken_bank_is_refused_and_no_deck_is_written(nora_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "bank.csv"
    source.write_text(BANK, encoding="utf-8")
    result = runner.invoke(app, ["decks", "import", str(source)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert f"error: {source} line 4: a quoted field opens here" in said
    assert not (nora_home / "decks" / "bank.yaml").exists()
