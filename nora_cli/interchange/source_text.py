"""A question bank's bytes as text, judged by their content rather than the file's name.

UTF-8 is the rule; UTF-16 and UTF-32 are read when a byte-order mark says so (spreadsheets save
"Unicode text" that way). A package, a database, a PDF, an image or other binary content is
named for what it is, with what to do instead: its bytes are never shown. Text that is not
UTF-8 but has no binary content is read with the odd characters replaced, as before.
"""

from __future__ import annotations

import codecs
import io
import shlex
import zipfile
from pathlib import PurePath

from nora_cli.core.errors import DeckError
from nora_cli.core.wording import counted

IMPORTS = "nora imports Markdown, CSV or TSV text and Anki's 'Notes in Plain Text' export"
FROM_ANKI = "in Anki, choose File > Export, 'Notes in Plain Text (.txt)', and import that file"

# Byte-order marks, longest first: UTF-32's little-endian mark starts like UTF-16's. UTF-8's
# is only dropped: its text is read like any UTF-8.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# What a file is by its first bytes, and what to do instead.
_MAGIC = (
    (b"SQLite format 3\x00", "an SQLite database (Anki keeps its collection in one)", FROM_ANKI),
    (b"%PDF-", "a PDF", "copy its questions into a Markdown or text file and import that"),
    (b"\xd0\xcf\x11\xe0", "an older Office file (.xls or .doc)", "save it as CSV (UTF-8)"),
    (b"\x89PNG", "an image (PNG)", "nora imports text, not pictures of it"),
    (b"\xff\xd8\xff", "an image (JPEG)", "nora imports text, not pictures of it"),
    (b"GIF8", "an image (GIF)", "nora imports text, not pictures of it"),
    (b"\x1f\x8b", "a compressed file (gzip)", "unpack it (gunzip) and import the file inside"),
    (b"BZh", "a compressed file (bzip2)", "unpack it (bunzip2) and import the file inside"),
    (b"\xfd7zXZ\x00", "a compressed file (xz)", "unpack it (unxz) and import the file inside"),
    (b"7z\xbc\xaf\x27\x1c", "a compressed file (7z)", "unpack it and import the file inside"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# What a zip file is by a file inside it, and what to do instead.
_ZIP_KINDS = (
    (("collection.anki2", "collection.anki21", "collection.anki21b"), "an Anki package (.apkg)"),
    (("xl/workbook.xml",), "an Excel workbook (.xlsx)"),
    (("word/document.xml",), "a Word document (.docx)"),
    (("content.xml",), "an OpenDocument file (.ods or .odt)"),
)
_ZIP_FIXES = {
    "an Anki package (.apkg)": FROM_ANKI,
    "an Excel workbook (.xlsx)": "save it as CSV (File > Save As > CSV UTF-8) and import that",
    "a Word document (.docx)": "save it as plain text or Markdown and import that",
    "an OpenDocument file (.ods or .odt)": "save it as CSV or plain text and import that",
}
_SAMPLE = 8192


def decode_source(data: bytes, source: str) -> str:
    """The text of a file to import; DeckError (naming `source`) when it is not text."""
    for mark, codec, name in _MARKS:
        if data.startswith(mark) and codec != "utf-8":
            return _decode(data, len(mark), codec, name, source)
    data = data.removeprefix(codecs.BOM_UTF8)
    _refuse_binary(data, source)
    return data.decode("utf-8", errors="replace")


def not_utf8(data: bytes, source: str) -> str | None:
    """What to tell the user when a file with no byte-order mark is not UTF-8 text (a Latin-1
    or Windows-1252 export): `decode_source` replaced its unreadable characters."""
    if any(data.startswith(mark) for mark, codec, _ in _MARKS if codec != "utf-8"):
        return None
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        replaced = body.decode("utf-8", errors="replace").count("\ufffd")
        what = counted(replaced, "character")
        return (
            f"{source} is not UTF-8 text: {what} from line {line} on could not be read and "
            f"were replaced; to keep them, {_to_utf8('CP1252', source)}, and import that"
        )
    return None


def _decode(data: bytes, mark: int, codec: str, name: str, source: str) -> str:
    """The text after the byte-order mark (`mark` bytes long)."""
    try:
        return data[mark:].decode(codec)
    except UnicodeDecodeError as exc:
        raise DeckError(
            f"{source} starts with the byte-order mark of {name} but is not {name} text from "
            f"byte {mark + exc.start + 1} on; {_to_utf8(name, source)}"
        ) from exc


def _refuse_binary(data: bytes, source: str) -> None:
    """DeckError when the bytes are a package, a database or other binary content."""
    if data.startswith(_ZIP_MAGIC):
        what = _zip_kind(data)
        fix = _ZIP_FIXES.get(what, "unpack it and import the Markdown or CSV file inside")
        raise DeckError(f"{source} is {what}, which nora cannot read: {IMPORTS}; {fix}")
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            raise DeckError(f"{source} is {what}, which nora cannot read: {IMPORTS}; {fix}")
    sample = data[:_SAMPLE]
    unmarked = _utf16_without_mark(sample)
    if unmarked is not None:
        raise DeckError(
            f"{source} looks like UTF-16 without a byte-order mark; {_to_utf8(unmarked, source)}"
        )
    if b"\x00" in sample or _mostly_unreadable(sample):
        raise DeckError(
            f"{source} is not a text file (its content is binary): {IMPORTS}; "
            "check that this is the file you meant"
        )


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "a zip archive"
    for inside, what in _ZIP_KINDS:
        if names & set(inside):
            return what
    return "a zip archive"


def _to_utf8(name: str, source: str) -> str:
    """How to turn a file in the encoding `name` into UTF-8, as a command to paste."""
    path = PurePath(source)
    converted = shlex.quote(str(path.with_name(f"{path.stem}-utf8{path.suffix}")))
    return (
        f"save it again as UTF-8 text, or convert it: "
        f"`iconv -f {name} -t UTF-8 {shlex.quote(source)} > {converted}`"
    )


def _utf16_without_mark(sample: bytes) -> str | None:
    """UTF-16LE or UTF-16BE when the bytes look like UTF-16 text without a mark: a zero byte in
    every other place (Latin letters), on the odd bytes (little-endian) or the even ones
    (big-endian), and hardly any on the others."""
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if max(even, odd) < 0.6 * pairs or min(even, odd) > 0.05 * pairs:
        return None
    return "UTF-16LE" if odd > even else "UTF-16BE"


def _mostly_unreadable(sample: bytes) -> bool:
    """More than one character in ten is not text: control bytes, or bytes that are not UTF-8."""
    text = sample.decode("utf-8", errors="replace")
    if not text:
        return False
    odd = sum(ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f") for ch in text)
    return odd > len(text) / 10
