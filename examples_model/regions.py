"""Named regions in example files, parsed strictly.

A region is the text between two marker lines::

    // ANCHOR: name
    ...
    // ANCHOR_END: name

The comment leader may be ``//``, ``#`` or ``>>> #`` (so a marker inside a
``.pycon`` transcript is itself a harmless doctest example).  Regions may
nest and overlap; marker lines never appear in the extracted text.

The directive in ``docs/_ext/example_include.py``, the orphan check and the
tests all read regions through this parser.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

MARKER = re.compile(
    r"^\s*(?://|#|>>>\s*#)\s*ANCHOR(?P<end>_END)?:\s*(?P<name>[A-Za-z0-9_.-]+)\s*$"
)
# Anything that mentions ANCHOR like a marker but does not parse as one.
LOOKS_LIKE_MARKER = re.compile(r"^\s*(?://|#|>>>\s*#)\s*ANCHOR")


class RegionError(Exception):
    """A problem with the markers of one file, located at a line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Region:
    name: str
    start: int  # 1-based line number of the ANCHOR marker
    end: int  # 1-based line number of the ANCHOR_END marker


@dataclass(frozen=True)
class ExampleFile:
    """An example file with its regions, all markers checked."""

    path: Path
    lines: tuple[str, ...]
    regions: dict[str, Region]

    @classmethod
    def read(cls, path: Path) -> ExampleFile:
        text = path.read_text(encoding="utf-8")
        lines = tuple(text.splitlines())
        return cls(path, lines, parse_regions(path, lines))

    def is_marker(self, lineno: int) -> bool:
        return MARKER.match(self.lines[lineno - 1]) is not None

    def text(self, region: str | None = None) -> str:
        """The shown text: a region (or the whole file) without marker lines."""
        if region is None:
            first, last = 1, len(self.lines)
        else:
            try:
                found = self.regions[region]
            except KeyError:
                known = ", ".join(sorted(self.regions)) or "none"
                raise RegionError(
                    self.path, 1, f"no region named {region!r} (regions: {known})"
                ) from None
            first, last = found.start + 1, found.end - 1
        kept = [
            self.lines[n - 1] for n in range(first, last + 1) if not self.is_marker(n)
        ]
        shown = textwrap.dedent("\n".join(kept)).strip("\n")
        if not shown.strip():
            raise RegionError(
                self.path,
                first,
                f"region {region!r} is empty" if region else "file is empty",
            )
        return shown + "\n"

    def first_line(self, region: str | None = None) -> int:
        """The 1-based line where the shown text starts, for messages."""
        return 1 if region is None else self.regions[region].start + 1


def parse_regions(path: Path, lines: tuple[str, ...] | list[str]) -> dict[str, Region]:
    """Return every region of a file; raise RegionError on the first bad marker."""
    opened: dict[str, int] = {}
    closed: dict[str, Region] = {}
    for lineno, line in enumerate(lines, start=1):
        match = MARKER.match(line)
        if match is None:
            if LOOKS_LIKE_MARKER.match(line):
                raise RegionError(
                    path,
                    lineno,
                    "malformed region marker; write 'ANCHOR: name' or "
                    "'ANCHOR_END: name' after a comment leader",
                )
            continue
        name = match["name"]
        if match["end"] is None:
            if name in opened or name in closed:
                first = opened.get(name) or closed[name].start
                raise RegionError(
                    path,
                    lineno,
                    f"region {name!r} is opened again (first opened at line {first})",
                )
            opened[name] = lineno
        else:
            if name not in opened:
                raise RegionError(
                    path, lineno, f"ANCHOR_END for region {name!r}, which is not open"
                )
            closed[name] = Region(name, opened.pop(name), lineno)
    for name, lineno in opened.items():
        raise RegionError(path, lineno, f"region {name!r} is never closed")
    return closed
