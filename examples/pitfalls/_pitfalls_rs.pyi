"""Common mistakes in PyO3 extension modules, each next to its fix."""

import os
import pathlib
from typing import Any, final

__all__ = [
    "Journal",
    "LeakyNode",
    "Node",
    "Ticker",
    "checksum",
    "checksum_detached",
    "drop_detached",
    "names",
    "names_lossy",
    "read_text",
    "read_text_generic",
    "read_text_question_mark",
    "read_text_unwrap",
    "size",
    "size_any",
    "size_str",
    "sleep_attached",
    "sleep_detached",
]

@final
class Ticker:
    """A counter that another Python thread bumps while we work."""

    def __new__(cls) -> Ticker: ...
    def tick(self) -> None:
        """Count one tick."""
    @property
    def count(self) -> int:
        """The ticks counted so far."""

def sleep_attached(ticker: Ticker, seconds: float) -> int:
    """Wrong: sleep while attached. Returns the ticks other threads made meanwhile."""

def sleep_detached(ticker: Ticker, seconds: float) -> int:
    """Right: detach while sleeping. Returns the ticks other threads made meanwhile."""

def checksum(data: bytes) -> int:
    """Sum the bytes, attached: right for small inputs."""

def checksum_detached(data: bytes) -> int:
    """Sum the bytes, detached: pays off only when the input is large."""

@final
class Journal:
    """An append-only log shared by threads."""

    def __new__(cls) -> Journal: ...
    def append(self, entry: object) -> int:
        """Append an entry and return the new number of entries."""

def read_text_generic(path: str | os.PathLike[str]) -> str:
    """Wrong: every failure becomes a RuntimeError."""

def read_text_unwrap(path: str | os.PathLike[str]) -> str:
    """Wrong: a missing file panics."""

def read_text_question_mark(path: str | os.PathLike[str]) -> str:
    """Better: `?` picks the OSError subclass, but drops errno and filename."""

def read_text(path: str | os.PathLike[str]) -> str:
    """Best: an OSError with errno, message and filename, like open() raises."""

@final
class LeakyNode:
    """Wrong: holds Python objects the garbage collector cannot see."""

    next: Any | None
    def __new__(cls) -> LeakyNode: ...

@final
class Node:
    """Right: tells the garbage collector what it holds, and lets go on request."""

    next: Any | None
    def __new__(cls) -> Node: ...

def drop_detached(obj: object) -> None:
    """Keep a reference to `obj` in Rust, then drop it while detached."""

def size_str(path: str) -> int:
    """Wrong: a path as text rejects names that are not valid UTF-8."""

def size(path: str | os.PathLike[str]) -> int:
    """Right for str and os.PathLike: any name the file system allows."""

def size_any(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> int:
    """Also accepts bytes, through os.fsdecode, which keeps every byte of a name."""

def names_lossy(directory: str | os.PathLike[str]) -> list[str]:
    """Wrong: lossy names that no longer name the file."""

def names(directory: str | os.PathLike[str]) -> list[pathlib.Path]:
    """Right: the names as paths, exactly as the file system has them."""
