"""A ``record`` behaves as the dataclass it stands in for: same fields, construction,
equality, hashing, repr, immutability, and the dataclasses functions the JSON uses."""

import dataclasses
import json

import pytest

from asiannato.records import record


def _pair(frozen: bool) -> tuple[type, type]:
    def body() -> dict[str, object]:
        return {
            "__annotations__": {"id": "str", "tags": "tuple[str, ...]", "n": "int", "xs": "list"},
            "tags": (),
            "n": 0,
            "xs": dataclasses.field(default_factory=tuple),
        }

    fast = record(frozen=frozen)(type("Thing", (), body()))
    slow = dataclasses.dataclass(frozen=frozen)(type("Thing", (), body()))
    return fast, slow


@pytest.mark.parametrize("frozen", [True, False])
def test_a_record_behaves_as_its_dataclass(frozen: bool) -> None:
    fast, slow = _pair(frozen)
    cases = [(("a",), {}), (("a", ("x",)), {"n": 2}), ((), {"id": "b", "xs": [1]})]
    for args, kwargs in cases:
        f, s = fast(*args, **kwargs), slow(*args, **kwargs)
        assert dataclasses.asdict(f) == dataclasses.asdict(s)
        assert repr(f) == repr(s)
        assert f == fast(*args, **kwargs) and f != fast("other")
        assert dataclasses.replace(f, n=9).n == 9
        if frozen:
            try:
                expected = hash(s)
            except TypeError:  # a list field: unhashable in both
                with pytest.raises(TypeError):
                    hash(f)
            else:
                assert hash(f) == expected
            with pytest.raises(dataclasses.FrozenInstanceError):
                f.n = 1  # type: ignore[misc]
        else:
            f.n = 1
            assert f.n == 1
            with pytest.raises(TypeError):
                hash(f)
    assert [x.name for x in dataclasses.fields(fast)] == ["id", "tags", "n", "xs"]
    assert fast("a").xs == ()  # from the factory
    with pytest.raises(TypeError):
        fast()  # the required field is required
    with pytest.raises(TypeError):
        fast("a", nope=1)


def test_keyword_only_and_non_init_fields_are_set_as_dataclass_sets_them() -> None:
    def body() -> dict[str, object]:
        return {
            "__annotations__": {"a": "int", "b": "int", "c": "list", "d": "int"},
            "b": dataclasses.field(default=2, kw_only=True),
            "c": dataclasses.field(default_factory=list, init=False),
            "d": dataclasses.field(default=4, init=False),
        }

    fast = record(frozen=False)(type("Thing", (), body()))
    slow = dataclasses.dataclass(type("Thing", (), body()))
    for kwargs in ({}, {"b": 3}):
        assert dataclasses.asdict(fast(1, **kwargs)) == dataclasses.asdict(slow(1, **kwargs))
    with pytest.raises(TypeError):
        fast(1, 2)  # b is keyword-only
    with pytest.raises(TypeError):
        fast(1, c=[])  # c is not a parameter


def test_records_and_dataclasses_inherit_from_each_other_as_dataclasses_do() -> None:
    base = record(type("Base", (), {"__annotations__": {"a": "int"}}))
    child = dataclasses.dataclass(frozen=True)(
        type("Child", (base,), {"__annotations__": {"b": "int"}})
    )
    assert dataclasses.asdict(child(1, 2)) == {"a": 1, "b": 2}
    grandchild = record(type("Grandchild", (child,), {"__annotations__": {"c": "int"}}))
    assert grandchild(1, 2, 3) == grandchild(1, 2, 3)
    with pytest.raises(TypeError):
        dataclasses.dataclass(type("Plain", (base,), {"__annotations__": {"b": "int"}}))
    with pytest.raises(TypeError):
        record(frozen=False)(type("Plain", (base,), {"__annotations__": {"b": "int"}}))


def test_as_dict_gives_what_asdict_gives_for_every_record_of_the_data() -> None:
    # the JSON of every answer is built with as_dict: it must equal dataclasses.asdict,
    # nested records, tuples, dicts and enums included, on every record the data holds
    from asiannato import model
    from asiannato.packs import bundled
    from asiannato.records import as_dict
    from asiannato.store import open_store

    kinds = {
        "actors": model.Actor,
        "positions": model.Position,
        "quotes": model.Quote,
        "sources": model.Source,
        "frameworks": model.Framework,
        "events": model.Event,
        "arguments": model.Argument,
        "terms": model.Term,
    }
    store = open_store([bundled()])
    try:
        checked = 0
        for table, kind in kinds.items():
            rows = store.conn.execute(f"SELECT json FROM {table}").fetchall()  # our names
            assert rows, table
            for (raw,) in rows:
                rec = kind.from_dict(json.loads(raw))
                got, want = as_dict(rec), dataclasses.asdict(rec)
                assert got == want and list(got) == list(want), (table, rec)
                assert [type(v) for v in got.values()] == [type(v) for v in want.values()]
                checked += 1
        assert checked > 700
    finally:
        store.close()
    # and a plain dataclass holding records, lists and dicts of them
    holder = dataclasses.make_dataclass("Holder", ["one", "many", "by_id"])
    sample = holder(rec, [rec, rec], {"x": (rec,)})
    assert as_dict(sample) == dataclasses.asdict(sample)


def test_as_dict_of_a_dataclass_that_inherits_from_a_record_has_all_its_fields() -> None:
    # answers are dataclasses built on a record base: their own fields count too
    from asiannato.records import as_dict

    base = record(type("Base", (), {"__annotations__": {"a": "int"}}))
    sub = dataclasses.dataclass(frozen=True)(
        type("Sub", (base,), {"__annotations__": {"b": "int"}})
    )
    thing = sub(1, 3)
    assert as_dict(thing) == dataclasses.asdict(thing) == {"a": 1, "b": 3}
