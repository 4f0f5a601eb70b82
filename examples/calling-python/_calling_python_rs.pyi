"""Rust that calls Python: imports, callbacks, code and kept callbacks."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Self, SupportsIndex, TypeVar, final

__all__ = [
    "Registry",
    "evaluate",
    "from_cents",
    "load_settings",
    "retry",
    "slugify",
    "to_json",
]

_T = TypeVar("_T")

def to_json(obj: object) -> str: ...
def from_cents(cents: SupportsIndex) -> Decimal: ...
def retry(func: Callable[..., _T], attempts: SupportsIndex) -> _T: ...
def evaluate(expression: str, **variables: object) -> Any: ...
def load_settings(source: str) -> dict[str, Any]: ...
def slugify(text: str) -> str: ...

@final
class Registry:
    """Callbacks by event name, called in the order they were connected."""

    def __new__(cls) -> Self: ...
    def connect(self, event: str, callback: Callable[..., object]) -> None: ...
    def emit(self, event: str, *args: object) -> list[Any]: ...
