"""The session runner uses the built example modules, never the source tree."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

import sessions

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "examples" / "project-structure"

# A Python without site-packages (-S), so the installed wordstats is out of
# reach, started as a session would be, with the session's folder first on
# its path.  That folder holds the Rust crate wordstats/, which Python then
# imports as a namespace package.
SHADOWED = """
import wordstats, sessions
print(sessions.imported_from_the_tree())
"""


def test_an_example_package_found_in_the_tree_is_reported(run_child):
    path = [FOLDER, ROOT / "docs" / "_ext", ROOT]
    result = run_child(
        [sys.executable, "-S", "-c", SHADOWED],
        source=Path(sessions.__file__),
        what="the shadowed import could not be checked",
        env={**os.environ, "PYTHONPATH": os.pathsep.join(map(str, path))},
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


def write_session(folder: Path, shown: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    session = folder / "session.pycon"
    session.write_text(f">>> print(6 * 7)\n{shown}\n")
    return session


def test_a_passing_result_is_kept_and_shared(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path))
    first = sessions.run(write_session(tmp_path / "a", "42"))
    assert first.passed, first.report
    assert not first.cached
    # A copy of the same session elsewhere (as the mutation tests make) has
    # the same key: its result comes from the cache.
    copy = sessions.run(write_session(tmp_path / "b", "42"))
    assert copy.passed
    assert copy.cached
    assert len(list((tmp_path / "sessions").glob("*.json"))) == 1


def test_a_failing_result_runs_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path))
    session = write_session(tmp_path / "a", "41")
    first = sessions.run(session)
    assert not first.passed
    assert first.line == 1, first.report
    again = sessions.run(session)
    assert not again.passed
    assert not again.cached
    assert not (tmp_path / "sessions").exists() or not any(
        (tmp_path / "sessions").iterdir()
    )


def test_an_edited_session_runs_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path))
    session = write_session(tmp_path / "a", "42")
    assert sessions.run(session).passed
    session.write_text(">>> print(6 * 7 + 1)\n43\n")
    again = sessions.run(session)
    assert again.passed
    assert not again.cached


def test_a_module_made_from_source_text_is_not_reported(monkeypatch):
    # PyModule::from_code names a file that need not exist, relative to the
    # working folder (calling-python's helpers.py): nothing is shadowed.
    made = type(sys)("_calling_python_rs.helpers")
    made.__file__ = "helpers.py"
    monkeypatch.setitem(sys.modules, made.__name__, made)
    monkeypatch.chdir(ROOT / "examples" / "calling-python")
    assert sessions.imported_from_the_tree() == []


def test_a_session_is_keyed_by_the_wheels_of_its_own_folder(tmp_path):
    """A change to another crate's wheel leaves a session's result valid."""
    stamps = tmp_path / "example-stamps"
    stamps.mkdir()
    for crate in ("module-template", "module-template/imperative", "classes"):
        stamp = stamps / f"{crate.replace('/', '__')}.json"
        stamp.write_text(f'{{"crate": "examples/{crate}", "sha256": "x"}}')
    folder = (ROOT / "examples" / "module-template").resolve()
    found = sessions.installed_wheels(tmp_path, folder)
    assert [json.loads(text)["crate"] for text in found] == [
        "examples/module-template",
        "examples/module-template/imperative",
    ]


def test_a_module_of_another_folder_fails_the_session():
    """Such an import would make the cached result miss that crate's changes."""
    importlib.import_module("_classes_rs")
    examples = ROOT / "examples"
    elsewhere = sessions.imported_from_elsewhere(
        examples / "module-template" / "session.pycon"
    )
    assert "_classes_rs (examples/classes)" in elsewhere
    own = sessions.imported_from_elsewhere(examples / "classes" / "session.pycon")
    assert "_classes_rs (examples/classes)" not in own
    assert sessions.imported_from_elsewhere(Path("/tmp/unpacked/session.pycon")) == []
