"""Rust futures for asyncio and Python awaitables for Rust, on Tokio."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar, overload

__all__ = ["join", "sleep", "ticks_while_pool_calls", "ticks_while_task_calls"]

_T = TypeVar("_T")
_U = TypeVar("_U")

@overload
def sleep(seconds: float) -> asyncio.Future[None]: ...
@overload
def sleep(seconds: float, result: _T) -> asyncio.Future[_T]: ...
def join(
    first: Awaitable[_T], second: Awaitable[_U]
) -> asyncio.Future[tuple[_T, _U]]: ...
def ticks_while_task_calls(func: Callable[[], object]) -> int: ...
def ticks_while_pool_calls(func: Callable[[], object]) -> int: ...
