"""Proof that every kind of breakage fails the check that should catch it.

Each test copies the project into a temporary folder, breaks one thing, runs
the real check (the examples build, the docs build or pytest) and asserts
that it fails with a message naming the broken file.  The checks run through
the ``run_child`` fixture (conftest.py): a check that passes where it should
fail, or fails where it should pass, shows its whole output.  Rust builds go to a
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
# The project's content-keyed caches (session results, example archives;
# examples_model.crates.content_cache): a copy's unbroken sessions find the results
# of the site build that ran before these tests, and a broken module or
# session has a key of its own.
CACHE = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build")) / "cache"
PAGE = "docs/module-template.rst"
LIB = "examples/module-template/src/lib.rs"
SESSION = "examples/module-template/session.pycon"

pytestmark = pytest.mark.mutation


def tracked_files(run_child) -> list[str]:
    out = run_child(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        source=ROOT / ".gitignore",
        what="git cannot list the project's files",
        cwd=ROOT,
    ).stdout
    return [name for name in out.splitlines() if (ROOT / name).is_file()]


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory, run_child) -> Path:
    """The project's files, as git sees them, without build output."""
    copy = tmp_path_factory.mktemp("pristine")
    for name in tracked_files(run_child):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    return copy


def fresh_copy(pristine: Path, copy: Path) -> Path:
    # Fresh modification times, as a checkout gets: Cargo decides freshness
    # by mtime, and every copy shares one target folder, so a copy that kept
    # the originals' older times would look unchanged after another test had
    # built a broken version of the same crate.
    shutil.copytree(pristine, copy, copy_function=shutil.copy)
    return copy


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    return fresh_copy(pristine, tmp_path / "project")


@pytest.fixture(scope="session")
def isolated_python(tmp_path_factory: pytest.TempPathFactory, run_child) -> Path:
    """A venv whose own site-packages shadow this one's.

    Modules rebuilt from a broken copy are installed there, never into the
    environment running these tests; everything else (Sphinx, maturin and
    the unbroken modules) is reached through a .pth file.
    """
    return make_isolated_python(tmp_path_factory.mktemp("venv"), run_child)


@pytest.fixture
def own_isolated_python(tmp_path: Path, run_child) -> Path:
    """One test's own isolated venv, for a module that other tests must not see."""
    return make_isolated_python(tmp_path / "venv", run_child)


