"""The files of the examples tree: which folders are build output, and the
language each kind of file is shown in; and where the docs build's modules
are, for a program that starts one of them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The docs build's modules (Sphinx extensions, and the plain modules they use).
EXTENSIONS = ROOT / "docs" / "_ext"

# Folders that hold build output or caches, never an example's sources.
BUILD_OUTPUT = frozenset(
    {"target", "__pycache__", ".pytest_cache", ".venv", ".nox", "build", "dist"}
)
# The highlighting language of each kind of file a page may show.
LANGUAGES = {
    ".rs": "rust",
    ".py": "python",
    ".pyi": "python",
    ".pycon": "pycon",
    ".toml": "toml",
    ".cfg": "ini",
    ".ini": "ini",
    ".sh": "bash",
    ".txt": "text",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
}
# Files that may carry region markers; the orphan check reads these.  A
# Markdown file is prose about the example (its README), never shown in part.
MARKED_SUFFIXES = frozenset(LANGUAGES) - {".md"}


def language(path: Path) -> str:
    return LANGUAGES.get(path.suffix, "text")


def example_files(root: Path) -> list[Path]:
    """Every file under root that may hold regions, build output excluded."""
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if BUILD_OUTPUT.intersection(relative.parts[:-1]):
            continue
        if path.is_file() and path.suffix in MARKED_SUFFIXES:
            found.append(path)
    return found


def extensions_environment(base: Mapping[str, str]) -> dict[str, str]:
    """``base`` with the docs build's modules and this package on PYTHONPATH:
    where ``python -m sessions`` (or ``example_archives``) finds them."""
    paths = [str(EXTENSIONS), str(ROOT), *filter(None, [base.get("PYTHONPATH")])]
    return {**base, "PYTHONPATH": os.pathsep.join(paths)}
