"""Which Python values become which Rust values, and at what cost."""

from collections.abc import Mapping, Sequence
from typing import (
    Any,
    Literal,
    NotRequired,
    Protocol,
    SupportsFloat,
    SupportsIndex,
    TypedDict,
    TypeVar,
)

__all__ = [
    "append_in_place",
    "append_to_copy",
    "as_bool",
    "as_f64",
    "as_i64",
    "as_string",
    "as_u8",
    "boiling_point",
    "bytes_storage",
    "describe_policy",
    "distance",
    "parse_label",
    "same_object",
    "str_storage",
    "sum_pybytes",
    "sum_slice",
    "sum_vec",
    "summarize",
]

_T = TypeVar("_T")

class _HasXY(Protocol):
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...

_Point = tuple[float, float] | Mapping[str, float] | _HasXY

class _RetryPolicy(TypedDict):
    name: str
    retries: NotRequired[int]

class _Summary(TypedDict):
    count: int
    mean: float | None

_Bytes = bytes | bytearray | Sequence[SupportsIndex]

def as_i64(value: SupportsIndex) -> int: ...
def as_u8(value: SupportsIndex) -> int: ...
def as_f64(value: SupportsFloat | SupportsIndex) -> float: ...
def as_bool(value: bool) -> bool: ...
def as_string(value: str) -> str: ...
def str_storage(text: str) -> Literal["borrowed", "copied"]: ...
def bytes_storage(data: _Bytes) -> Literal["borrowed", "copied"]: ...
def sum_slice(data: bytes) -> int: ...
def sum_vec(data: _Bytes) -> int: ...
def sum_pybytes(data: bytes) -> int: ...
def append_to_copy(
    items: Sequence[SupportsIndex], value: SupportsIndex
) -> list[int]: ...
def append_in_place(items: list[Any], value: SupportsIndex) -> None: ...
def same_object(obj: _T) -> _T: ...
def distance(a: _Point, b: _Point) -> float: ...
def describe_policy(policy: _RetryPolicy) -> str: ...
def summarize(values: Sequence[SupportsFloat | SupportsIndex]) -> _Summary: ...
def boiling_point() -> float: ...
def parse_label(text: str) -> int | str: ...
