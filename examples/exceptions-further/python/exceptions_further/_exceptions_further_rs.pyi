"""Parse configurations with the exceptions of `exceptions_further.errors`."""

import os

__all__ = ["load", "parse"]

def parse(text: str) -> list[tuple[str, str]]: ...
def load(path: str | os.PathLike[str]) -> list[tuple[str, str]]: ...
