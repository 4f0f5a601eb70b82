"""Read `key = value` configurations, raising a hierarchy of exceptions."""

import os

__all__ = [
    "BadLineError",
    "ConfigError",
    "MissingKeyError",
    "get_int",
    "line",
    "line_unchecked",
    "load",
    "load_quick",
    "parse",
]

class ConfigError(Exception):
    """Base class of every error raised while reading a configuration."""

class BadLineError(ConfigError):
    """A line is not of the form `key = value`."""

class MissingKeyError(ConfigError):
    """A required key is not in the configuration."""

def parse(text: str) -> list[tuple[str, str]]: ...
def get_int(text: str, key: str) -> int: ...
def load_quick(path: str | os.PathLike[str]) -> list[tuple[str, str]]: ...
def load(path: str | os.PathLike[str]) -> list[tuple[str, str]]: ...
def line(text: str, n: int) -> str: ...
def line_unchecked(text: str, n: int) -> str: ...
