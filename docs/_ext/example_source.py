"""Link every example block to the file it was included from.

The ``example`` directive gives each block a caption such as
``examples/module-template/src/lib.rs · module``.  This extension turns that
caption into a link to a page of the built site that shows the whole file,
highlighted, with the region's first line as the target.  The raw file is
copied next to that page, so both work offline and without a server.

When ``example_source_repo_url`` is set (for example
``https://host/owner/repo/blob/main``), the caption also links to the file in
the repository; the path added to it is ``examples/<path>``.  Left empty, it
is read from the environment of a hosted build: GitHub Actions and Read the
Docs both say which repository and commit they build.

The pure logic (which files, which URLs) has no Sphinx imports below the
``Sphinx glue`` line, so the tests can call it directly.
"""

from __future__ import annotations

import html
import os
import posixpath
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from accessible_html import FocusableHtmlFormatter
from docutils import nodes
from example_include import example_block, shown_blocks
from pygments import highlight
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from examples_model import files

logger = logging.getLogger(__name__)


def shown_files(includes: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Every example file some page includes, as paths relative to examples/."""
    return sorted(
        {
            include["path"]
            for page in includes.values()
            for include in page
            if include.get("path") and not include["path"].endswith("/")
        }
    )


def page_name(folder: str, path: str) -> str:
    """The Sphinx page name of the page that shows one example file."""
    return f"{folder}/{path}"


def line_anchor(line: int) -> str:
    return f"L-{line}" if line > 0 else ""


def repo_url_from_environment(environ: Mapping[str, str]) -> str:
    """The repository's file address prefix that a hosted build announces."""
    if environ.get("GITHUB_REPOSITORY") and environ.get("GITHUB_SHA"):
        server = environ.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{environ['GITHUB_REPOSITORY']}/blob/{environ['GITHUB_SHA']}"
    clone = environ.get("READTHEDOCS_GIT_CLONE_URL", "")
    commit = environ.get("READTHEDOCS_GIT_COMMIT_HASH", "")
    if clone.startswith("https://github.com/") and commit:
        return f"{clone.removesuffix('.git')}/blob/{commit}"
    return ""


def repo_link(repo_url: str, path: str) -> str:
    """The file's address in the repository, or "" when none is configured."""
    if not repo_url:
        return ""
    return f"{repo_url.rstrip('/')}/examples/{path.lstrip('/')}"


def highlighted(path: Path, relative: str) -> str:
    """The whole file as highlighted HTML, every line an anchor ``L-<n>``."""
    text = path.read_text(encoding="utf-8")
    try:
        lexer = get_lexer_by_name(files.language(path))
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    formatter = FocusableHtmlFormatter(
        linenos="inline", lineanchors="L", anchorlinenos=True, wrapcode=True
    )
    code = highlight(text, lexer, formatter)
    raw = posixpath.basename(relative)
    return (
        f'<p class="example-source-raw">The file <code>examples/{html.escape(relative)}'
        f"</code> as the site was built from it. "
        f'<a class="reference external" href="{html.escape(raw)}">Plain text</a>.</p>'
        f'<div class="example-source highlight-{lexer.aliases[0]} notranslate">'
        f"{code}</div>"
    )


# --- Sphinx glue -----------------------------------------------------------


def link_captions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make each example caption a link to its file's page (and repository)."""
    if app.builder.format != "html":
        return
    folder = app.config.example_source_folder
    here = app.builder.get_target_uri(docname)
    repo_url = app.config.example_source_repo_url or repo_url_from_environment(
        os.environ
    )
    for container in doctree.findall(nodes.container):
        if "example-block" not in container["classes"]:
            continue
        captions = [c for c in container.children if isinstance(c, nodes.caption)]
        blocks = [c for c in container.children if isinstance(c, example_block)]
        if not captions or not blocks:
            continue
        caption, block = captions[0], blocks[0]
        path = block["example_path"]
        if not path.endswith("/"):
            text = caption.astext()
            del caption[:]
            target = app.builder.get_target_uri(page_name(folder, path))
            uri = relative_uri(here, target)
            anchor = line_anchor(block.get("example_line", 0))
            caption += nodes.reference(
                text,
                text,
                refuri=uri + (f"#{anchor}" if anchor else ""),
                internal=True,
                classes=["example-source-link"],
            )
        url = repo_link(repo_url, path)
        if url:
            caption += nodes.Text(" ")
            caption += nodes.reference(
                "repository",
                "(repository)",
                refuri=url,
                classes=["example-repo-link"],
            )


def source_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """One page per shown example file, and the raw file next to it."""
    if app.builder.format != "html":
        return
    root = Path(app.config.example_include_root)
    folder = app.config.example_source_folder
    out = Path(app.outdir)
    for relative in shown_files(shown_blocks(app.env)):
        source = root / relative
        if not source.is_file():
            continue
        copy = out / folder / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
        context = {
            "title": f"examples/{relative}",
            "body": highlighted(source, relative),
            "parents": [],
            "display_toc": False,
        }
        yield page_name(folder, relative), context, "page.html"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("example_include")
    app.add_config_value("example_source_repo_url", "", "html", types=[str])
    app.add_config_value("example_source_folder", "_examples", "html", types=[str])
    app.connect("doctree-resolved", link_captions)
    app.connect("html-collect-pages", source_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
