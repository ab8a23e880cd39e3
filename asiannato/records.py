"""``record``: a dataclass that is cheap to define.

``dataclasses.dataclass`` compiles Python source for every method of every class when
the class is defined (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, and for a
frozen class ``__setattr__`` and ``__delattr__``). With some thirty record classes
imported on every run, that compiling was a large share of a warm command's time,
though most runs build instances of only a few of them. A ``record`` is a real
dataclass (``fields``, ``asdict`` and ``replace`` work) whose methods are shared
functions, except ``__init__``, which is compiled the first time the class is
instantiated. Equality, hashing and ``repr`` follow the dataclass rules.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")
_MISSING = dataclasses.MISSING


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in self.__record_fields__)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    pairs = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__)
    return f"{self.__class__.__qualname__}({pairs})"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _compile_init(cls: type) -> Callable[..., None]:
    """The class's ``__init__``, as ``dataclass`` would write it."""
    params: list[str] = []
    keyword_only: list[str] = []
    body: list[str] = []
    env: dict[str, Any] = {"_MISSING": _MISSING, "_set": object.__setattr__}
    for f in dataclasses.fields(cls):
        if f.default is not _MISSING:
            env[f"_d_{f.name}"] = f.default
            param, value = f"{f.name}=_d_{f.name}", f"_d_{f.name}"
        elif f.default_factory is not _MISSING:
            env[f"_f_{f.name}"] = f.default_factory
            param, value = f"{f.name}=_MISSING", f"_f_{f.name}()"
            if f.init:
                body.append(f" if {f.name} is _MISSING: {f.name} = {value}")
        else:
            param, value = f.name, ""
        if not f.init:  # not a parameter: set from its default, if it has one
            if value:
                body.append(f" _set(self, {f.name!r}, {value})")
            continue
        (keyword_only if f.kw_only else params).append(param)
        body.append(f" _set(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    if keyword_only:
        params += ["*", *keyword_only]
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or [" pass"])
    exec(source, env)  # the same technique as dataclasses, from field names
    init: Callable[..., None] = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    # Compile this class's __init__ once, put it on the class, and run it.
    cls = self.__class__
    if "__record_fields__" not in cls.__dict__:  # a subclass that is not a record
        raise TypeError(f"{cls.__qualname__} is not a record")
    init = _compile_init(cls)
    cls.__init__ = init
    init(self, *args, **kwargs)


def _is_dataclass(cls: type) -> bool:
    return "__dataclass_params__" in cls.__dict__


def _make(cls: type[_T], frozen: bool) -> type[_T]:
    undocumented = not cls.__doc__
    if undocumented:
        # dataclass would write one from inspect.signature, which for a class without
        # __init__ compiles the tokenizer's large regular expression
        cls.__doc__ = cls.__name__
    # Processed as a plain dataclass (frozen, dataclass would compile two more methods);
    # its dataclass bases are shown to it as plain for the while, and the rule that
    # frozen and plain dataclasses do not inherit from each other is checked here.
    bases = [b.__dict__["__dataclass_params__"] for b in cls.__mro__[1:] if _is_dataclass(b)]
    was = [b.frozen for b in bases]
    if bases and any(was) != frozen:
        kind = ("frozen", "non-frozen") if frozen else ("non-frozen", "frozen")
        raise TypeError(f"cannot inherit {kind[0]} dataclass from a {kind[1]} one")
    for b in bases:
        b.frozen = False
    try:
        dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    finally:
        for b, value in zip(bases, was, strict=True):
            b.frozen = value
    every = cls.__dataclass_fields__.values()  # type: ignore[attr-defined]
    if any(f._field_type is dataclasses._FIELD_INITVAR for f in every):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__qualname__}: a record cannot take an InitVar; use dataclass")
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    # what the class is, for dataclasses that inherit from it (a frozen one may only
    # inherit from a frozen one)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    params.init, params.repr, params.eq, params.frozen = True, True, True, frozen
    if undocumented:
        cls.__doc__ = f"{cls.__name__}({', '.join(names)})"
    setattr(cls, "__record_fields__", names)  # noqa: B010  # on the class, for the shared methods
    for name, method in (("__init__", _first_init), ("__repr__", _repr), ("__eq__", _eq)):
        if name not in cls.__dict__:
            setattr(cls, name, method)
    if frozen:
        cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign]
        cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign]
        cls.__hash__ = _hash  # type: ignore[method-assign]
    else:
        cls.__hash__ = None  # type: ignore[assignment,method-assign]  # as dataclass: eq, unhashable
    return cls


@overload
def record(cls: type[_T], /) -> type[_T]: ...
@overload
def record(*, frozen: bool = True) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[_T] | None = None, /, *, frozen: bool = True) -> Any:
    """Like ``@dataclass(frozen=True)`` (or ``@record(frozen=False)``: a plain
    ``@dataclass``), cheaper to define."""
    if cls is None:
        return lambda c: _make(c, frozen)
    return _make(cls, frozen)


def as_dict(obj: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` for records and dataclasses, several times quicker: the
    JSON of an answer converts hundreds of records, and ``asdict`` deep-copies every
    value. Values come back as ``asdict`` gives them (records and dataclasses as dicts;
    lists, tuples and dicts as new ones; other values as they are, which for the
    immutable text, numbers and enums of a record is what a deep copy gives)."""
    # the class's own list: a dataclass that inherits from a record has fields of its own
    names = obj.__class__.__dict__.get("__record_fields__")
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(obj))
    out = {}
    for name in names:
        value = getattr(obj, name)
        # most values are text, numbers or None: taken as they are, without a call
        out[name] = value if value.__class__ in _SCALARS else _plain(value)
    return out


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    kind = value.__class__
    if kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        return kind([v if v.__class__ in _SCALARS else _plain(v) for v in value])
    if isinstance(value, str | int | float):  # an enum of text or numbers
        return value
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return as_dict(value)
    return copy.deepcopy(value)
