"""Small helpers in three submodules; `SUBMODULES_RS_SELECT` picks which exist."""

from types import ModuleType

__all__ = ["SELECTED", "SELECT_VARIABLE", "checksum", "stats", "text"]

# Present only when selected by SUBMODULES_RS_SELECT (all of them by default).
text: ModuleType
stats: ModuleType
checksum: ModuleType

SELECTED: tuple[str, ...]
SELECT_VARIABLE: str
