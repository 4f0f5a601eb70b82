"""Lay out a new topic: its example crate, its page, and the edits that list them.

Run it from the project folder (``nox -s new`` does)::

    python -m tools.new_topic <topic> "<what the crate shows>" [--section CAPTION]

It writes, from the layout every example crate shares (README.rst,
"Adding a topic"):

* ``examples/<topic>/``: ``Cargo.toml`` (with the description the examples
  index shows), ``pyproject.toml`` (naming the stub for the source archive),
  ``src/lib.rs`` with one function in a named region, the type stub
  ``_<topic>_rs.pyi``, ``session.pycon`` and ``tests/test_<topic>.py``;
* ``docs/<topic>.rst``: the title, the description, ``try-example`` and the
  region shown as Rust, Python and output;

and adds the crate to ``members`` in ``examples/Cargo.toml`` and to the
table of ``examples/README.md``, and the page to the toctree of
``docs/index.rst`` whose caption is ``--section``.  The result builds and
passes as it is (``nox -s tests docs``); the checklist it prints says what
is left to write.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from examples_model import crates

ROOT = Path(__file__).resolve().parent.parent
TOPIC = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

CARGO_TOML = """\
[package]
name = "{topic}-py"
description = "{description}"
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[lib]
name = "{module}"
crate-type = ["cdylib"]

[dependencies]
pyo3.workspace = true

[lints]
workspace = true
"""

PYPROJECT_TOML = """\
[build-system]
requires = ["maturin>=1.9.4,<2"]
build-backend = "maturin"

[project]
name = "{topic}-py"
version = "0.1.0"
requires-python = ">=3.11"

[tool.maturin]
# In a Cargo workspace, maturin sdist moves pyproject.toml to the top of the
# archive, above the crate; a wheel built from the archive looks for the
# stub there.  This puts a copy of it there (maturin 1.16).
include = [{{ path = "{module}.pyi", format = "sdist" }}]
"""

LIB_RS = """\
//! {description}

/// {description}
#[pyo3::pymodule]
mod {module} {{
    use pyo3::prelude::*;

    // ANCHOR: greet
    /// Greet `name`.
    #[pyfunction]
    fn greet(name: &str) -> String {{
        format!("Hello, {{name}}!")
    }}
    // ANCHOR_END: greet
}}
"""

STUB = '''\
"""{description}"""

__all__ = ["greet"]

def greet(name: str) -> str: ...
'''

SESSION = """\
>>> # ANCHOR: greet
>>> import {module}
>>> {module}.greet("Ferris")
'Hello, Ferris!'
>>> # ANCHOR_END: greet
"""

TEST = '''\
"""What the {topic} page's session does not show."""

import {module}
import pytest
from hypothesis import given
from hypothesis import strategies as st


@given(st.text())
def test_greet_greets_any_name(name):
    assert {module}.greet(name) == f"Hello, {{name}}!"


def test_greet_rejects_what_is_not_a_str():
    with pytest.raises(TypeError):
        {module}.greet(b"Ferris")
