"""Validated data to model dataclasses, by their type hints.

A kind's model class names its fields as its YAML does, so one converter builds every
kind: strings and numbers as they are, dates from YYYY-MM-DD, lists as tuples, nested
mappings as the nested dataclass, or as a dict where the hint is a `Mapping` (e.g.
people-days by skill: typed read-only, and picklable, so project data can come back from
a second process); a field left out takes its default, or an empty tuple or mapping, None
or False. The schema has already checked the data.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
Convert = Callable[[Any], Any]
_MISSING = object()
_MAPPINGS = (dict, Mapping)


def from_data(cls: type[T], data: Mapping[str, Any], **given: Any) -> T:
    """An instance of dataclass `cls` from `data`; `given` fields are set as they are."""
    values = dict(given)
    for name, convert, empty in _plan(cls):  # type: ignore[arg-type]  # classes are hashable
        if name in values:
            continue
        value = data.get(name, _MISSING)
        if value is _MISSING or value is None:
            if empty is _MISSING:
                raise KeyError(name)
            values[name] = empty
        else:
            values[name] = convert(value)
    return cls(**values)


@cache
def _plan(cls: type) -> tuple[tuple[str, Convert, Any], ...]:
    hints = typing.get_type_hints(cls)
    plan = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        if field.default is not dataclasses.MISSING:
            empty: Any = field.default
        else:
            empty = _empty(hint)
        plan.append((field.name, _converter(hint), empty))
    return tuple(plan)


def _empty(hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is tuple:
        return ()
    if origin in _MAPPINGS:
        return {}
    if origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint):
        return None
    if hint is bool:
        return False
    return _MISSING


def _converter(hint: Any) -> Convert:
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        return lambda value: tuple(item(v) for v in value)
    if origin in _MAPPINGS:
        entry = _converter(typing.get_args(hint)[1])
        return lambda value: {k: entry(v) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if hint is date:
        return date.fromisoformat
    if dataclasses.is_dataclass(hint):
        return lambda value: from_data(hint, value)  # type: ignore[arg-type]
    if hint is bool:
        return bool
    return _same


def _same(value: Any) -> Any:
    return value
