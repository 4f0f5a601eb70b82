"""A spelling suggester to profile."""

from collections.abc import Sequence

__all__ = ["closest", "closest_unchecked"]

def closest(query: str, words: Sequence[str]) -> tuple[str, int]: ...
def closest_unchecked(query: str, words: Sequence[str]) -> tuple[str, int]: ...
