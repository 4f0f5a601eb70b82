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
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import sessions
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives.code import container_wrapper
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import set_source_info

from examples_model import files
from examples_model.files import BUILD_OUTPUT
from examples_model.regions import MARKER, ExampleFile, RegionError

logger = logging.getLogger(__name__)


def examples_root(env: BuildEnvironment) -> Path:
    return Path(env.config.example_include_root)


def resolve_root(app: Sphinx, config: Config) -> None:
    """Make the examples root absolute, relative to the folder of conf.py."""
    root = Path(app.confdir) / config.example_include_root
    config.example_include_root = str(root.resolve())


class example_block(nodes.literal_block):
    """A code block that a page shows from examples/; only shown_block() makes one.

    Sphinx's writers handle it as a literal block (they dispatch on the
    class's ancestors).  The snippet rule accepts this type and no other.
    """


def shown_block(
    directive: SphinxDirective,
    text: str,
    *,
    path: str,
    language: str,
    verified: str,
    region: str | None = None,
    line: int = 0,
    source: Path | None = None,
) -> example_block:
    """The one way to make a block that a page shows from examples/.

    ``path`` is relative to the examples root, and ends in "/" for a folder;
    ``line`` is the first shown line in that file (0 for none); ``verified``
    says how the text is checked, for the sourcing manifest.  ``source``
    is the file read, when the block shows one file as it is.
    """
    block = example_block(text, text, language=language)
    if source is not None:
        block["source"] = str(source)
    block["example_path"] = path
    block["example_region"] = region or ""
    block["example_line"] = line
    block["verified"] = verified
    set_source_info(directive, block)
    return block


class PageCollector(EnvironmentCollector):
    """A collector that keeps one entry per page in the environment.

    Sphinx clears a page's entry when the page is read again, and merges the
    entries of parallel readers; a subclass names its attribute and fills
    ``of(env)[docname]`` in ``process_doc``.
    """

    attribute: ClassVar[str]

    @classmethod
    def of(cls, env: BuildEnvironment) -> dict[str, Any]:
        if not hasattr(env, cls.attribute):
            setattr(env, cls.attribute, {})
        return getattr(env, cls.attribute)

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: set[str],
        other: BuildEnvironment,
    ) -> None:
        theirs = self.of(other)
        for docname in docnames:
            if docname in theirs:
                self.of(env)[docname] = theirs[docname]


class ShownBlocks(PageCollector):
    """Reads every page's example blocks from its doctree, once it is read.

    The sourcing manifest, the orphan check, the session report and the
    prose check use what it keeps; since it reads the doctree, no block can
    be shown without being counted.
    """

    attribute = "example_shown_blocks"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        blocks = [
            {
                "path": block["example_path"],
                "region": block["example_region"] or None,
                "lineno": block.line,
                "language": block["language"],
                "sha256": hashlib.sha256(block.astext().encode()).hexdigest(),
                "verified": block["verified"],
            }
            for block in doctree.findall(example_block)
        ]
        if blocks:
            self.of(app.env)[app.env.docname] = blocks