'''

PAGE = """\
{rule}
{title}
{rule}

{description}

To experiment with this page's example, run this from the repository:

.. try-example:: {topic}

A first function
================

The function takes a ``str`` and returns one:

.. example-tabs::
   :rust: {topic}/src/lib.rs#greet
   :python: {topic}/session.pycon#greet
"""

CHECKLIST = """\
Laid out {topic}: examples/{topic}/ and docs/{topic}.rst, listed in
examples/Cargo.toml, examples/README.md and docs/index.rst ({section}).

Still to do, each checked by `nox -s tests docs`:
  - replace greet() with the topic's own code, in named regions
    (// ANCHOR: name ... // ANCHOR_END: name); every region must be shown;
  - keep {module}.pyi true to the module (stubtest), with @final on
    each class that Python cannot subclass;
  - show each region on the page with `.. example::` or `.. example-tabs::`;
  - test in examples/{topic}/tests/ what the session does not show;
  - say in the Cargo.toml description and the README row what it shows.
"""


class TopicError(Exception):
    pass


def module_name(topic: str) -> str:
    return f"_{topic.replace('-', '_')}_rs"


def check(root: Path, topic: str, description: str) -> None:
    if not TOPIC.fullmatch(topic):
        raise TopicError(
            f"{topic!r} is not a topic name: lower-case words joined by '-', "
            "e.g. 'weak-references'"
        )
    examples = root / "examples"
    if topic in crates.workspace_members(examples) or (examples / topic).exists():
        raise TopicError(f"examples/{topic} exists already")
    for page in (root / "docs" / f"{topic}.rst", root / "docs" / f"{topic}.md"):
        if page.exists():
            raise TopicError(f"{page.relative_to(root)} exists already")
    if not description.strip() or '"' in description or "|" in description:
        raise TopicError(
            "give the crate's description, one line without '\"' or '|' "
            "(the examples index and README show it)"
        )


def with_member(text: str, topic: str) -> str:
    """examples/Cargo.toml with the crate added to ``members``."""
    members = re.search(r"^members = \[\n(?P<body>(?:    .*\n)*)\]", text, re.M)
    if members is None:
        raise TopicError("examples/Cargo.toml: no `members = [` list, a member a line")
    end = members.end("body")
    return text[:end] + f'    "{topic}",\n' + text[end:]


def with_readme_row(text: str, topic: str, description: str) -> str:
    """examples/README.md with the crate's row at the end of its table."""
    lines = text.splitlines(keepends=True)
    rows = [number for number, line in enumerate(lines) if line.startswith("| `")]
    if not rows:
        raise TopicError("examples/README.md: no table of crates")
    row = (
        f"| `{topic}` | `{topic}-py` | [{topic}](../docs/{topic}.rst) "
        f"| {description} |\n"
    )
    lines.insert(rows[-1] + 1, row)
    return "".join(lines)


def with_toctree_entry(text: str, topic: str, section: str) -> str:
    """docs/index.rst with the page last in the toctree captioned ``section``."""
    found = re.search(
        rf"^\.\. toctree::\n(?:   :.*\n)*?   :caption: {re.escape(section)}\n"
        r"(?:   :.*\n)*\n(?P<entries>(?:   \S.*\n)+)",
        text,
        re.M,
    )
    if found is None:
        captions = re.findall(r"^   :caption: (.*)$", text, re.M)
        raise TopicError(
            f"docs/index.rst has no toctree captioned {section!r}; "
            f"choose one of: {', '.join(captions)}"
        )
    end = found.end("entries")
    return text[:end] + f"   {topic}\n" + text[end:]


def lay_out(root: Path, topic: str, description: str, section: str) -> str:
    """Write the topic's files and edits into the project ``root``; return
    the checklist."""
    check(root, topic, description)
    examples, docs = root / "examples", root / "docs"
    description = description.strip()
    module = module_name(topic)
    title = topic.replace("-", " ").capitalize()
    values = {
        "topic": topic,
        "module": module,
        "description": description,
        "title": title,
        "rule": "#" * len(title),
    }
    crate = examples / topic
    files = {
        crate / "Cargo.toml": CARGO_TOML.format(**values),
        crate / "pyproject.toml": PYPROJECT_TOML.format(**values),
        crate / "src" / "lib.rs": LIB_RS.format(**values),
        crate / f"{module}.pyi": STUB.format(**values),
        crate / "session.pycon": SESSION.format(**values),
        crate / "tests" / f"test_{topic.replace('-', '_')}.py": TEST.format(**values),
        docs / f"{topic}.rst": PAGE.format(**values),
    }
    # The edits are made in memory first: a file that cannot take one stops
    # everything before anything is written.
    edits = {
        examples / "Cargo.toml": with_member,
        examples / "README.md": lambda text, topic: with_readme_row(
            text, topic, description
        ),
        docs / "index.rst": lambda text, topic: with_toctree_entry(
            text, topic, section
        ),
    }
    for path, edit in edits.items():
        files[path] = edit(path.read_text(encoding="utf-8"), topic)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return CHECKLIST.format(topic=topic, module=module, section=section)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topic", help="the page's and the crate's name")
    parser.add_argument("description", help="one line: what the crate shows")
    parser.add_argument(
        "--section",
        default="Writing bindings",
        help="the caption of the docs/index.rst toctree to add the page to",
    )
    args = parser.parse_args(argv)
    try:
        print(lay_out(ROOT, args.topic, args.description, args.section))
    except TopicError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
