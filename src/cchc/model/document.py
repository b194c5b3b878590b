"""What the model is built from: a schema-valid YAML mapping and a way to locate its values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

# A path into a document: mapping keys and list indexes, e.g. ("scores", 3, "evidence", 0, "file").
JsonPath: TypeAlias = tuple[str | int, ...]
# (line, column) of the value at a path, or of its nearest located ancestor.
Where: TypeAlias = Callable[[JsonPath], tuple[int, int]]
# A schema-valid document: the schema, not the type system, vouches for its shape.
Document: TypeAlias = Mapping[str, Any]
