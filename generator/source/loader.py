"""Load standards YAML with the position of every value.

One parse per file: PyYAML's C parser composes the node tree, and we build the
plain Python data from it ourselves, so that the same walk can refuse what YAML
would silently accept (duplicate keys, aliases, tags) and remember every node's
position for error messages.

The text is untrusted, so the work per file is bounded: only a regular file of at most
MAX_FILE_BYTES is read (generator.shared.regular_files), nesting deeper than MAX_DEPTH
is refused, every node is built once however many aliases share it, and problems are
located from what that one walk recorded, never by searching the tree again.
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
from generator.shared.regular_files import UnreadableFile, read_regular_file

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
_NULL = "tag:yaml.org,2002:null"
_MAX_INT_BITS = 63
_PLAIN_SCALARS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# Characters an XML document (and so a Word file) cannot hold.
UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

PathItem = str | int

# A standard is at most a few tens of kilobytes and a few levels deep (the largest shipped
# one is about 20 kB, 6 levels); these bound the work an edited file can cause. Checking
# Markdown for raw HTML costs up to about 30 microseconds a character on hostile text, so
# the size limit also bounds that: about 15 s for a file at the limit.
MAX_FILE_BYTES = 500_000
MAX_DEPTH = 40


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
        text = read_regular_file(path, MAX_FILE_BYTES).decode("utf-8")
        node: yaml.Node | None = yaml.compose(text, Loader=_Loader)
        return node
    except (UnreadableFile, UnicodeDecodeError, yaml.YAMLError, RecursionError):
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
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFile as err:
        return None, [Problem(display, 0, 0, "", err.reason)]
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
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at 1000 levels
        return None, [Problem(display, 1, 1, "", _TOO_DEEP)]
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
    return Document(path, display, kind, data, root), builder.problems(text)


def _line_column(text: str | bytes, index: int) -> tuple[int, int]:
    """1-based line and column of position `index` in `text`."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    start = text.rfind(newline, 0, index) + 1  # type: ignore[arg-type]
    return text.count(newline, 0, index) + 1, index - start + 1  # type: ignore[arg-type]


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"


_TOO_DEEP = (
    f"nested more than {MAX_DEPTH} levels deep; a standard's fields are never this deep: "
    "check the indentation and brackets"
)
_ALIAS = "YAML aliases (*name) are not allowed; write the value out"


class _Builder:
    """Builds Python data from a node tree, noting what a standard may not contain.

    Every node is built once: `parents` maps each node built to its parent and its key
    or index there, so a node shared through aliases is not expanded again, and the field
    of a problem is found by walking up from its node (no path is kept while walking).
    """

    def __init__(self, display: str) -> None:
        self.display = display
        # (node whose position is shown, node whose field is shown, key under it, message)
        self.found: list[tuple[yaml.Node, yaml.Node, list[PathItem], str]] = []
        self.parents: dict[int, tuple[yaml.Node | None, PathItem]] = {}
        self.shared = False  # a node was reached twice: the file has aliases
        self.too_deep = False
        self.constructor = _Loader("")

    def problems(self, text: str) -> list[Problem]:
        out = []
        for node, owner, below, message in self.found:
            mark = node.start_mark
            path = [*self.path_of(owner), *below]
            out.append(
                Problem(self.display, mark.line + 1, mark.column + 1, field_name(path), message)
            )
        if self.shared or (self.found and "*" in text):
            for mark, path in _alias_places(text):
                out.append(
                    Problem(self.display, mark.line + 1, mark.column + 1, field_name(path), _ALIAS)
                )
        return out

    def path_of(self, node: yaml.Node) -> list[PathItem]:
        """The path from the root to a node built by this builder."""
        path: list[PathItem] = []
        parent, key = self.parents.get(id(node), (None, 0))
        while parent is not None:
            path.append(key)
            parent, key = self.parents[id(parent)]
        path.reverse()
        return path

    def note(self, node: yaml.Node, message: str) -> None:
        self.found.append((node, node, [], message))

    def build(
        self, node: yaml.Node, parent: yaml.Node | None = None, key: PathItem = 0, depth: int = 0
    ) -> Any:
        if id(node) in self.parents:
            self.shared = True
            return None
        self.parents[id(node)] = (parent, key)
        cls = node.__class__
        if cls is yaml.ScalarNode:
            if node.tag == _STR:
                value: str = node.value
                bad = UNHOLDABLE.search(value)
                if bad:
                    self.note(
                        node,
                        f"contains the character U+{ord(bad.group()):04X}, "
                        "which Word and the web cannot hold; remove it",
                    )
                return value
            if node.tag in _PLAIN_SCALARS:
                return self._plain(node)
            self.note(node, f"YAML tags ({_short(node.tag)}) are not allowed; write a plain value")
            return node.value
        if depth >= MAX_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.note(node, _TOO_DEEP)
            return None
        if cls is yaml.SequenceNode:
            if node.tag != _SEQ:
                self.note(
                    node, f"YAML tags ({_short(node.tag)}) are not allowed; write a plain list"
                )
            return [self.build(item, node, i, depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, depth)

    def _plain(self, node: yaml.Node) -> Any:
        """A number, true/false or null. An integer past 64 bits is no value of a standard:
        Python refuses to convert one of over 4,300 digits either way (from or to text)."""
        try:
            value = self.constructor.construct_object(node)
        except ValueError:
            value = None
        unreadable = value is None and node.tag != _NULL
        if unreadable or (isinstance(value, int) and value.bit_length() > _MAX_INT_BITS):
            self.note(node, "this number is too large for any field; write a smaller number, or "
                      "put text in quotes")
            return None
        return value

    def _mapping(self, node: yaml.Node, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            self.note(
                node, f"YAML tags ({_short(node.tag)}) are not allowed; write a plain mapping"
            )
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag == _MERGE:
                below = [key_node.value] if key_node.__class__ is yaml.ScalarNode else []
                message = "keys must be plain names (no merge keys or complex keys)"
                self.found.append((key_node, node, below, message))
                continue
            key = key_node.value
            if key in result:
                message = "duplicate key: this key appears twice in the same mapping; keep one"
                self.found.append((key_node, node, [key], message))
                continue
            result[key] = self.build(value_node, node, key, depth + 1)
        return result


def _alias_places(text: str) -> list[tuple[Any, list[PathItem]]]:
    """Where each alias (*name) of `text` is, and the field it stands for: one pass over the
    parser's events (an alias shares its anchor's node, so its own place is only there)."""
    places: list[tuple[Any, list[PathItem]]] = []  # (mark: yaml's or libyaml's, path)
    # One frame per open collection: [is a mapping, key or index of the current item (None
    # while a mapping's key is read), whether the next node is a mapping's key].
    stack: list[list[Any]] = []

    def done(value: PathItem | None) -> None:  # the node at the current place is complete
        if stack:
            frame = stack[-1]
            if not frame[0]:
                frame[1] += 1
            elif frame[2]:
                frame[1], frame[2] = value, False
            else:
                frame[1], frame[2] = None, True

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            if event.start_mark is not None:
                places.append((event.start_mark, [f[1] for f in stack if f[1] is not None]))
            done(None)
        elif isinstance(event, yaml.ScalarEvent):
            done(event.value)
        elif isinstance(event, yaml.MappingStartEvent):
            stack.append([True, None, True])
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append([False, 0, False])
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            done(None)
    return places


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
