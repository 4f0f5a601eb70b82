"""Proof that every kind of breakage fails the check that should catch it.

Each test copies the project into a temporary folder, breaks one thing, runs
the real check (the examples build, the docs build or pytest) and asserts
that it fails with a message naming the broken file.  Rust builds go to a
Cargo target folder of the suite's own (build/mutation-target), shared by
its tests and kept between runs, so PyO3 is compiled once.  Never the
project's examples/target: Cargo judges freshness by modification time, and
a broken copy's newer artifacts would look up to date to the real project's
next build, which would then install the broken module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The suite's own Cargo target folder, kept between runs like the project's.
TARGET = ROOT / "build" / "mutation-target"
PAGE = "docs/module-template.rst"
LIB = "examples/module-template/src/lib.rs"
SESSION = "examples/module-template/session.pycon"

pytestmark = pytest.mark.mutation


def tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [name for name in out.splitlines() if (ROOT / name).is_file()]


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's files, as git sees them, without build output."""
    copy = tmp_path_factory.mktemp("pristine")
    for name in tracked_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    # Fresh modification times, as a checkout gets: Cargo decides freshness
    # by mtime, and every copy shares one target folder, so a copy that kept
    # the originals' older times would look unchanged after another test had
    # built a broken version of the same crate.
    shutil.copytree(pristine, copy, copy_function=shutil.copy)
    return copy


