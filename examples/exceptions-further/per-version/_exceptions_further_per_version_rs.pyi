"""`key = value` parsing whose errors carry the failing line's number."""

from typing import Self, SupportsIndex, final

__all__ = ["BadLineError", "bad_line_without_args", "parse"]

@final
class BadLineError(Exception):
    """A line is not of the form `key = value`."""

    def __new__(cls, line: SupportsIndex, text: str) -> Self: ...
    @property
    def line(self) -> int:
        """The number of the line, counting from 1."""

    @property
    def text(self) -> str:
        """The line's text."""

def parse(text: str) -> list[tuple[str, str]]: ...
def bad_line_without_args(line: SupportsIndex, text: str) -> BadLineError: ...
