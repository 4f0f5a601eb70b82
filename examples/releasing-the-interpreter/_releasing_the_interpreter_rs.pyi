"""Checksums and prime counts that let other Python threads run meanwhile."""

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["checksum_file", "count_primes", "count_primes_attached", "map_in_threads"]

_T = TypeVar("_T")

def checksum_file(path: str | os.PathLike[str]) -> int: ...
def count_primes(limit: int) -> int: ...
def count_primes_attached(limit: int) -> int: ...
def map_in_threads(
    func: Callable[[int], _T], items: Sequence[int], threads: int = 4
) -> list[_T]: ...
