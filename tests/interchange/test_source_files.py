"""What `nora decks import` makes of a file's bytes: UTF-8, UTF-16 and UTF-32 text by its
byte-order mark; a package, a database or other binary content named for what it is, with what
to do instead, and never printed."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.core.errors import DeckError
from nora_cli.decks.loader import load_library
from nora_cli.interchange.export import export_anki
from nora_cli.interchange.source_text import decode_source
from tests.conftest import FIXTURE_QUESTIONS

runner = CliRunner()


@pytest.fixture(autouse=True)
def small_library(fixture_questions: Path) -> Path:
    return fixture_questions


CSV = "question,answer\nWhat is a p-value?,The chance of data this extreme under the null.\n"


def imported(nora_home: Path, source: Path) -> list[str]:
    result = runner.invoke(app, ["decks", "import", str(source), "--id", "bank"])
    assert result.exit_code == 0, result.output
    deck = yaml.safe_load((nora_home / "decks" / "bank.yaml").read_text(encoding="utf-8"))
    return [card["prompt"] for card in deck["cards"]]


def refused(source: Path) -> str:
    """The error for a file that is not text: exit 2, one message, none of the file's bytes."""
    result = runner.invoke(app, ["decks", "import", str(source)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "\ufffd" not in result.output
    assert not any(ch < " " and ch not in "\n" for ch in result.output), result.output
    said = " ".join(result.output.replace(" \\\n", " ").split())  # a command goes on over lines
    assert said.startswith(f"error: {source} ")
    return said


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read_in_its_encoding(
    encoding: str, nora_home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "bank.csv"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    source.write_bytes(bom + CSV.encode(encoding))
    assert imported(nora_home, source) == ["What is a p-value?"]


def test_utf16_that_breaks_off_names_its_encoding_and_how_to_convert_it(tmp_path: Path) -> None:
    source = tmp_path / "bank.csv"
    source.write_bytes(b"\xff\xfe" + CSV.encode("utf-16-le") + b"\x00\xd8")  # half a pair
    said = refused(source)
    half = len(CSV.encode("utf-16-le")) + 3  # the mark, the text, then the half pair
    assert f"byte-order mark of UTF-16 but is not UTF-16 text from byte {half} on" in said
    assert f"iconv -f UTF-16 -t UTF-8 {source} > {tmp_path / 'bank-utf8.csv'}" in said


def test_utf16_without_a_byte_order_mark_is_named_not_called_binary(tmp_path: Path) -> None:
    source = tmp_path / "bank.csv"
    source.write_bytes(CSV.encode("utf-16-le"))
    said = refused(source)
    assert "UTF-16 without a byte-order mark" in said and "iconv -f UTF-16LE -t UTF-8" in said


@pytest.mark.parametrize("name", ["deck.apkg", "deck.csv", "deck.md"])
def test_nora_s_own_anki_package_is_named_whatever_its_file_is_called(
    name: str, tmp_path: Path
) -> None:
    deck = load_library(root=FIXTURE_QUESTIONS).decks["metrics"]
    source = tmp_path / name
    export_anki(deck, source)
    said = refused(source)
    assert f"{source} is an Anki package (.apkg)" in said
    assert "Notes in Plain Text" in said and "Markdown" in said and "CSV" in said


def test_an_sqlite_database_is_named(tmp_path: Path) -> None:
    source = tmp_path / "collection.anki2"
    with sqlite3.connect(source) as db:
        db.execute("create table notes (flds text)")
    db.close()
    said = refused(source)
    assert "an SQLite database" in said and "Notes in Plain Text" in said


def test_a_spreadsheet_is_named_with_how_to_save_it_as_csv(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    source = tmp_path / "bank.xlsx"
    source.write_bytes(buffer.getvalue())
    said = refused(source)
    assert "an Excel workbook" in said and "CSV" in said


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "an image"),
        (b"\x1f\x8b\x08\x00" + bytes(range(40)), "compressed"),
        (bytes(range(256)) * 4, "not a text file"),
        (bytes(range(1, 256)) * 4, "not a text file"),  # no zero byte, still not text
    ],
)
def test_other_binary_content_is_named(data: bytes, named: str, tmp_path: Path) -> None:
    source = tmp_path / "bank.md"
    source.write_bytes(data)
    assert named in refused(source)


def test_text_that_is_not_utf8_is_still_read_with_its_odd_characters_replaced() -> None:
    """A Latin-1 file is text: it is read, as before, not refused."""
    text = decode_source("question,answer\nCafé?,Oui.\n".encode("latin-1"), "s.csv")
    assert text.startswith("question,answer\nCaf\ufffd?")


def test_text_that_is_not_utf8_is_imported_with_a_warning_that_says_where_and_how_to_fix(
    nora_home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "bank.csv"
    source.write_bytes("question,answer\nWhat is AUC?,A rank.\nCafé naïve?,Oui.\n".encode("cp1252"))
    result = runner.invoke(app, ["decks", "import", str(source), "--id", "bank"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.replace(" \\\n", " ").split())  # a command goes on over lines
    assert f"warning: {source} is not UTF-8 text: 2 characters from line 3 on could not" in said
    assert f"iconv -f CP1252 -t UTF-8 {source} > {tmp_path / 'bank-utf8.csv'}" in said
    source.write_bytes("question,answer\nCafé naïve?,Oui.\n".encode())
    again = runner.invoke(app, ["decks", "import", str(source), "--id", "bank2"])
    assert again.exit_code == 0 and "UTF-8" not in again.stderr


def test_an_empty_file_is_empty_text() -> None:
    assert decode_source(b"", "s.md") == ""
    with pytest.raises(DeckError):
        decode_source(b"PK\x03\x04", "s.md")
