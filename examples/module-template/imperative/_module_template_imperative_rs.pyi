"""Stub of the module built the imperative way."""

from types import ModuleType
from typing import final

# `m.add("__doc__", ...)` lists `__doc__` in `__all__` too.
__all__ = ["Counter", "__doc__", "double", "helpers"]

# `helpers.double(x: int) -> int`, the same function in a submodule.
helpers: ModuleType

@final
class Counter:
    @property
    def start(self) -> int: ...

def double(x: int) -> int: ...
