"""Sphinx configuration: wiring only.  Build with ``sphinx-build -c . docs <out>``.

Logic lives in the extensions under docs/_ext/, each with its own tests.
"""

import sys
from pathlib import Path

# The extensions, and the model of the examples that they share.
sys.path[:0] = [
    str(Path(__file__).parent / "docs" / "_ext"),
    str(Path(__file__).parent),
]

project = "Rust Bindings Development Guide"
author = "The Rust Bindings Development Guide authors"
copyright = "2026, " + author

extensions = [
    "myst_parser",
    "sphinx_tabs.tabs",
    "example_include",
    "snippet_rule",
    "sphinx_copybutton",
    "example_source",
    "examples_index",
    "try_example",
    "topic_checklist",
    "sourcing_manifest",
    "prose_names",
    "bench_results",
    "compat_table",
    "accessible_html",
    "what_changed",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_templates"]
templates_path = ["docs/_templates"]
html_static_path = ["docs/_static"]

example_include_root = "examples"
# Written by `nox -s tests-3.X`; empty means <build folder>/compat.
compat_results_dir = ""
# Written by `nox -s bench`; the pages render their figures from it.
bench_results_dir = "docs/_data/bench"
# Names in prose may come from the code of the crates this workspace resolves.
prose_names_manifest = "examples/Cargo.toml"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

nitpicky = True
highlight_language = "none"
html_theme = "furo"
html_title = project
# Furo's default dark style underlines class names; this one reads better.
pygments_dark_style = "github-dark"
html_css_files = ["guide.css"]
html_js_files = ["tab-memory.js"]

# Copy only what a reader types: the lines after ">>> " or "... " prompts in a
# session, and whole blocks where there is no prompt (Rust, TOML, commands).
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_remove_prompts = True

# Caption links to the repository.  Empty: taken from the hosted build's
# environment (GitHub Actions, Read the Docs); a local build has none.
example_source_repo_url = ""
