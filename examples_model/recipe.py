"""What every example crate needs (README.rst, "Adding a topic"), and what
each one lacks.

The docs build reports every gap, each at the file to fix, so that the first
``nox -s docs`` of a new topic gives its whole checklist (docs/_ext/
topic_checklist.py).  The tests check the same facts in more depth: the stub
against the module, the archive in a clean environment, the README's pages.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from examples_model.crates import (
    BindingCrate,
    is_binding_crate,
    workspace_members,
)

README = "README.md"
# A row of the crates table in examples/README.md: folder, package, pages, what.
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|(.*?)\|(.*)\|\s*$")
PAGE_LINK = re.compile(r"\[[^\]]+\]\(\.\./docs/([^)#]+)\)")


@dataclass(frozen=True)
class Gap:
    """Something a crate lacks: the file to fix, its line, and what to do."""

    path: Path
    line: int
    message: str


def readme_rows(examples: Path) -> dict[str, tuple[str, list[str]]]:
    """crate folder -> (package name, pages as paths under docs/), as
    examples/README.md lists them."""
    rows = {}
    for line in (examples / README).read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            crate, package, named, _shows = match.groups()
            rows[crate.rstrip("/")] = (package, PAGE_LINK.findall(named))
    return rows


def line_of(path: Path, text: str) -> int:
    """The first line of ``path`` that is ``text`` (1 if none is)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, 1) if line.strip() == text), 1)


def in_crate_or_topic(examples: Path, member: str, pattern: str) -> bool:
    """A file the crate has, or its topic folder has for all its crates."""
    folders = {examples / member, examples / member.split("/")[0]}
    return any(any(folder.glob(pattern)) for folder in folders)


def gaps(examples: Path) -> list[Gap]:
    """Every gap of every workspace member, in the order of the members."""
    found = []
    listed = readme_rows(examples)
    for member in workspace_members(examples):
        folder = examples / member
        manifest = folder / "Cargo.toml"
        package = tomllib.loads(manifest.read_text(encoding="utf-8"))["package"]
        if not package.get("description"):
            found.append(
                Gap(
                    manifest,
                    line_of(manifest, "[package]"),
                    "no description in [package]: the examples index says what "
                    "each crate shows from it",
                )
            )
        if member not in listed:
            found.append(
                Gap(
                    examples / README,
                    1,
                    f"examples/{member} is not in the table of crates: add its "
                    "row, with the pages that show it",
                )
            )
        if not is_binding_crate(folder):
            continue
        crate = BindingCrate.read(folder)
        if not crate.stub.is_file():
            found.append(
                Gap(
                    manifest,
                    1,
                    f"no type stub: write {crate.stub.relative_to(examples.parent)}",
                )
            )
        pyproject = folder / "pyproject.toml"
        includes = (
            tomllib.loads(pyproject.read_text(encoding="utf-8"))
            .get("tool", {})
            .get("maturin", {})
            .get("include", [])
        )
        included = {
            entry["path"] if isinstance(entry, dict) else entry for entry in includes
        }
        if crate.python_source is None and crate.stub.name not in included:
            found.append(
                Gap(
                    pyproject,
                    line_of(pyproject, "[tool.maturin]"),
                    f"[tool.maturin] include does not name {crate.stub.name}: a "
                    "wheel built from the page's source archive would lack it",
                )
            )
        if not in_crate_or_topic(examples, member, "session.pycon"):
            found.append(
                Gap(
                    manifest,
                    1,
                    f"no session.pycon in examples/{member} or its topic folder: "
                    "the page's Python and its output come from it",
                )
            )
        if not in_crate_or_topic(examples, member, "tests/test_*.py"):
            found.append(
                Gap(
                    manifest,
                    1,
                    f"no tests/test_*.py in examples/{member} or its topic folder: "
                    "test there what the session does not show",
                )
            )
    return found
