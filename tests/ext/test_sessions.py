"""The session runner uses the built example modules, never the source tree."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import sessions

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "examples" / "project-structure"

# A Python without site-packages (-S), so the installed wordstats is out of
# reach, started as a session would be, with the session's folder on
# sys.path.  That folder holds the Rust crate wordstats/, which Python then
# imports as a namespace package.
SHADOWED = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import wordstats, sessions
print(sessions.imported_from_the_tree())
"""


def test_an_example_package_found_in_the_tree_is_reported(run_child):
    result = run_child(
        [sys.executable, "-S", "-c", SHADOWED, str(FOLDER), str(ROOT / "docs/_ext")],
        source=Path(sessions.__file__),
        what="the shadowed import could not be checked",
    )
    assert result.stdout.strip() == repr([f"wordstats from {FOLDER / 'wordstats'}"]), (
        result.stdout
    )


def test_installed_example_packages_are_not_reported():
    importlib.import_module("wordstats")
    importlib.import_module("_module_template_rs")
    assert sessions.imported_from_the_tree() == []


def test_other_modules_from_the_tree_are_allowed(monkeypatch):
    # A session may import a helper that sits next to it (migration does).
    helper = type(sys)("hashing")
    helper.__file__ = str(ROOT / "examples" / "migration" / "hashing.py")
    monkeypatch.setitem(sys.modules, "hashing", helper)
    assert sessions.imported_from_the_tree() == []


def test_a_module_made_from_source_text_is_not_reported(monkeypatch):
    # PyModule::from_code names a file that need not exist, relative to the
    # working folder (calling-python's helpers.py): nothing is shadowed.
    made = type(sys)("_calling_python_rs.helpers")
    made.__file__ = "helpers.py"
    monkeypatch.setitem(sys.modules, made.__name__, made)
    monkeypatch.chdir(ROOT / "examples" / "calling-python")
    assert sessions.imported_from_the_tree() == []
