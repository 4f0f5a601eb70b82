"""The ``example`` directive: show a named region of a file under examples/.

Usage (reStructuredText)::

    .. example:: module-template/src/lib.rs
       :region: class

The path is relative to ``example_include_root``.  Without ``:region:`` the
whole file is shown.  Marker lines are never shown.  Every problem with a
marker, a region or a path is a warning naming the example file and line and
the page that includes it; the build runs with ``-W``, so it fails.

After all pages are read, every region of every example file must be included
by some page: an orphan region is a warning too.
"""

from __future__ import annotations

import doctest
import functools
import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from regions import MARKER, ExampleFile, RegionError
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import set_source_info

logger = logging.getLogger(__name__)

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
}
# Files that may carry region markers; the orphan check reads these.
MARKED_SUFFIXES = frozenset(LANGUAGES)
# The same flags pytest uses (pyproject.toml), and stop at the first failure.
DOCTEST_FLAGS = ("-o", "ELLIPSIS", "-o", "NORMALIZE_WHITESPACE", "-o", "FAIL_FAST")
SKIPPED_DIRS = frozenset({"target", "__pycache__", ".pytest_cache", ".venv", "build"})


def examples_root(env: BuildEnvironment) -> Path:
    return Path(env.config.example_include_root)


def resolve_root(app: Sphinx, config: Config) -> None:
    """Make the examples root absolute, relative to the folder of conf.py."""
    root = Path(app.confdir) / config.example_include_root
    config.example_include_root = str(root.resolve())


def example_files(root: Path) -> list[Path]:
    """Every file under root that may hold regions, build output excluded."""
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if SKIPPED_DIRS.intersection(relative.parts[:-1]):
            continue
        if path.is_file() and path.suffix in MARKED_SUFFIXES:
            found.append(path)
    return found


