"""The rows' __init__ (loaders.rows._direct_init) builds exactly what the dataclass's own would."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, fields

import pytest

from loaders.rows import SeedRow


def _dataclass_built(row_type: type[SeedRow], values: dict[str, object]) -> SeedRow:
    """A row built the way the __init__ of dataclass(frozen=True) builds it."""
    row = object.__new__(row_type)
    for name, value in values.items():
        object.__setattr__(row, name, value)
    return row


@pytest.mark.parametrize("row_type", SeedRow.__subclasses__(), ids=lambda t: t.__name__)
def test_direct_init_builds_the_dataclass_row(row_type: type[SeedRow]) -> None:
    values = {f.name: f"value {i}" for i, f in enumerate(fields(row_type))}
    row = row_type(*values.values())
    expected = _dataclass_built(row_type, values)
    assert row == expected and hash(row) == hash(expected) and repr(row) == repr(expected)
    assert row == row_type(**values) and vars(row) == values
    assert pickle.loads(pickle.dumps(row)) == row
    with pytest.raises(FrozenInstanceError):
        row.source_file = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        row_type(*list(values.values())[:-1])
    assert row_type.__init__.__qualname__ == f"{row_type.__qualname__}.__init__"
