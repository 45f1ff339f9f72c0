"""Read YAML keeping the line number of every mapping and key, so problems point at file:line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 20 * 1024 * 1024


class LineDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys start (1-based lines)."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[str, int] = {}
        self.repeated_keys: list[tuple[str, int]] = []

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _loader_class() -> Any:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> LineDict:
        loader.flatten_mapping(node)
        data = LineDict()
        data.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in data:
                data.repeated_keys.append((key, line))
            data[key] = loader.construct_object(value_node, deep=True)
            data.key_lines[key] = line
        return data

    LineLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    return LineLoader


_LOADER: Any = None


def load_yaml(path: Path) -> Any:
    """Parse one YAML file. Raises YamlProblem (with a line) for anything unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem(1, f"file is {size // 1_048_576} MiB; the limit is 20 MiB")
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblem(0, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "not valid UTF-8 text; save the file as UTF-8") from exc
    return parse_text(text)


_TOP_LEVEL_ID = re.compile(r"""^id:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def declared_ids(path: Path) -> list[str]:
    """The top-level `id:` values in a file's text, found without parsing it: a file the
    YAML parser refuses can still be named by the id it declares."""
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_FILE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return []
    return [found.group(2) for found in _TOP_LEVEL_ID.finditer(text)]


def parse_text(text: str) -> Any:
    """Parse YAML text (not a file) with the same safety and line-numbered errors."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    if "*" in text:
        _refuse_aliases(text)
    try:
        return yaml.load(text, Loader=_LOADER)  # a SafeLoader subclass: safe by construction
    except yaml.MarkedYAMLError as exc:
        raise syntax_problem(exc, len(text)) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(0, f"YAML error: {exc}") from exc


# Constructs whose opening (a quote, a bracket, a key) is where the mistake is, wherever the
# parser noticed it.
_OPENERS = ("quoted scalar", "flow", "simple key")


def syntax_problem(exc: Any, length: int) -> YamlProblem:
    """PyYAML's error at the line and column where the problem starts: the problem mark, or
    the mark of the construct left open (an unclosed quote or bracket, a key without its
    colon), or noticed only at the end of the file. The other mark is named in the message."""
    problem, context = exc.problem_mark, exc.context_mark
    description = exc.problem or exc.context or "unreadable YAML"
    if problem is None and context is None:
        return YamlProblem(0, f"YAML syntax error: {description}")
    at_end = problem is None or problem.index >= length - 1
    opener = any(word in (exc.context or "") for word in _OPENERS)
    if context is not None and (at_end or opener):
        where = f" at line {problem.line + 1}, column {problem.column + 1}" if problem else ""
        message = f"{exc.context}: {description}{where}" if exc.problem else description
        return YamlProblem(context.line + 1, _at(context, message))
    message = description
    if context is not None and exc.problem:
        message += (
            f" ({exc.context} that started at line {context.line + 1}, column {context.column + 1})"
        )
    return YamlProblem(problem.line + 1, _at(problem, message))


def _at(mark: Any, message: str) -> str:
    return f"YAML syntax error at column {mark.column + 1}: {message}"


def _refuse_aliases(text: str) -> None:
    """Decks never need anchors or aliases, and aliases can expand exponentially: refuse them."""
    import yaml

    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise YamlProblem(
                    line, "YAML aliases (*name) are not allowed in decks; write the value out"
                )
    except yaml.YAMLError:
        return  # the full load reports the error with its line
