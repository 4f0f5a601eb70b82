"""Prime counts as coroutines that asyncio awaits, with no Rust runtime."""

from collections.abc import Coroutine
from typing import Any

__all__ = ["count_primes", "count_primes_inline"]

def count_primes(limit: int) -> Coroutine[Any, Any, int]: ...
def count_primes_inline(limit: int) -> Coroutine[Any, Any, int]: ...