def included_regions(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """docname -> the includes made on that page, kept in the environment."""
    if not hasattr(env, "example_includes"):
        env.example_includes = {}
    return env.example_includes


class ExampleDirective(SphinxDirective):
    """Include a file, or one named region of it, from the examples tree."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "region": directives.unchanged_required,
        "caption": directives.unchanged,
        "language": directives.unchanged_required,
        "view": lambda value: directives.choice(value, ("transcript", "code")),
    }

    def run(self) -> list[nodes.Node]:
        root = examples_root(self.env)
        relative = self.arguments[0]
        region = self.options.get("region")
        path = (root / relative).resolve()
        where = f"{self.env.doc2path(self.env.docname)}:{self.lineno}"
        if not path.is_relative_to(root):
            return self.fail(f"{relative!r} is outside {root}")
        if not path.is_file():
            return self.fail(f"{root / relative}: no such example file")
        self.env.note_dependency(str(path))
        try:
            example = ExampleFile.read(path)
            text = example.text(region)
        except RegionError as error:
            return self.fail(f"{error} (included from {where})")

        language = self.options.get("language") or LANGUAGES.get(path.suffix, "text")
        if self.options.get("view") == "code":
            if path.suffix != ".pycon":
                return self.fail(f"{relative}: ':view: code' needs a .pycon file")
            text, language = session_code(text), "python"
        if path.suffix == ".pycon":
            for dependency in topic_inputs(root, path):
                self.env.note_dependency(str(dependency))
            failure = check_session(path)
            if failure:
                return self.fail(f"{failure}\n(shown on {where})")
        block = nodes.literal_block(text, text, source=str(path), language=language)
        block["example_path"] = relative
        block["example_region"] = region or ""
        block["example_line"] = example.first_line(region)
        set_source_info(self, block)
        record_block(
            self, relative, region, text, language, verification(path, self.options)
        )

        caption = self.options.get("caption")
        if caption is None:
            caption = f"examples/{relative}" + (f" · {region}" if region else "")
        return [self.with_caption(block, caption)]

    def with_caption(self, block: nodes.literal_block, caption: str) -> nodes.Node:
        container = nodes.container("", literal_block=True, classes=["example-block"])
        parsed, _ = self.state.inline_text(caption, self.lineno)
        title = nodes.caption(caption, "", *parsed)
        title.source, title.line = block.source, block.line
        container += title
        container += block
        return container

    def fail(self, message: str) -> list[nodes.Node]:
        logger.warning(
            message, location=self.get_location(), type="example", subtype="include"
        )
        return []


TABS = """\
.. tabs::

   .. group-tab:: Rust

      .. example:: {rust_path}
{rust_region}
   .. group-tab:: Python

      .. example:: {python_path}
         :view: code
{python_region}
   .. group-tab:: Output

      .. example:: {python_path}
{python_region}"""


# The same tabs for MyST pages, whose nested content is parsed as Markdown.
TABS_MYST = """\
::::{{tabs}}
:::{{group-tab}} Rust
```{{example}} {rust_path}
{rust_region}```
:::
:::{{group-tab}} Python
```{{example}} {python_path}
:view: code
{python_region}```
:::
:::{{group-tab}} Output
```{{example}} {python_path}
{python_region}```
:::
::::"""


def path_and_region(value: str) -> tuple[str, str]:
    path, _, region = value.partition("#")
    return path.strip(), region.strip()


class ExampleTabsDirective(SphinxDirective):
    """Rust, the Python that uses it, and the executed session, as tabs."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "rust": directives.unchanged_required,
        "python": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        missing = {"rust", "python"} - set(self.options)
        if missing:
            logger.warning(
                f"example-tabs needs :{' and :'.join(sorted(missing))}: options",
                location=self.get_location(),
                type="example",
                subtype="include",
            )
            return []

        markdown = self.env.doc2path(self.env.docname).suffix == ".md"
        indent = "" if markdown else " " * 9

        def region_option(region: str) -> str:
            return f"{indent}:region: {region}\n" if region else ""

        rust_path, rust_region = path_and_region(self.options["rust"])
        python_path, python_region = path_and_region(self.options["python"])
        text = (TABS_MYST if markdown else TABS).format(
            rust_path=rust_path,
            rust_region=region_option(rust_region),
            python_path=python_path,
            python_region=region_option(python_region),
        )
        return self.parse_text_to_nodes(text, offset=self.lineno - 1)


class ExampleTreeDirective(ExampleDirective):
    """Show the real file tree of an example folder, build output excluded."""

    option_spec: ClassVar[dict[str, Any]] = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        root = examples_root(self.env)
        relative = self.arguments[0].strip("/")
        folder = (root / relative).resolve()
        if not folder.is_dir() or not folder.is_relative_to(root):
            return self.fail(f"{root / relative}: no such example folder")
        self.env.note_dependency(str(folder))
        text = "\n".join([f"{relative}/", *tree_lines(folder)]) + "\n"
        block = nodes.literal_block(text, text, source=str(folder), language="text")
        block["example_path"] = relative + "/"
        block["example_region"] = ""
        block["example_line"] = 0
        set_source_info(self, block)
        record_block(
            self, relative + "/", None, text, "text", "read from the tree at build time"
        )
        caption = self.options.get("caption") or f"examples/{relative}/ (file tree)"
        return [self.with_caption(block, caption)]


def verification(path: Path, options: dict[str, Any]) -> str:
    """How the tests and the build vouch for a block from this file."""
    if path.suffix == ".pycon":
        if options.get("view") == "code":
            return "executed, output checked (input lines of the session)"
        return "executed, output checked"
    if path.suffix == ".rs":
        return "compiled"
    if path.name in {"Cargo.toml", "pyproject.toml", "setup.py", "Cargo.lock"}:
        return "used by the build"
    if path.suffix == ".pyi":
        return "checked against the module by stubtest"
    if path.suffix == ".py":
        return "executed by the tests"
    return "included verbatim"


def session_code(transcript: str) -> str:
    """The Python a reader would type: a transcript without prompts or output."""
    examples = doctest.DocTestParser().get_examples(transcript)
    return "".join(example.source for example in examples)


def topic_inputs(root: Path, path: Path) -> list[Path]:
    """Every source file of the topic folder that holds ``path``.

    A page that shows a session depends on them: when a crate's Rust changes,
    the module is rebuilt and the page's sessions must run again.
    """
    topic = root / path.relative_to(root).parts[0]
    return [
        file
        for file in sorted(topic.rglob("*"))
        if file.is_file()
        and not SKIPPED_DIRS.intersection(file.relative_to(topic).parts[:-1])
    ]


@functools.cache
def check_session(path: Path) -> str | None:
    """Run a .pycon transcript as a doctest against the built modules.

    Returns None when every output shown is what the interpreter prints now,
    else doctest's report of the first difference, which names the line.
    """
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            [sys.executable, "-m", "doctest", *DOCTEST_FLAGS, str(path)],
            cwd=scratch,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode == 0:
        return None
    report = result.stdout + result.stderr
    line = re.search(r'File ".*", line (\d+)', report)
    where = f"{path}:{line[1]}" if line else str(path)
    return f"{where}: the session no longer prints what is shown\n{report.strip()}"


def tree_lines(folder: Path, prefix: str = "") -> list[str]:
    """Lines of a tree drawing, folders first, like the ``tree`` command."""
    entries = sorted(
        (
            entry
            for entry in folder.iterdir()
            if entry.name not in SKIPPED_DIRS
            and not entry.name.startswith(".")
            and entry.name != "Cargo.lock"
        ),
        key=lambda entry: (not entry.is_dir(), entry.name),
    )
    lines = []
    for index, entry in enumerate(entries):
        last = index == len(entries) - 1
        lines.append(
            f"{prefix}{'└── ' if last else '├── '}{entry.name}"
            + ("/" if entry.is_dir() else "")
        )
        if entry.is_dir():
            lines.extend(tree_lines(entry, prefix + ("    " if last else "│   ")))
    return lines


def record_block(
    directive: SphinxDirective,
    path: str,
    region: str | None,
    text: str,
    language: str,
    verified: str,
) -> None:
    """Remember a block this page shows, for the orphan check and the manifest.

    Every directive that makes a code block calls this; a block that was not
    recorded fails the build (see sourcing_manifest).
    """
    env = directive.env
    included_regions(env).setdefault(env.docname, []).append(
        {
            "path": path,
            "region": region,
            "lineno": directive.lineno,
            "language": language,
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "verified": verified,
        }
    )


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    included_regions(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = included_regions(other)
    ours = included_regions(env)
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def check_orphan_regions(app: Sphinx, env: BuildEnvironment) -> None:
    """Every region in examples/ must be shown by some page."""
    root = examples_root(env)
    shown = {
        (include["path"], include["region"])
        for includes in included_regions(env).values()
        for include in includes
    }
    for path in example_files(root):
        relative = path.relative_to(root).as_posix()
        try:
            example = ExampleFile.read(path)
        except RegionError as error:
            logger.warning(
                error.message,
                location=f"{error.path}:{error.line}",
                type="example",
                subtype="region",
            )
            continue
        except UnicodeDecodeError:
            continue
        for name, region in sorted(example.regions.items()):
            if (relative, name) not in shown:
                logger.warning(
                    f"region {name!r} is not included by any page",
                    location=f"{path}:{region.start}",
                    type="example",
                    subtype="orphan",
                )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("example_include_root", "examples", "env", types=[str])
    app.setup_extension("sphinx_tabs.tabs")  # example-tabs is made of its tabs
    app.connect("config-inited", resolve_root)
    app.add_directive("example", ExampleDirective)
    app.add_directive("example-tree", ExampleTreeDirective)
    app.add_directive("example-tabs", ExampleTabsDirective)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-check-consistency", check_orphan_regions)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["MARKER", "ExampleDirective", "example_files", "setup"]
