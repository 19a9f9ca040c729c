"""The base of every record: frozen pydantic models that accept seed-table cells (empty means no value, ``|``
fills a tuple), pickle without re-validation, and raise one row error per broken rule."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar, overload

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from tmekg.text import refused_character
from tmekg.vocab import (
    curie_error,
)

Sign = Literal[1, -1]
T = TypeVar("T")


class cached_property(Generic[T]):
    """A computed attribute stored on first use (``functools.cached_property`` takes a lock per first access on
    Python 3.11, which costs seconds over 10^5 interactions). Only for frozen records."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value: T = self.func(instance)
        instance.__dict__[self.name] = value
        return value


_new = object.__new__
_set = object.__setattr__


_FIELD_SETS: dict[type, frozenset[str]] = {}


def _rebuild(cls: type[BaseModel], values: dict[str, Any]) -> BaseModel:
    """A record from its values (fields and cached derived values), as :meth:`Record.__reduce__` wrote them; no
    validation."""
    names = _FIELD_SETS.get(cls)
    if names is None:
        names = _FIELD_SETS[cls] = frozenset(cls.model_fields)
    record = _new(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", set(names))
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


def _is_tuple(annotation: Any) -> bool:
    return typing.get_origin(annotation) is tuple


def _is_optional(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def row_error(column: str, message: str) -> PydanticCustomError:
    """An error about one column of a record, raised from a model validator."""
    return PydanticCustomError("tmekg_row", "{message}", {"column": column, "message": message})


class Record(BaseModel):
    """Base of every record: frozen, no unknown fields, seed-row friendly."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_enum_values=False, ignored_types=(cached_property,), defer_build=True
    )

    #: Fields that hold CURIEs, with the prefixes each may use.
    curie_fields: ClassVar[dict[str, frozenset[str]]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as (class, values): a record is rebuilt without validation, which is what the persistent store
        needs (it only loads what a validated build wrote; see :mod:`tmekg.store`). Values derived from the fields
        and cached (participants ...) travel with them."""
        return (_rebuild, (type(self), dict(self.__dict__)))  # with the derived values cached so far

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied; values cached from the old fields (participants ...) are dropped."""
        copied = super().model_copy(update=update, deep=deep)
        for name in [k for k in copied.__dict__ if k not in type(self).model_fields]:
            del copied.__dict__[name]
        return copied

    @classmethod
    def _cell_kinds(cls) -> dict[str, tuple[bool, bool]]:
        """Per field: (is a tuple, is required) — computed once per class (reading a seed calls this per row)."""
        kinds: dict[str, tuple[bool, bool]] | None = cls.__dict__.get("_kinds_cache")
        if kinds is None:
            kinds = {name: (_is_tuple(f.annotation), f.is_required()) for name, f in cls.model_fields.items()}
            type.__setattr__(cls, "_kinds_cache", kinds)
        return kinds

    @model_validator(mode="before")
    @classmethod
    def _from_cells(cls, data: Any) -> Any:
        """Turn seed cells into field values: '' -> default, 'a|b' -> tuple; refuse stray whitespace."""
        if not isinstance(data, dict):
            return data
        kinds = cls._cell_kinds()
        out: dict[str, Any] = {}
        for key, value in data.items():
            kind = kinds.get(key)
            if kind is None or not isinstance(value, str):
                out[key] = value
                continue
            is_tuple, required = kind
            if value == "":
                if required:  # the field's own check then says the cell is required
                    out[key] = () if is_tuple else value
                continue
            if value[0].isspace() or value[-1].isspace():
                raise row_error(key, f"stray whitespace around {value!r}; remove it (`tmekg lint` does)")
            refused = refused_character(value)
            if refused:
                raise row_error(
                    key,
                    f"line break, control or invisible character ({refused}) inside {value!r}; keep a cell on one "
                    "line of visible text",
                )
            if is_tuple:
                parts = value.split("|") if value else []
                for part in parts:
                    if part != part.strip() or not part:
                        raise row_error(key, f"bad list {value!r}: items are separated by '|' with no spaces")
                if len(set(parts)) != len(parts):
                    raise row_error(key, f"list {value!r} repeats an item")
                out[key] = tuple(parts)
            else:
                out[key] = value
        return out

    @model_validator(mode="after")
    def _check_curies(self) -> Record:
        for name, allowed in self.curie_fields.items():
            value = getattr(self, name)
            values = value if isinstance(value, tuple) else (value,) if value else ()
            for curie in values:
                problem = curie_error(curie, allowed)
                if problem:
                    raise row_error(name, f"bad CURIE {curie!r}: {problem}")
        return self


def parse_sign(value: Any) -> Any:
    if isinstance(value, str):
        mapping = {"+1": 1, "1": 1, "-1": -1}
        if value not in mapping:
            raise row_error("", f"a sign is +1 or -1, not {value!r}")
        return mapping[value]
    return value
