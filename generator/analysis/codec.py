"""JSON form of frozen dataclasses, driven by their fields and type hints.

`to_json` writes a dataclass as an object with one key per field, in field order; two
kinds of field metadata shape it:

- OMITTED_WHEN_NONE: the key is left out when the value is None;
- FLATTENED: a nested dataclass whose keys are written beside the parent's own (left
  out entirely when None), so that sections of a result share one flat JSON object.

A field with `init=False` is a tag: a constant written like any field, and checked when
read back, so that `from_json` can tell apart the members of a union.

`from_json` reads such an object back into the type, strictly: a missing or unknown key,
or a value of the wrong type, raises DecodeError. Reading is order-insensitive; writing
what was read gives back the same JSON.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import types
import typing
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

_OMIT_NONE = "omitted_when_none"
_FLAT = "flattened"

T = TypeVar("T")


class DecodeError(ValueError):
    """JSON that does not hold the type asked for; the message says where and why."""


# Field metadata: leave the key out of the JSON when the value is None.
OMITTED_WHEN_NONE = MappingProxyType({_OMIT_NONE: True})
# Field metadata: write the nested dataclass's keys into the parent's object.
FLATTENED = MappingProxyType({_FLAT: True})


_JsonFields = tuple[tuple[str, bool, bool], ...] | None
_JSON_FIELDS: dict[type, _JsonFields] = {}


def _json_fields(kind: type) -> _JsonFields:
    """Each field of a dataclass with whether it is FLATTENED and OMITTED_WHEN_NONE; None
    for another type. Read once a type: a site of 10,000 designs writes 2 million values."""
    if kind not in _JSON_FIELDS:
        _JSON_FIELDS[kind] = (
            tuple(
                (f.name, bool(f.metadata.get(_FLAT)), bool(f.metadata.get(_OMIT_NONE)))
                for f in dataclasses.fields(kind)
            )
            if dataclasses.is_dataclass(kind)
            else None
        )
    return _JSON_FIELDS[kind]


def to_json(value: Any, written: Mapping[str, Callable[[Any], Any]] | None = None) -> Any:
    """The JSON form (dicts, lists and scalars) of a dataclass, tuple, list, dict or scalar;
    a field named in `written`, at any depth, is written by its function instead (when it
    is not None)."""
    fields = _json_fields(type(value))
    if fields is not None:
        out: dict[str, Any] = {}
        for name, flattened, omitted_when_none in fields:
            item = getattr(value, name)
            if flattened:
                if item is not None:
                    out.update(to_json(item, written))
            elif item is not None and written and name in written:
                out[name] = written[name](item)
            elif item is not None or not omitted_when_none:
                out[name] = to_json(item, written)
        return out
    if isinstance(value, tuple | list):
        return [to_json(item, written) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item, written) for key, item in value.items()}
    return value


def dumps(value: Any, **options: Any) -> str:
    """JSON text of `value` (to_json's form), refusing NaN and infinity with ValueError:
    JSON has no such numbers (Python would write `NaN`, which strict parsers refuse)."""
    return json.dumps(to_json(value), allow_nan=False, **options)


def non_finite(data: Any, where: str = "") -> list[str]:
    """The keys (dotted, with list positions) of parsed JSON whose number is NaN or
    infinite."""
    if isinstance(data, float):
        return [] if math.isfinite(data) else [where or "the value"]
    if isinstance(data, dict):
        return [k for key, item in data.items() for k in non_finite(item, _key(where, key))]
    if isinstance(data, list):
        return [k for i, item in enumerate(data) for k in non_finite(item, f"{where}[{i}]")]
    return []


def _key(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def from_json(kind: type[T], data: Any) -> T:
    """`data` (parsed JSON) read as `kind`; DecodeError if it does not fit exactly."""
    return typing.cast(T, _decode(kind, data, kind.__name__))


def decode_as(kind: Any, data: Any) -> Any:
    """`data` read as a type that need not be a class, such as a union of dataclasses."""
    return _decode(kind, data, "the document")


def _decode(kind: Any, data: Any, where: str) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        return _union(get_args(kind), data, where)
    if origin is Literal:
        if not any(data == allowed and type(data) is type(allowed) for allowed in get_args(kind)):
            raise DecodeError(f"{where}: {data!r} is not one of {get_args(kind)}")
        return data
    if origin is tuple:
        items = _list(data, where)
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item, f"{where}[{i}]") for i, item in enumerate(items))
        if len(items) != len(args):
            raise DecodeError(f"{where}: {len(items)} items where {len(args)} are expected")
        return tuple(
            _decode(a, item, f"{where}[{i}]")
            for i, (a, item) in enumerate(zip(args, items, strict=True))
        )
    if origin is list:
        (item_kind,) = get_args(kind)
        return [
            _decode(item_kind, item, f"{where}[{i}]") for i, item in enumerate(_list(data, where))
        ]
    if origin in (dict, Mapping):
        key_kind, value_kind = get_args(kind)
        if not isinstance(data, dict):
            raise DecodeError(f"{where}: an object is expected, not {type(data).__name__}")
        return {
            _decode(key_kind, key, where): _decode(value_kind, value, f"{where}.{key}")
            for key, value in data.items()
        }
    if dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise DecodeError(f"{where}: an object is expected, not {type(data).__name__}")
        used: set[str] = set()
        value = _fields(kind, data, used, where)
        unknown = sorted(set(data) - used)
        if unknown:
            raise DecodeError(f"{where}: unknown key {unknown[0]!r}")
        return value
    return _scalar(kind, data, where)


def _union(members: tuple[Any, ...], data: Any, where: str) -> Any:
    if data is None and type(None) in members:
        return None
    problems = []
    for member in members:
        if member is type(None):
            continue
        try:
            return _decode(member, data, where)
        except DecodeError as error:
            problems.append(str(error))
    raise DecodeError("; ".join(problems) or f"{where}: null is not allowed")


def _list(data: Any, where: str) -> list[Any]:
    if not isinstance(data, list):
        raise DecodeError(f"{where}: a list is expected, not {type(data).__name__}")
    return data


def _scalar(kind: Any, data: Any, where: str) -> Any:
    if kind is Any or kind is object:
        return data
    if kind is float:  # JSON has one kind of number: an integer is a float's value too
        fits = isinstance(data, int | float) and not isinstance(data, bool)
    elif kind is int:
        fits = isinstance(data, int) and not isinstance(data, bool)
    elif kind in (str, bool):
        fits = isinstance(data, kind)
    else:
        raise DecodeError(f"{where}: no JSON form for {kind!r}")
    if not fits:
        raise DecodeError(f"{where}: {kind.__name__} expected, not {data!r}")
    return data


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _fields(kind: Any, data: dict[str, Any], used: set[str], where: str) -> Any:
    """An instance of dataclass `kind` from the keys of `data` not yet in `used`; the keys it
    takes are added to `used` only if the whole instance can be made. Only a key that
    `to_json` may leave out can be missing."""
    hints = _hints(kind)
    taken = set(used)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(kind):
        hint = hints[field.name]
        if field.metadata.get(_FLAT):
            where_field = f"{where}.{field.name}"
            values[field.name] = _section(hint, data, taken, where_field, _shared_keys(kind))
        elif field.name in data and field.name not in taken:
            value = _decode(hint, data[field.name], f"{where}.{field.name}")
            if not field.init and value != field.default:
                raise DecodeError(f"{where}.{field.name}: {value!r}, not {field.default!r}")
            taken.add(field.name)
            values[field.name] = value
        elif field.metadata.get(_OMIT_NONE):
            values[field.name] = None
        else:
            raise DecodeError(f"{where}: no {field.name!r}")
    instance = kind(**{f.name: values[f.name] for f in dataclasses.fields(kind) if f.init})
    used |= taken
    return instance


def _section(
    hint: Any, data: dict[str, Any], taken: set[str], where: str, shared: frozenset[str]
) -> Any:
    """A flattened field: its dataclass from the parent's keys, or None when it is optional
    and they do not hold it. A key in `shared` (one that several sections write) does not
    tell that this section is there."""
    members = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
    optional = type(None) in members
    problems = []
    for member in members:
        if member is type(None):
            continue
        try:
            return _fields(member, data, taken, where)
        except DecodeError as error:
            # A section whose own keys are there but do not decode is wrong, not absent.
            if (_own_keys(member) - shared) & (set(data) - taken):
                raise
            problems.append(str(error))
    if optional:
        return None
    raise DecodeError("; ".join(problems))


@functools.cache
def _shared_keys(kind: type) -> frozenset[str]:
    """The keys that more than one flattened section of dataclass `kind` writes (a formed
    and a flat part both give `sheet_thickness_mm`)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for field in dataclasses.fields(kind):
        if not field.metadata.get(_FLAT):
            continue
        hint = _hints(kind)[field.name]
        members = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
        keys = frozenset().union(*(_own_keys(m) for m in members if m is not type(None)))
        shared |= seen & keys
        seen |= keys
    return frozenset(shared)


@functools.cache
def _own_keys(kind: type) -> frozenset[str]:
    """The keys a dataclass writes itself (its flattened sections' keys are theirs)."""
    return frozenset(
        f.name for f in dataclasses.fields(kind) if not f.metadata.get(_FLAT) and f.init
    )
