"""The first page's promise: what it shows works outside this repository.

docs/first-module.rst shows a crate's files whole, shell commands (regions
of examples/first-module/commands.sh) and a Python session.  The main test
rebuilds, from the page's directives, what a reader copies: each file the
page shows whole goes into an empty folder outside the project, with no
Cargo workspace or lock file above it.  It then runs the page's commands
there with bash: a fresh virtual environment, ``maturin develop`` (the
maturin of the environment running the tests, the version the guide pins),
and runs the session the page shows with that environment's Python.  Cargo
resolves PyO3 from the crate registry as it would for the reader, so the
test needs the network.

Other tests check what the page says about ``maturin new``'s template, by
running it, and that the crate uses the workspace's PyO3.

Cargo builds into build/first-module-target, kept between runs so that PyO3
is compiled once; the copied files are newer than anything built there, so
the crate itself is always compiled again.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
import sessions

from examples_model.pages import includes
from examples_model.regions import ExampleFile

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
PAGE = DOCS / "first-module.rst"
FOLDER = "first-module"
CRATE = EXAMPLES / FOLDER
COMMANDS = f"{FOLDER}/commands.sh"
BUILD_DIR = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build"))
TARGET = BUILD_DIR / "first-module-target"
# The environment running the tests: its python3 and its maturin.
TOOLS = Path(sys.executable).parent

# Variables that would point a build at the project or the test environment.
LEAKS = frozenset(
    {
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET_DIR",
        "VIRTUAL_ENV",
        "CONDA_PREFIX",
        "PYTHONPATH",
        "PYTHONHOME",
    }
)

# What the test does with each step (region) of commands.sh.  A new region
# fails test_every_command_is_run_or_skipped_for_a_reason until it is
# listed here.
RUN = ("venv", "develop")
RUN_BY_TEMPLATE_TEST = "new"
SKIPPED = {
    "install-maturin": "downloads maturin; the test uses its own, the guide's pin",
    "release": "compiles PyO3 again, optimised: too slow to run on every change",
    "pip-install": "downloads maturin into pip's build environment",
    "pip-install-editable": "downloads maturin into pip's build environment",
}


def shown_on_page() -> list[tuple[str, str | None]]:
    """(example path, region) for every block the page shows, in page order."""
    prefix = f"{PAGE.relative_to(ROOT).as_posix()}:"
    found = []
    for path, uses in includes(DOCS).items():
        for where, region in uses:
            if where.startswith(prefix):
                found.append((int(where.removeprefix(prefix)), path, region))
    return [(path, region) for _, path, region in sorted(found)]


def shown_files() -> dict[str, list[str | None]]:
    """Each example file the page shows, with its regions (None: whole)."""
    files: dict[str, list[str | None]] = {}
    for path, region in shown_on_page():
        if (EXAMPLES / path).is_file():
            files.setdefault(path, [])
            if region not in files[path]:
                files[path].append(region)
    return files


def crate_files() -> list[str]:
    """The files a reader copies: those the page shows whole, not typed."""
    return [
        path
        for path in shown_files()
        if path != COMMANDS and not path.endswith(".pycon")
    ]


def commands(region: str) -> str:
    return ExampleFile.read(EXAMPLES / COMMANDS).text(region)


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without what ties a build to the project."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYO3_", "MATURIN_")) and name not in LEAKS
    }
    env["PATH"] = os.pathsep.join([str(TOOLS), env.get("PATH", os.defpath)])
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return {**env, **extra}


def test_the_page_shows_only_files_of_its_crate_and_the_crate_files_whole():
    files = shown_files()
    assert files, f"{PAGE}: shows no example file"
    outside = [path for path in files if not path.startswith(f"{FOLDER}/")]
    assert not outside, (
        f"{PAGE} shows {outside}: a reader outside the repository has only "
        f"what is in examples/{FOLDER}/"
    )
    partial = [path for path in crate_files() if None not in files[path]]
    assert not partial, (
        f"{PAGE} shows only regions of {partial}: show each file of the crate "
        "whole, so that a reader can copy it"
    )
    # The page speaks of three files.
    assert sorted(crate_files()) == [
        "first-module/Cargo.toml",
        "first-module/pyproject.toml",
        "first-module/src/lib.rs",
    ]


def test_every_command_is_run_or_skipped_for_a_reason():
    planned = {*RUN, RUN_BY_TEMPLATE_TEST, *SKIPPED}
    in_file = set(ExampleFile.read(EXAMPLES / COMMANDS).regions)
    assert in_file == planned, f"{COMMANDS}: regions {in_file}, planned {planned}"
    shown = {region for path, region in shown_on_page() if path == COMMANDS}
    assert shown == planned, f"{PAGE} shows the steps {shown}, not {planned}"


def test_the_page_works_in_an_empty_folder(tmp_path, run_child):
    # Cargo looks for a workspace in every folder above a package.
    above = [
        folder / name
        for folder in tmp_path.parents
        for name in ("Cargo.toml", "Cargo.lock")
        if (folder / name).exists()
    ]
    assert not above, f"not an empty place: {above} would take part in the build"
    project = tmp_path / FOLDER
    for path in crate_files():
        copy = project / Path(path).relative_to(FOLDER)
        copy.parent.mkdir(parents=True, exist_ok=True)
        # The text the page shows (marker lines are not shown).
        copy.write_text(ExampleFile.read(EXAMPLES / path).text(None))
    env = clean_environment(CARGO_TARGET_DIR=str(TARGET))

    # In the page's order: the environment first, in the folder above the
    # project (maturin new needs maturin), then into the project folder, as
    # the page's `new` step ends, and build there.
    [enter] = [
        line + "\n"
        for line in commands(RUN_BY_TEMPLATE_TEST).splitlines()
        if line.startswith("cd ")
    ]
    venv, develop = (commands(step) for step in RUN)
    run_child(
        ["bash", "-c", f"set -euo pipefail\n{venv}{enter}{develop}"],
        source=EXAMPLES / COMMANDS,
        what=f"the commands of {PAGE.name} fail in an empty folder",
        cwd=tmp_path,
        env=env,
    )
    venv_python = tmp_path / ".venv" / "bin" / "python"
    where = run_child(
        [venv_python, "-c", "import first_module; print(first_module.__file__)"],
        source=EXAMPLES / COMMANDS,
        what="the module maturin develop installed does not import",
        cwd=project,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(tmp_path / ".venv"), where

    # The session as the page shows it, typed into that environment's Python.
    [session] = [path for path in shown_files() if path.endswith(".pycon")]
    assert not sessions.versions_path(EXAMPLES / session).exists(), (
        "this test runs the session with plain doctest, which cannot apply "
        "recorded differences"
    )
    shown = "".join(
        ExampleFile.read(EXAMPLES / session).text(region)
        for region in shown_files()[session]
    )
    typed = tmp_path / "typed.pycon"
    typed.write_text(shown)
    flags = [
        arg
        for name, flag in doctest.OPTIONFLAGS_BY_NAME.items()
        if sessions.OPTIONFLAGS & flag
        for arg in ("-o", name)
    ]
    result = run_child(
        [venv_python, "-m", "doctest", "-v", *flags, typed],
        source=EXAMPLES / session,
        what="the session the page shows fails in the reader's environment",
        cwd=project,
        env=env,
    )
    examples = doctest.DocTestParser().get_examples(shown)
    ran = result.stdout.count("Trying:")
    assert ran == len(examples) > 0, result.stdout


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, run_child) -> Path:
    """The project that the page's ``maturin new`` command writes."""
    folder = tmp_path_factory.mktemp("template")
    run_child(
        ["bash", "-c", "set -euo pipefail\n" + commands(RUN_BY_TEMPLATE_TEST)],
        source=EXAMPLES / COMMANDS,
        what="the page's maturin new command fails",
        cwd=folder,
        env=clean_environment(),
    )
    return folder / FOLDER


def toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_the_page_names_the_maturin_it_was_checked_with(run_child):
    version = run_child(
        [TOOLS / "maturin", "--version"], source=PAGE, what="no maturin"
    ).stdout.split()[1]
    assert version.startswith("1.16."), (
        f"maturin is now {version}: check what {PAGE.name} says about "
        "maturin 1.16's template against the new one, then update this test"
    )
    assert "maturin 1.16 writes" in " ".join(PAGE.read_text().split())


def test_the_template_writes_the_files_the_page_lists(template):
    written = sorted(
        p.relative_to(template).as_posix() for p in template.rglob("*") if p.is_file()
    )
    assert written == [
        ".github/workflows/CI.yml",
        ".gitignore",
        "Cargo.toml",
        "pyproject.toml",
        "src/lib.rs",
    ]
    assert "fn sum_as_string(" in (template / "src" / "lib.rs").read_text()


def test_the_crate_is_the_template_with_the_edits_the_page_names(template):
    theirs, ours = toml(template / "Cargo.toml"), toml(CRATE / "Cargo.toml")
    assert theirs["dependencies"] == {"pyo3": "0.29.0"}, theirs["dependencies"]
    assert "description" not in theirs["package"]
    theirs["dependencies"]["pyo3"] = ours["dependencies"]["pyo3"]
    theirs["package"]["description"] = ours["package"]["description"]
    assert ours == theirs

    theirs, ours = toml(template / "pyproject.toml"), toml(CRATE / "pyproject.toml")
    assert theirs["project"]["requires-python"] == ">=3.8"
    assert theirs["project"].pop("classifiers")
    theirs["project"]["requires-python"] = ">=3.11"
    # The page names this edit too: a copy of the stub at the top of the
    # source archive, for a wheel built from it.
    assert ours.pop("tool") == {
        "maturin": {"include": [{"path": "first_module.pyi", "format": "sdist"}]}
    }
    assert ours == theirs