def shown_blocks(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """docname -> the blocks that page shows, as ShownBlocks read them."""
    return ShownBlocks.of(env)


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

        language = self.options.get("language") or files.language(path)
        if self.options.get("view") == "code":
            if path.suffix != ".pycon":
                return self.fail(f"{relative}: ':view: code' needs a .pycon file")
            text, language = session_code(text), "python"
        notes: list[nodes.Node] = []
        if path.suffix == ".pycon":
            # A change to the crate rebuilds the module: run the session again.
            for dependency in sessions.inputs(path):
                self.env.note_dependency(str(dependency))
            try:
                differences = sessions.read_differences(path)
            except sessions.SessionError as error:
                return self.fail(f"{error} (included from {where})")
            if self.options.get("view") != "code":
                notes = self.difference_notes(relative, example, region, differences)
        block = shown_block(
            self,
            text,
            path=relative,
            language=language,
            verified=verification(path, self.options),
            region=region,
            line=example.first_line(region),
            source=path,
        )

        caption = self.options.get("caption")
        if caption is None:
            caption = f"examples/{relative}" + (f" · {region}" if region else "")
        return [self.with_caption(block, caption), *notes]

    def difference_notes(
        self,
        relative: str,
        example: ExampleFile,
        region: str | None,
        differences: list[sessions.Difference],
    ) -> list[nodes.Node]:
        """Say which interpreter printed the output, where others differ."""
        if region is None:
            first, last = 1, len(example.lines)
        else:
            found = example.regions[region]
            first, last = found.start, found.end
        shown = [d for d in differences if first <= d.line <= last]
        if not shown:
            return []
        reference = sessions.reference_python()
        note = nodes.admonition(classes=["note", "version-differences"])
        note += nodes.title("", f"Output of CPython {reference}")
        for difference in shown:
            versions = " and ".join(difference.pythons)
            para = nodes.paragraph()
            para += nodes.Text(f"CPython {versions} print for ")
            # From the session, not typed: the prose checks pass it by.
            para += nodes.literal(
                difference.source, difference.source, example_path=relative
            )
            para += nodes.Text(
                f" (checked on those versions, recorded in {sessions.VERSIONS_FILE}):"
            )
            note += para
            output = shown_block(
                self,
                difference.output,
                path=str(Path(relative).with_name(sessions.VERSIONS_FILE)),
                language="pycon",
                verified=f"executed on CPython {versions}, output checked",
            )
            note += output
        return [note]

    def with_caption(self, block: nodes.literal_block, caption: str) -> nodes.Node:
        """Sphinx's own captioned container, marked as an example's block."""
        container = container_wrapper(self, block, caption)
        container["classes"].append("example-block")
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
        made = self.parse_text_to_nodes(text, offset=self.lineno - 1)
        # The blocks come from generated text: they are at this directive's line.
        source, line = self.get_source_info()
        for node in made:
            for block in node.findall(example_block):
                block.source, block.line = source, line
        return made


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
        block = shown_block(
            self,
            text,
            path=relative + "/",
            language="text",
            verified="read from the tree at build time",
            source=folder,
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
    if path.parent.name == "recorded":
        return "recorded output, re-run and checked by the tests"
    return "included verbatim"


def session_code(transcript: str) -> str:
    """The Python a reader would type: a transcript without prompts or output."""
    examples = doctest.DocTestParser().get_examples(transcript)
    return "".join(example.source for example in examples)


def tree_lines(folder: Path, prefix: str = "") -> list[str]:
    """Lines of a tree drawing, folders first, like the ``tree`` command."""
    entries = sorted(
        (
            entry
            for entry in folder.iterdir()
            if entry.name not in BUILD_OUTPUT
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


# Each session's result on this interpreter, found before any page is read
# (parallel readers inherit it), so that each session runs once per build.
SESSION_RESULTS: dict[Path, sessions.Result] = {}


def run_sessions(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Run every session under the examples root once, two at a time."""
    found = [p for p in files.example_files(examples_root(env)) if p.suffix == ".pycon"]
    workers = min(len(found), os.cpu_count() or 1) or 1
    with ThreadPoolExecutor(workers) as pool:
        SESSION_RESULTS.update(zip(found, pool.map(sessions.run, found), strict=True))
    ran = sum(not result.cached for result in SESSION_RESULTS.values())
    logger.info(
        f"sessions: {ran} run on Python {sessions.running_python()}, "
        f"{len(found) - ran} unchanged since their last run"
    )
    # Read the pages of a failing session again, so that the consistency
    # check, which reports it, runs even when nothing else changed.
    root = examples_root(env)
    failing = {
        path.relative_to(root).as_posix()
        for path, result in SESSION_RESULTS.items()
        if not result.passed
    }
    for docname, includes in shown_blocks(env).items():
        if docname not in docnames and any(i["path"] in failing for i in includes):
            docnames.append(docname)


def report_failed_sessions(app: Sphinx, env: BuildEnvironment) -> None:
    """Report each failing session once, with every page that shows it."""
    root = examples_root(env)
    shown: dict[str, list[str]] = {}
    for docname, includes in sorted(shown_blocks(env).items()):
        for include in includes:
            region = f" (region {include['region']!r})" if include["region"] else ""
            shown.setdefault(include["path"], []).append(
                f"{env.doc2path(docname)}:{include['lineno']}{region}"
            )
    for path, result in sorted(SESSION_RESULTS.items()):
        if result.passed:
            continue
        pages = shown.get(path.relative_to(root).as_posix(), [])
        where = ", ".join(dict.fromkeys(pages)) or "no page"
        location = f"{path}:{result.line}" if result.line else str(path)
        logger.warning(
            f"the session no longer prints what is shown, on Python "
            f"{result.python}\n{result.report}\nshown on: {where}",
            location=location,
            type="example",
            subtype="session",
        )


def check_orphan_regions(app: Sphinx, env: BuildEnvironment) -> None:
    """Every region in examples/ must be shown by some page."""
    root = examples_root(env)
    shown = {
        (include["path"], include["region"])
        for includes in shown_blocks(env).values()
        for include in includes
    }
    for path in files.example_files(root):
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
    app.add_env_collector(ShownBlocks)
    app.connect("env-before-read-docs", run_sessions)
    app.connect("env-check-consistency", report_failed_sessions)
    app.connect("env-check-consistency", check_orphan_regions)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["MARKER", "ExampleDirective", "setup"]