def make_isolated_python(venv: Path, run_child) -> Path:
    run_child(
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
        source=ROOT / "pyproject.toml",
        what="uv cannot create the environment for the mutation tests",
    )
    site = next(venv.glob("lib/python*/site-packages"))
    (site / "outer-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # The outer environment's record of the example wheels it installed,
    # which the venv reaches through the .pth file: the examples build sees
    # them as up to date, and a session's result key is the same as outside.
    stamps = Path(sys.prefix) / "example-stamps"
    if stamps.is_dir():
        shutil.copytree(stamps, venv / "example-stamps")
    for tool in ("maturin", "uv"):  # `python -m maturin` runs the binary beside python
        (venv / "bin" / tool).symlink_to(Path(sysconfig.get_path("scripts")) / tool)
    return venv / "bin" / "python"


def run(
    run_child, python: Path | str, *args: str, cwd: Path, broken: str, failing: bool
) -> subprocess.CompletedProcess[str]:
    """Run a check in a copy; ``broken`` names the file the test broke."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "GUIDE_COMPAT_RESULTS"},
        "CARGO_TARGET_DIR": str(TARGET),
        "GUIDE_CACHE_DIR": os.environ.get("GUIDE_CACHE_DIR", str(CACHE)),
        "VIRTUAL_ENV": str(Path(python).parent.parent),
    }
    return run_child(
        [str(python), *args],
        source=cwd / broken,
        what="the check fails, but this test expects it to pass",
        failing=failing,
        cwd=cwd,
        env=env,
    )


def build_examples(
    run_child, python, project: Path, *crates: str, broken: str, failing=True
):
    return run(
        run_child,
        python,
        "-m",
        "tools.build_examples",
        *crates,
        cwd=project,
        broken=broken,
        failing=failing,
    )


def build_docs(
    run_child, python, project: Path, out=None, *, broken: str, failing=True
):
    out = out or project / "build" / "html"
    return run(
        run_child,
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
        broken=broken,
        failing=failing,
    )


def run_pytest(run_child, python, project: Path, *args: str, broken: str, failing=True):
    """pytest in the copy, on ``args``, as a reader of its output sees it."""
    return run(
        run_child,
        python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        *args,
        cwd=project,
        broken=broken,
        failing=failing,
    )


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path} no longer contains {old!r}: update this mutation"
    path.write_text(text.replace(old, new, 1))


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_compile_error_in_an_included_region(project, isolated_python, run_child):
    replace(project / LIB, "text.trim()", "text.trim_everything()")
    result = build_examples(
        run_child, isolated_python, project, "examples/module-template", broken=LIB
    )
    assert f"error at {LIB}:" in output(result), output(result)
    assert f"is shown on: {PAGE}:" in output(result), output(result)


def test_behaviour_change_makes_a_shown_output_stale(
    project, isolated_python, run_child
):
    replace(project / LIB, "expected MAJOR.MINOR.PATCH", "wanted MAJOR.MINOR.PATCH")
    build_examples(
        run_child,
        isolated_python,
        project,
        "examples/module-template",
        broken=LIB,
        failing=False,
    )
    docs = build_docs(run_child, isolated_python, project, broken=LIB)
    assert f"{project / SESSION}:" in output(docs), output(docs)
    # Reported once, with the pages that show it, and nothing else: no
    # frames of doctest's machinery, no orphan warnings for its regions.
    assert output(docs).count("the session no longer prints what is shown") == 1
    assert f"shown on: {project / PAGE}:" in output(docs), output(docs)
    assert "doctest.py" not in output(docs)
    assert "[example.orphan]" not in output(docs)
    tests = run_pytest(
        run_child,
        isolated_python,
        project,
        SESSION,
        broken=LIB,
        failing=True,
    )
    assert "session.pycon" in output(tests), output(tests)
    assert f"{PAGE}:" in output(tests), "pytest must name the page that shows it"


def test_renamed_region_marker(project, run_child):
    replace(project / LIB, "// ANCHOR_END: module", "// ANCHOR_END: modul")
    docs = build_docs(run_child, sys.executable, project, broken=LIB)
    assert f"{project / LIB}:" in output(docs), output(docs)
    assert "ANCHOR_END for region 'modul', which is not open" in output(docs)


def test_deleted_included_file(project, run_child):
    (project / SESSION).unlink()
    docs = build_docs(run_child, sys.executable, project, broken=SESSION)
    assert "session.pycon: no such example file" in output(docs), output(docs)
    assert "module-template.rst:" in output(docs)


def test_inline_code_block_added_to_a_page(project, run_child):
    page = project / PAGE
    page.write_text(page.read_text() + "\n.. code-block:: rust\n\n   fn typed() {}\n")
    docs = build_docs(run_child, sys.executable, project, broken=PAGE)
    assert "module-template.rst:" in output(docs), output(docs)
    assert "inline code block is not allowed" in output(docs)


def test_broken_cross_reference(project, run_child):
    page = project / PAGE
    page.write_text(page.read_text() + "\nSee :doc:`no-such-page`.\n")
    docs = build_docs(run_child, sys.executable, project, broken=PAGE)
    assert "module-template.rst:" in output(docs), output(docs)
    assert "no-such-page" in output(docs)


def test_crate_dropped_from_the_workspace(project, run_child):
    workspace = "examples/Cargo.toml"
    replace(project / workspace, '    "module-template",\n', "")
    result = build_examples(run_child, sys.executable, project, broken=workspace)
    assert "examples/module-template/Cargo.toml is not a member" in output(result)


def test_rust_change_rebuilds_the_module_and_reruns_the_sessions(
    project, isolated_python, run_child
):
    """No stale caches: an incremental build notices a changed lib.rs."""
    out = project / "build" / "html"
    module = "examples/module-template"
    build_examples(
        run_child, isolated_python, project, module, broken=LIB, failing=False
    )
    build_docs(run_child, isolated_python, project, out, broken=LIB, failing=False)
    replace(project / LIB, "is larger than", "exceeds")
    second = build_examples(
        run_child, isolated_python, project, module, broken=LIB, failing=False
    )
    assert "1 built, 0 installed from the wheelhouse, 0 up to date" in output(second), (
        output(second)
    )
    # Fails only if the page's session was re-executed against the new module.
    again = build_docs(run_child, isolated_python, project, out, broken=LIB)
    assert f"{project / SESSION}:" in output(again), output(again)


# One copy with three benchmarks broken, each on its own page, and one docs
# build for the three tests: each asserts the message for its own breakage.
DELETED = "examples/migration/benches/bench_migration.py"
RENAMED = "examples/pitfalls/benches/bench_pitfalls.py"
CHANGED = "examples/submodules/benches/bench_submodules.py"


@pytest.fixture(scope="module")
def benchmarks_broken(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory, run_child
) -> tuple[Path, str]:
    project = fresh_copy(pristine, tmp_path_factory.mktemp("benches") / "project")
    replace(
        project / DELETED,
        '@pytest.mark.benchmark(group="hash-small")\n'
        "def bench_rust_small(benchmark):\n"
        '    """Rust (sha2), 64 B"""\n'
        "    benchmark(_migration_rs.calculate_hash, SMALL)\n",
        "",
    )
    replace(project / RENAMED, "def bench_large_detached(", "def bench_large_released(")
    replace(project / CHANGED, 'select="text"', 'select="stats"')
    docs = build_docs(run_child, sys.executable, project, broken=DELETED)
    return project, output(docs)


def test_deleted_benchmark_leaves_no_figure(benchmarks_broken):
    project, out = benchmarks_broken
    assert f"{project / 'docs/migration.rst'}:" in out, out
    assert (
        "docs/_data/bench/migration.json: row 'bench_rust_small' (group "
        "'hash-small') has no benchmark" in out
    ), out


def test_renamed_benchmark_leaves_no_figure(benchmarks_broken):
    project, out = benchmarks_broken
    assert f"{project / 'docs/pitfalls.rst'}:" in out, out
    assert (
        "docs/_data/bench/pitfalls.json: row 'bench_large_detached' (group "
        "'detach-cost-large') has no benchmark" in out
    ), out
    assert (
        "docs/_data/bench/pitfalls.json: no row for benchmark "
        f"'bench_large_released' (group 'detach-cost-large', {RENAMED}:" in out
    ), out


def test_changed_benchmark_must_be_measured_again(benchmarks_broken):
    project, out = benchmarks_broken
    assert f"{project / 'docs/submodules.rst'}:" in out, out
    assert (
        "docs/_data/bench/submodules.json: row 'bench_import_one' was measured "
        f"with other code than {CHANGED}:" in out
    ), out
    assert "run `nox -s bench -- submodules`" in out, out


def test_setup_py_naming_another_module(project, run_child):
    """The failing build's test shows the child's error and names setup.py."""
    setup_py = "examples/build-configuration/setuptools/setup.py"
    replace(project / setup_py, '"_build_configuration_rs",', '"_build_config_rs",')
    result = run_pytest(
        run_child,
        sys.executable,
        project,
        "examples/build-configuration/tests",
        "-k",
        "imports_and_works",
        broken=setup_py,
        failing=True,
    )
    # The failure's own section (the summary line is cut to the terminal width).
    assert "\nsetuptools/setup.py: the wheel it built does not work" in output(
        result
    ), output(result)
    assert "ModuleNotFoundError: No module named '_build_configuration_rs'" in output(
        result
    ), output(result)


CLASSES_SESSION = "examples/classes/session.pycon"
CLASSES_VERSIONS = "examples/classes/session.versions.toml"


def session_tests(run_child, python, project: Path, broken: str):
    return run_pytest(
        run_child,
        python,
        project,
        CLASSES_SESSION,
        broken=broken,
        failing=True,
    )


def test_one_interpreters_recorded_output_is_checked(
    project, isolated_python, run_child
):
    """Break only what 3.11 and 3.12 print: the session fails on those."""
    replace(
        project / CLASSES_VERSIONS,
        "object has no attribute 'colour'",
        "object has no attribute 'color'",
    )
    tests = session_tests(run_child, isolated_python, project, CLASSES_VERSIONS)
    assert f"{project / CLASSES_SESSION}:58:" in output(tests), output(tests)
    assert CLASSES_VERSIONS.rsplit("/", 1)[1] in output(tests)


def test_a_recorded_difference_that_lost_its_example_fails(
    project, isolated_python, run_child
):
    replace(project / CLASSES_SESSION, 'temps.colour = "blue"', 'temps.hue = "blue"')
    tests = session_tests(run_child, isolated_python, project, CLASSES_SESSION)
    assert f"{project / CLASSES_VERSIONS}:" in output(tests), output(tests)
    assert "move the entry with it" in output(tests)


RELEASING = "examples/releasing-the-interpreter"
RELEASING_PAGE = "docs/releasing-the-interpreter.rst"


def test_function_renamed_everywhere_but_in_the_prose(
    project, own_isolated_python, run_child
):
    """Code, stub, session, tests and benchmarks renamed together; only the page lags.

    The renamed module goes into a venv of this test's own: the shared one
    serves tests whose docs builds run this session against the real module.
    """
    old, new = "count_primes_attached", "count_primes_holding"
    renamed = []
    for path in sorted((project / RELEASING).rglob("*")):
        if path.is_file() and old in (text := path.read_text()):
            path.write_text(text.replace(old, new))
            renamed.append(path.relative_to(project / RELEASING).as_posix())
    assert renamed == [
        "_releasing_the_interpreter_rs.pyi",
        "benches/bench_releasing_the_interpreter.py",
        "session.pycon",
        "src/lib.rs",
        "tests/test_releasing_the_interpreter.py",
    ], f"{RELEASING} names {old} elsewhere now: update this mutation"
    build_examples(
        run_child,
        own_isolated_python,
        project,
        RELEASING,
        broken=f"{RELEASING}/src/lib.rs",
        failing=False,
    )
    docs = build_docs(run_child, own_isolated_python, project, broken=RELEASING_PAGE)
    page = project / RELEASING_PAGE
    shown = [
        number
        for number, line in enumerate(page.read_text().splitlines(), start=1)
        if f"``{old}``" in line
    ]
    assert shown, f"{RELEASING_PAGE} no longer names {old}: update this mutation"
    for number in shown:
        assert f"{page}:{number}: WARNING: ``{old}`` is not a name" in output(docs), (
            output(docs)
        )
    # The rename is consistent: the page's session still passes, and only
    # the prose fails, once per mention.
    assert output(docs).count("[prose.name]") == len(shown), output(docs)
    assert f"{project / RELEASING}/session.pycon" not in output(docs), output(docs)


def test_a_new_topic_builds_into_a_page_and_an_omission_fails(
    project, own_isolated_python, run_child
):
    """``nox -s new`` lays out a topic that builds and passes as it is; the
    page without its try-example fails the docs build, which names it."""
    topic, python = "demo-topic", own_isolated_python
    crate, page = f"examples/{topic}", f"docs/{topic}.rst"
    laid_out = run(
        run_child,
        python,
        "-m",
        "tools.new_topic",
        topic,
        "A topic laid out by the test.",
        cwd=project,
        broken=page,
        failing=False,
    )
    assert "Still to do" in output(laid_out), output(laid_out)
    build_examples(run_child, python, project, crate, broken=page, failing=False)
    build_docs(run_child, python, project, broken=page, failing=False)
    module = "_demo_topic_rs"
    run_pytest(
        run_child,
        python,
        project,
        crate,
        "tests/test_examples_readme.py",
        f"tests/test_built_modules.py::test_stub_matches_module[{module}]",
        f"tests/test_built_modules.py::test_stub_is_installed[{module}]",
        broken=page,
        failing=False,
    )
    replace(project / page, f".. try-example:: {topic}\n", "")
    docs = build_docs(run_child, python, project, broken=page)
    assert f"{page}:" in output(docs), output(docs)
    assert "not the command to try it" in output(docs), output(docs)
