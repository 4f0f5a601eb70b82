"""File-system paths from Python: str, bytes and os.PathLike."""

import os
import pathlib

__all__ = ["flexible", "list_names", "native", "touch"]

def native(path: str | os.PathLike[str]) -> pathlib.Path: ...
def flexible(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
) -> pathlib.Path: ...
def touch(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> None: ...
def list_names(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
) -> list[bytes]: ...
