"""A typed codec between the model's dataclasses and JSON-safe dicts.

Encoding and decoding are both driven by the field annotations (``typing.get_type_hints``), so
``from_dict(type(x), to_dict(x)) == x`` holds for every dataclass in :mod:`triangulate.model`:

* nested dataclasses become dicts, tuples become lists, dates become ISO strings;
* a StrEnum becomes its value;
* a ``float`` field stores ``math.inf``/``-math.inf`` as the strings ``"inf"``/``"-inf"`` so the
  JSON stays valid; NaN is rejected;
* a ``str | float | None`` union keeps its value as is; a non-finite float there is stored as
  ``{"float": "inf"}`` so it cannot be mistaken for the string ``"inf"``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from datetime import date
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")

_INFINITIES = {"inf": math.inf, "-inf": -math.inf}
_FLOAT_TAG = "float"
_FIELD_HINTS: dict[type[Any], dict[str, Any]] = {}


def to_dict(obj: object) -> dict[str, Any]:
    """The dataclass instance ``obj`` as a JSON-safe dict, recursively."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        raise TypeError(f"to_dict expects a dataclass instance, got {type(obj).__name__}")
    hints = _field_hints(type(obj))
    return {name: _encode(getattr(obj, name), hint, name) for name, hint in hints.items()}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild an instance of the dataclass ``cls`` from what :func:`to_dict` made of it."""
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _field_hints(cls)
    unknown = sorted(set(data) - set(hints))
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(unknown)}")
    kwargs = {name: _decode(value, hints[name], f"{cls.__name__}.{name}") for name, value in data.items()}
    return cls(**kwargs)


def dumps(obj: object) -> str:
    """Compact JSON of :func:`to_dict`; non-ASCII text is kept as is."""
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def loads(cls: type[T], s: str) -> T:
    """The inverse of :func:`dumps`."""
    return from_dict(cls, json.loads(s))


def _field_hints(cls: type[Any]) -> dict[str, Any]:
    """Field name -> resolved annotation, in field order (cached per class)."""
    cached = _FIELD_HINTS.get(cls)
    if cached is None:
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"{cls.__name__} is not a dataclass")
        hints = typing.get_type_hints(cls)
        cached = _FIELD_HINTS[cls] = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    return cached


def _union_args(hint: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        return typing.get_args(hint)
    return None


def _tuple_item(hint: Any) -> Any | None:
    """The item type of ``tuple[X, ...]``, or None when ``hint`` is not one."""
    if typing.get_origin(hint) is not tuple:
        return None
    args = typing.get_args(hint)
    if len(args) != 2 or args[1] is not Ellipsis:
        raise TypeError(f"only tuple[X, ...] is supported, not {hint}")
    return args[0]


# -- encoding -------------------------------------------------------------------------------------


def _encode(value: Any, hint: Any, where: str) -> Any:
    if value is None:
        return None
    args = _union_args(hint)
    if args is not None:
        return _encode_union(value, args, where)
    item = _tuple_item(hint)
    if item is not None:
        return [_encode(v, item, where) for v in value]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return to_dict(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if hint is float:
        return _encode_float(value, where)
    return value


def _encode_union(value: Any, args: tuple[Any, ...], where: str) -> Any:
    options = [a for a in args if a is not type(None)]
    if len(options) == 1:
        return _encode(value, options[0], where)
    if isinstance(value, float) and not isinstance(value, bool):
        if math.isnan(value):
            raise ValueError(f"{where}: NaN cannot be encoded")
        if math.isinf(value):
            return {_FLOAT_TAG: _encode_float(value, where)}
    return value


def _encode_float(value: float, where: str) -> float | str:
    if math.isnan(value):
        raise ValueError(f"{where}: NaN cannot be encoded")
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


# -- decoding -------------------------------------------------------------------------------------


def _decode(value: Any, hint: Any, where: str) -> Any:
    args = _union_args(hint)
    if args is not None:
        return _decode_union(value, args, where)
    if value is None:
        raise ValueError(f"{where}: null where {_name(hint)} was expected")
    item = _tuple_item(hint)
    if item is not None:
        if not isinstance(value, list | tuple):
            raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
        return tuple(_decode(v, item, where) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    if hint is float:
        return _decode_float(value, where)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is date:
        return _decode_date(value, where)
    if hint in (str, int, bool):
        return _decode_scalar(value, hint, where)
    raise TypeError(f"{where}: unsupported annotation {hint!r}")


def _decode_union(value: Any, args: tuple[Any, ...], where: str) -> Any:
    if value is None:
        if type(None) in args:
            return None
        raise ValueError(f"{where}: null is not allowed")
    options = [a for a in args if a is not type(None)]
    if len(options) == 1:
        return _decode(value, options[0], where)
    if isinstance(value, dict) and float in options and set(value) == {_FLOAT_TAG}:
        return _decode_float(value[_FLOAT_TAG], where)
    if isinstance(value, str) and str in options:
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and float in options:
        return _decode_float(value, where)
    raise ValueError(f"{where}: {value!r} matches none of {', '.join(map(_name, options))}")


def _decode_float(value: Any, where: str) -> float:
    if isinstance(value, str) and value in _INFINITIES:
        return _INFINITIES[value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if math.isnan(number):
            raise ValueError(f"{where}: NaN is not allowed")
        return number
    raise ValueError(f"{where}: expected a number, got {value!r}")


def _decode_date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected an ISO date string, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc


def _decode_scalar(value: Any, hint: type, where: str) -> Any:
    ok = isinstance(value, hint) and (hint is bool or not isinstance(value, bool))
    if not ok:
        raise ValueError(f"{where}: expected {hint.__name__}, got {value!r}")
    return value


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", repr(hint))
