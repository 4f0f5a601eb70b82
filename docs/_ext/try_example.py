"""The ``try-example`` directive: the command that opens Python on an example.

Usage::

    .. try-example:: module-template

renders the command ``nox -s try -- module-template``, which builds that one
crate and starts an interactive interpreter with its module imported.  The
command is derived from the real crate: the folder must be an example binding
crate (a ``Cargo.toml`` and a ``pyproject.toml``), or the build fails.  The
caption names the module the prompt imports (see ``examples_model.crates``).

Below it, the crate's source archive is offered for download
(``example_archives``): the project to take home, which builds on its own
with ``pip install .``.  A page whose session also imports another crate
names it, and that crate's archive is offered too::

    .. try-example:: binary-compatibility
       :with: binary-compatibility/older-floor

The tests install exactly these archives into a clean environment and run
the crate's session and tests there (tests/test_example_archives.py).  A
page whose session can only run inside this repository (it packs the
workspace itself, say) says so instead, and the page shows the reason::

    .. try-example:: shipping
       :no-archive: its session makes an sdist of the workspace itself

A page that shows example code must also say how to try it: without a
``try-example``, the build warns at the page's first example block.

The pure logic sits above the ``Sphinx glue`` line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from example_archives import ArchiveError, archive_inputs, example_archive
from example_include import example_block, shown_block
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import set_source_info

from examples_model.crates import BindingCrate, NotABindingCrate

logger = logging.getLogger(__name__)


class NotAnExample(Exception):
    pass


def example_crate(root: Path, folder: str) -> BindingCrate:
    """The binding crate in an example folder."""
    crate = (root / folder).resolve()
    if not crate.is_relative_to(root.resolve()) or not crate.is_dir():
        raise NotAnExample(f"{root / folder}: no such example folder")
    try:
        return BindingCrate.read(crate)
    except NotABindingCrate as error:
        raise NotAnExample(str(error)) from None


def module_name(root: Path, folder: str) -> str:
    """The importable module of an example binding crate folder."""
    return example_crate(root, folder).module


def command(folder: str) -> str:
    return f"nox -s try -- {folder}\n"


# --- Sphinx glue -----------------------------------------------------------


class TryExampleDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "with": directives.unchanged_required,
        "no-archive": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        root = Path(self.config.example_include_root)
        folder = self.arguments[0].strip("/")
        try:
            module = module_name(root, folder)
        except NotAnExample as error:
            logger.warning(
                str(error), location=self.get_location(), type="example", subtype="try"
            )
            return []
        self.env.note_dependency(str(root / folder / "Cargo.toml"))
        self.env.note_dependency(str(root / folder / "pyproject.toml"))
        text = command(folder)
        # Made from the tree, not typed: an example block like any other.
        block = shown_block(
            self,
            text,
            path=folder + "/",
            language="bash",
            verified="generated from the crate's Cargo.toml",
        )
        container = nodes.container(
            "",
            literal_block=True,
            classes=["literal-block-wrapper", "example-block", "try-example"],
        )
        caption = nodes.caption("", "")
        caption += nodes.Text("Try it: builds ")
        caption += nodes.literal(text=f"examples/{folder}/", example_path=folder)
        caption += nodes.Text(" and opens Python with ")
        caption += nodes.literal(text=module, example_path=folder + "/Cargo.toml")
        caption += nodes.Text(" imported")
        caption.source, caption.line = block.source, block.line
        container += caption
        container += block
        if "no-archive" in self.options:
            paragraph = nodes.paragraph(classes=["example-download"])
            paragraph += nodes.Text(
                "No download for this page: " + self.options["no-archive"] + "."
            )
            set_source_info(self, paragraph)
            return [container, paragraph]
        companions = self.options.get("with", "").split()
        downloads = self.downloads(root, [folder, *companions])
        return [container, *downloads]

    def downloads(self, root: Path, folders: list[str]) -> list[nodes.Node]:
        """A paragraph with a download link to each crate's source archive."""
        links, crates = [], []
        for folder in folders:
            try:
                crates.append(example_crate(root, folder))
                archive = example_archive(root / folder, root)
            except (NotAnExample, ArchiveError) as error:
                logger.warning(
                    str(error),
                    location=self.get_location(),
                    type="example",
                    subtype="archive",
                )
                return []
            # Any file that goes into the archive changes it.
            for file in archive_inputs(root / folder, root):
                self.env.note_dependency(str(file))
            # Sphinx copies the file into _downloads/ and links it.
            source_dir = Path(self.env.doc2path(self.env.docname)).parent
            link = addnodes.download_reference(
                "",
                "",
                reftarget=os.path.relpath(archive, source_dir),
                refdoc=self.env.docname,
                refexplicit=True,
            )
            link += nodes.literal(text=archive.name)
            links.append(link)
        paragraph = nodes.paragraph(classes=["example-download"])
        paragraph += nodes.Text("Take the project home: ")
        for number, link in enumerate(links):
            if number:
                paragraph += nodes.Text(" and ")
            paragraph += link
        paragraph += nodes.Text(
            ", made by maturin sdist.  Unpacked anywhere, "
            + ("each" if len(links) > 1 else "it")
            + " builds with "
        )
        paragraph += nodes.literal(text="pip install .")
        paragraph += nodes.Text(
            " and holds the crate's session and Python tests, which run with "
            "pytest and hypothesis installed"
        )
        if any(crate.test_packages for crate in crates):
            paragraph += nodes.Text(", and with the packages of its ")
            paragraph += nodes.literal(text="test")
            paragraph += nodes.Text(" dependency group (")
            paragraph += nodes.literal(text="pip install --group test")
            paragraph += nodes.Text(")")
        paragraph += nodes.Text(".")
        set_source_info(self, paragraph)
        return [paragraph]


def warn_without_try_example(app: Sphinx, doctree: nodes.document) -> None:
    """A page that shows code from an example also offers the command to try it."""
    containers = doctree.findall(nodes.container)
    if any("try-example" in container["classes"] for container in containers):
        return
    for block in doctree.findall(example_block):
        # A path ending in "/" is a folder: a tree listing, not code.
        path = block["example_path"]
        if not path.endswith("/"):
            logger.warning(
                f"shows examples/{path} but not the command to try it; add "
                "`.. try-example:: <example folder>` under the introduction",
                location=block,
                type="example",
                subtype="try",
            )
            return


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("example_include")
    app.add_directive("try-example", TryExampleDirective)
    app.connect("doctree-read", warn_without_try_example)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