def test_the_crate_uses_the_workspace_pyo3_without_inheriting_it():
    workspace = toml(EXAMPLES / "Cargo.toml")["workspace"]["dependencies"]["pyo3"]
    manifest = toml(CRATE / "Cargo.toml")
    pyo3 = manifest["dependencies"]["pyo3"]
    assert pyo3 == {
        "version": workspace["version"].removeprefix("="),
        "features": workspace["features"],
    }
    assert not inherited(manifest), "a reader's copy has no workspace to inherit"
    page = " ".join(PAGE.read_text().split())
    assert f"PyO3 {pyo3['version']} with the ``{pyo3['features'][0]}``" in page


def inherited(table: dict) -> list[str]:
    """The keys of a manifest that say ``workspace = true``, at any depth."""
    found = []
    for key, value in table.items():
        if isinstance(value, dict):
            if value.get("workspace") is True:
                found.append(key)
            found += inherited(value)
    return found


def test_other_crates_copied_alone_do_not_build(tmp_path, run_child):
    """The page's note: the other pages' crates inherit from the workspace."""
    members = toml(EXAMPLES / "Cargo.toml")["workspace"]["members"]
    others = [m for m in members if m != FOLDER]
    for member in others:
        package = toml(EXAMPLES / member / "Cargo.toml")["package"]
        assert package["edition"] == {"workspace": True}, member
    copy = tmp_path / "module-template"
    (copy / "src").mkdir(parents=True)
    shutil.copy(EXAMPLES / "module-template" / "Cargo.toml", copy)
    shutil.copy(EXAMPLES / "module-template" / "src" / "lib.rs", copy / "src")
    result = run_child(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        source=EXAMPLES / "module-template" / "Cargo.toml",
        cwd=copy,
        failing=True,
    )
    assert re.search(r"failed to find a workspace root", result.stderr), result.stderr
