"""Sphinx configuration: wiring only.  Build with ``sphinx-build -c . docs <out>``.

Logic lives in the extensions under docs/_ext/, each with its own tests.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "docs" / "_ext"))

project = "Rust Bindings Development Guide"
author = "The Rust Bindings Development Guide authors"
copyright = "2026, " + author

extensions = [
    "myst_parser",
    "sphinx_tabs.tabs",
    "example_include",
    "snippet_rule",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_templates"]
templates_path = ["docs/_templates"]
html_static_path = ["docs/_static"]

example_include_root = "examples"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

nitpicky = True
highlight_language = "none"
html_theme = "furo"
html_title = project
