"""Load standards YAML with the position of every value.

One parse per file: PyYAML's C parser composes the node tree, and we build the
plain Python data from it ourselves, so that the same walk can refuse what YAML
would silently accept (duplicate keys, aliases, tags) and remember every node's
position for error messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as text: the schema checks them as `format: date`."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_SCALARS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# Characters an XML document (and so a Word file) cannot hold.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

PathItem = str | int


@dataclass(frozen=True, slots=True)
class Document:
    """One YAML file: its data and the node tree that locates every value in it."""

    path: Path
    display: str
    kind: str
    data: Any  # None when the file could not be read as a mapping
    root: yaml.Node | None
    trusted: bool = True  # False when loading found problems: schema checks would only add noise

    def locate(self, path: Sequence[PathItem], key: str | None = None) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its mapping key `key`."""
        node = self.root
        if node is None and self.data is not None:
            node = _node_tree(self.path)
        if node is None:
            return 0, 0
        for item in path:
            child = _child(node, item)
            if child is None:
                break
            node = child
        if key is not None and isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key:
                    node = key_node
                    break
        return node.start_mark.line + 1, node.start_mark.column + 1

    def __reduce__(self) -> tuple[type[Document], tuple[Any, ...]]:
        """Pickle without the node tree; `locate` parses the file again if it is needed."""
        return Document, (self.path, self.display, self.kind, self.data, None, self.trusted)


@lru_cache(maxsize=64)
def _node_tree(path: Path) -> yaml.Node | None:
    try:
        node: yaml.Node | None = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
        return node
    except (OSError, yaml.YAMLError):
        return None


def _child(node: yaml.Node, item: PathItem) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == item:
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(item, int) and item < len(node.value):
        return node.value[item]
    return None


def field_name(path: Sequence[PathItem]) -> str:
    """`requirements[2].obligation.directive` for ['requirements', 2, 'obligation', 'directive']."""
    out = ""
    for item in path:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else str(item))
    return out


def load_document(path: Path, kind: str, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file. A file that cannot be read as a mapping yields no document."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8"
        return None, [Problem(display, *_line_column(raw, err.start), "", message)]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = f"YAML syntax: {err.problem or err}"
        if err.context and err.context_mark and err.context_mark is not mark:
            message += f" ({err.context} at line {err.context_mark.line + 1})"
        return None, [Problem(display, line, column, "", message)]
    except yaml.reader.ReaderError as err:
        message = f"character {err.character!r} is not allowed in YAML; remove it"
        return None, [Problem(display, *_line_column(text, err.position), "", message)]
    except yaml.YAMLError as err:
        return None, [Problem(display, 1, 1, "", f"YAML: {err}")]
    if root is None:
        return None, [
            Problem(display, 1, 1, "", "the file is empty; a standard is a mapping of fields")
        ]
    if not isinstance(root, yaml.MappingNode):
        return None, [
            Problem(
                display,
                root.start_mark.line + 1,
                root.start_mark.column + 1,
                "",
                f"a standard must be a mapping of fields (key: value), not a {_node_kind(root)}",
            )
        ]
    builder = _Builder(display)
    data = builder.build(root)
    return Document(path, display, kind, data, root), builder.problems(root, text)


def _line_column(text: str | bytes, index: int) -> tuple[int, int]:
    """1-based line and column of position `index` in `text`."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    start = text.rfind(newline, 0, index) + 1  # type: ignore[arg-type]
    return text.count(newline, 0, index) + 1, index - start + 1  # type: ignore[arg-type]


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"


class _Builder:
    """Builds Python data from a node tree, noting what a standard may not contain.

    Hot path: no path is kept while walking; the field of a problem is found
    afterwards, from the node, only when there is a problem.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self.found: list[tuple[yaml.Node, str]] = []
        self.aliases: list[tuple[yaml.Node, PathItem]] = []  # (parent node, key or index)
        self.seen: set[int] = set()
        self.constructor = _Loader("")

    def problems(self, root: yaml.Node, text: str) -> list[Problem]:
        out = []
        for node, message in self.found:
            mark = node.start_mark
            path = _path_to(root, node) or []
            out.append(
                Problem(self.display, mark.line + 1, mark.column + 1, field_name(path), message)
            )
        if self.aliases:  # an alias shares its anchor's node: its own place is in the events
            events = yaml.parse(text, Loader=_Loader)
            marks = [
                e.start_mark for e in events if isinstance(e, yaml.AliasEvent) and e.start_mark
            ]
            for mark, (parent, key) in zip(marks, self.aliases, strict=False):
                path = [*(_path_to(root, parent) or []), key]
                message = "YAML aliases (*name) are not allowed; write the value out"
                out.append(
                    Problem(self.display, mark.line + 1, mark.column + 1, field_name(path), message)
                )
        return out

    def build(self, node: yaml.Node, parent: yaml.Node | None = None, key: PathItem = 0) -> Any:
        if id(node) in self.seen:
            if parent is not None:
                self.aliases.append((parent, key))
            return None
        self.seen.add(id(node))
        cls = node.__class__
        if cls is yaml.ScalarNode:
            if node.tag == _STR:
                value: str = node.value
                bad = _UNHOLDABLE.search(value)
                if bad:
                    self.found.append(
                        (
                            node,
                            f"contains the character U+{ord(bad.group()):04X}, "
                            "which Word and the web cannot hold; remove it",
                        )
                    )
                return value
            if node.tag in _PLAIN_SCALARS:
                return self.constructor.construct_object(node)
            self.found.append(
                (node, f"YAML tags ({_short(node.tag)}) are not allowed; write a plain value")
            )
            return node.value
        if cls is yaml.SequenceNode:
            if node.tag != _SEQ:
                self.found.append(
                    (node, f"YAML tags ({_short(node.tag)}) are not allowed; write a plain list")
                )
            return [self.build(item, node, i) for i, item in enumerate(node.value)]
        return self._mapping(node)

    def _mapping(self, node: yaml.Node) -> dict[str, Any]:
        if node.tag != _MAP:
            self.found.append(
                (node, f"YAML tags ({_short(node.tag)}) are not allowed; write a plain mapping")
            )
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag == _MERGE:
                self.found.append(
                    (key_node, "keys must be plain names (no merge keys or complex keys)")
                )
                continue
            key = key_node.value
            if key in result:
                self.found.append(
                    (
                        key_node,
                        "duplicate key: this key appears twice in the same mapping; keep one",
                    )
                )
                continue
            result[key] = self.build(value_node, node, key)
        return result


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _path_to(node: yaml.Node, target: yaml.Node) -> list[PathItem] | None:
    """The path from `node` down to `target` (a value node or a mapping key node)."""
    if node is target:
        return []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node is target:
                return [key_node.value]
            below = _path_to(value_node, target)
            if below is not None:
                return [key_node.value, *below]
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            below = _path_to(item, target)
            if below is not None:
                return [i, *below]
    return None