@pytest.fixture(scope="session")
def isolated_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv whose own site-packages shadow this one's.

    Modules rebuilt from a broken copy are installed there, never into the
    environment running these tests; everything else (Sphinx, maturin and
    the unbroken modules) is reached through a .pth file.
    """
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "uv",
            "venv",
            "--quiet",
            "--python",
            sys.executable,
            str(venv),
        ],
        check=True,
    )
    site = next(venv.glob("lib/python*/site-packages"))
    (site / "outer-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    for tool in ("maturin", "uv"):  # `python -m maturin` runs the binary beside python
        (venv / "bin" / tool).symlink_to(Path(sysconfig.get_path("scripts")) / tool)
    return venv / "bin" / "python"


def run(python: Path | str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if k != "GUIDE_COMPAT_RESULTS"},
        "CARGO_TARGET_DIR": str(TARGET),
        "VIRTUAL_ENV": str(Path(python).parent.parent),
    }
    return subprocess.run(
        [str(python), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def build_examples(python: Path | str, project: Path, *crates: str):
    return run(python, "tools/build_examples.py", *crates, cwd=project)


def build_docs(python: Path | str, project: Path, out: Path | None = None):
    out = out or project / "build" / "html"
    return run(
        python,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-c",
        ".",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-j",
        "auto",
        "docs",
        str(out),
        cwd=project,
    )


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path} no longer contains {old!r}: update this mutation"
    path.write_text(text.replace(old, new, 1))


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_compile_error_in_an_included_region(project, isolated_python):
    replace(project / LIB, "text.trim()", "text.trim_everything()")
    result = build_examples(isolated_python, project, "examples/module-template")
    assert result.returncode != 0
    assert f"error at {LIB}:" in output(result), output(result)
    assert f"is shown on: {PAGE}:" in output(result)


def test_behaviour_change_makes_a_shown_output_stale(project, isolated_python):
    replace(project / LIB, "expected MAJOR.MINOR.PATCH", "wanted MAJOR.MINOR.PATCH")
    built = build_examples(isolated_python, project, "examples/module-template")
    assert built.returncode == 0, output(built)
    docs = build_docs(isolated_python, project)
    assert docs.returncode != 0
    assert f"{project / SESSION}:" in output(docs), output(docs)
    # Reported once, with the pages that show it, and nothing else: no
    # frames of doctest's machinery, no orphan warnings for its regions.
    assert output(docs).count("the session no longer prints what is shown") == 1
    assert f"shown on: {project / PAGE}:" in output(docs)
    assert "doctest.py" not in output(docs)
    assert "[example.orphan]" not in output(docs)
    tests = run(
        isolated_python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        SESSION,
        cwd=project,
    )
    assert tests.returncode != 0
    assert "session.pycon" in output(tests)
    assert f"{PAGE}:" in output(tests), "pytest must name the page that shows it"


def test_renamed_region_marker(project):
    replace(project / LIB, "// ANCHOR_END: module", "// ANCHOR_END: modul")
    docs = build_docs(sys.executable, project)
    assert docs.returncode != 0
    assert f"{project / LIB}:" in output(docs), output(docs)
    assert "ANCHOR_END for region 'modul', which is not open" in output(docs)


def test_deleted_included_file(project):
    (project / SESSION).unlink()
    docs = build_docs(sys.executable, project)
    assert docs.returncode != 0
    assert "session.pycon: no such example file" in output(docs), output(docs)
    assert "module-template.rst:" in output(docs)


def test_inline_code_block_added_to_a_page(project):
    page = project / PAGE
    page.write_text(page.read_text() + "\n.. code-block:: rust\n\n   fn typed() {}\n")
    docs = build_docs(sys.executable, project)
    assert docs.returncode != 0
    assert "module-template.rst:" in output(docs), output(docs)
    assert "inline code block is not allowed" in output(docs)


def test_broken_cross_reference(project):
    page = project / PAGE
    page.write_text(page.read_text() + "\nSee :doc:`no-such-page`.\n")
    docs = build_docs(sys.executable, project)
    assert docs.returncode != 0
    assert "module-template.rst:" in output(docs), output(docs)
    assert "no-such-page" in output(docs)


def test_crate_dropped_from_the_workspace(project):
    replace(project / "examples/Cargo.toml", '    "module-template",\n', "")
    result = build_examples(sys.executable, project)
    assert result.returncode != 0
    assert "examples/module-template/Cargo.toml is not a member" in output(result)


def test_broken_python_test(project):
    test_file = project / "tests/ext/test_regions.py"
    replace(
        test_file,
        'assert file.text("inner") == "let x = 1;\\n"',
        'assert file.text("inner") == "let x = 2;\\n"',
    )
    result = run(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/ext/test_regions.py",
        cwd=project,
    )
    assert result.returncode != 0
    assert "tests/ext/test_regions.py" in output(result), output(result)


def test_rust_change_rebuilds_the_module_and_reruns_the_sessions(
    project, isolated_python
):
    """No stale caches: an incremental build notices a changed lib.rs."""
    out = project / "build" / "html"
    first = build_examples(isolated_python, project, "examples/module-template")
    assert first.returncode == 0, output(first)
    baseline = build_docs(isolated_python, project, out)
    assert baseline.returncode == 0, output(baseline)
    replace(project / LIB, "is larger than", "exceeds")
    second = build_examples(isolated_python, project, "examples/module-template")
    assert "1 built, 0 up to date" in output(second), output(second)
    again = build_docs(isolated_python, project, out)
    assert again.returncode != 0, "the page's session was not re-executed"
    assert f"{project / SESSION}:" in output(again), output(again)


CLASSES_SESSION = "examples/classes/session.pycon"
CLASSES_VERSIONS = "examples/classes/session.versions.toml"


def test_one_interpreters_recorded_output_is_checked(project, isolated_python):
    """Break only what 3.11 and 3.12 print: the session fails on those."""
    replace(
        project / CLASSES_VERSIONS,
        "object has no attribute 'colour'",
        "object has no attribute 'color'",
    )
    tests = run(
        isolated_python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        CLASSES_SESSION,
        cwd=project,
    )
    assert tests.returncode != 0, output(tests)
    assert f"{project / CLASSES_SESSION}:58:" in output(tests), output(tests)
    assert CLASSES_VERSIONS.rsplit("/", 1)[1] in output(tests)


def test_a_recorded_difference_that_lost_its_example_fails(project, isolated_python):
    replace(project / CLASSES_SESSION, 'temps.colour = "blue"', 'temps.hue = "blue"')
    tests = run(
        isolated_python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        CLASSES_SESSION,
        cwd=project,
    )
    assert tests.returncode != 0, output(tests)
    assert f"{project / CLASSES_VERSIONS}:" in output(tests), output(tests)
    assert "move the entry with it" in output(tests)
