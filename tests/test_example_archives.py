"""Every archive a page offers for download builds and passes outside the project.

For each ``try-example`` directive (docs/_ext/try_example.py), the archives
it offers, made by ``maturin sdist`` (docs/_ext/example_archives.py), are
unpacked into an empty temporary folder, built into wheels there with
``uv build``, as an installer builds an sdist, and installed into a clean
environment of this interpreter that holds nothing else but pytest and
hypothesis (and what the crate's own ``test`` dependency group adds).  There
the crate's session runs, through the same runner as the docs build, and
then the crate's tests.

To stay quick, each archive is built into the Cargo target folder where the
examples build built its crate (``cargo_targets()`` in
tools/build_examples.py), in the dev profile that built the examples, by
this environment's
maturin without build isolation: PyO3's build script records the
interpreter it was built for, so a build in an isolated environment, whose
interpreter lives at a new path each time, would compile PyO3 again for
every archive.  This way the PyO3 that the examples' build compiled serves
every archive, and the test checks that this maturin satisfies each
archive's ``build-system`` requirement.  Each archive is a workspace of its
own, so Cargo builds its crate anew; ``example_archives.unpack`` gives each
unpacked file a fresh modification time so that Cargo never mistakes one
archive's crate for an earlier one.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest
import sessions
from example_archives import example_archive, unpack
from packaging.requirements import Requirement

from examples_model.crates import BindingCrate
from examples_model.pages import offered_archives
from tools import build_examples

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MATURIN = importlib.metadata.version("maturin")
# The tools a crate's tests import, at this environment's versions.
TEST_TOOLS = [
    f"{name}=={importlib.metadata.version(name)}" for name in ("pytest", "hypothesis")
]

OFFERS = offered_archives(ROOT / "docs")
# Crates whose page declines to offer an archive (``:no-archive:``).
DECLINED = {folder for folder, offered in OFFERS.values() if not offered}
# A set of archives offered on two pages is proven once.
PAGES: dict[tuple[str, ...], str] = {}
for where, (_, offered) in OFFERS.items():
    if offered:
        PAGES.setdefault(tuple(offered), where)


@cache
def cargo_targets() -> dict[Path, Path]:
    """Each crate folder's Cargo target folder, as the examples build uses it
    (Cargo reads CARGO_TARGET_DIR, which the noxfile passes on)."""
    return build_examples.cargo_targets(build_examples.cargo_metadata())


def uv(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "uv", *map(str, args)]


def test_every_session_is_offered_in_an_archive():
    """A crate with a session is some page's download, or a page says why not."""
    offered = {folder for _, folders in OFFERS.values() for folder in folders}
    declined = DECLINED
    with_sessions = {
        session.parent.relative_to(EXAMPLES).as_posix()
        for session in EXAMPLES.rglob("session.pycon")
        if "target" not in session.parts
    }
    assert with_sessions <= offered | declined, sorted(with_sessions - offered)
    assert not declined & offered, sorted(declined & offered)


@pytest.mark.parametrize(
    "folders", sorted(PAGES), ids=lambda folders: folders[0] if folders else ""
)
def test_archive_builds_and_passes_in_a_clean_environment(
    folders: tuple[str, ...], tmp_path: Path, run_child
) -> None:
    where = PAGES[folders]
    env = {
        **os.environ,
        "CARGO_TARGET_DIR": str(cargo_targets()[(EXAMPLES / folders[0]).resolve()]),
        "MATURIN_PEP517_ARGS": "--profile dev",
    }
    env.pop("VIRTUAL_ENV", None)
    venv = tmp_path / "venv"
    run_child(
        uv("venv", "--quiet", "--python", sys.executable, venv),
        source=ROOT / where.split(":")[0],
        what="uv cannot create a clean environment",
    )
    python = venv / "bin" / "python"
    wheels = tmp_path / "wheels"
    # Each archive's project folder and its pyproject.toml, as the archive
    # holds them: what a reader installs is what the download carries.
    projects, pyprojects = [], []
    for folder in folders:
        archive = example_archive(EXAMPLES / folder, EXAMPLES)
        project = unpack(archive, tmp_path / "unpacked")
        pyproject = tomllib.loads((project / "pyproject.toml").read_text())
        projects.append(project)
        pyprojects.append(pyproject)
        [requirement] = pyproject["build-system"]["requires"]
        assert Requirement(requirement).specifier.contains(MATURIN, prereleases=True), (
            f"{archive.name} needs {requirement}; this environment has maturin "
            f"{MATURIN}"
        )
        run_child(
            uv(
                "build",
                "--quiet",
                "--wheel",
                "--no-build-isolation",
                "--python",
                sys.executable,
                "--out-dir",
                wheels,
                project,
            ),
            source=EXAMPLES / folder / "pyproject.toml",
            what=f"the archive {archive.name} offered on {where} does not build",
            env={
                **env,
                "CARGO_TARGET_DIR": str(cargo_targets()[(EXAMPLES / folder).resolve()]),
            },
            cwd=tmp_path,
        )
    extra = [
        package
        for pyproject in pyprojects
        for package in pyproject.get("dependency-groups", {}).get("test", [])
    ]
    run_child(
        uv(
            "pip",
            "install",
            "--quiet",
            "--python",
            python,
            *sorted(wheels.glob("*.whl")),
            *TEST_TOOLS,
            *extra,
        ),
        source=EXAMPLES / folders[0] / "pyproject.toml",
        what="the wheels built from the archives do not install",
        env=env,
    )
    # What a wheel built from the archive must hold besides the module: the
    # stub and the marker that type checkers read.
    [site] = venv.glob("lib/python*/site-packages")
    for folder in folders:
        crate = BindingCrate.read(EXAMPLES / folder)
        for typed in (crate.installed_stub, crate.installed_typed_marker):
            assert (site / typed).is_file(), (
                f"examples/{folder}/pyproject.toml: the wheel built from its "
                f"archive lacks {typed}"
            )
    # The crate's folder inside the unpacked archive: its manifest path.
    manifest = pyprojects[0].get("tool", {}).get("maturin", {}).get("manifest-path")
    crate = (projects[0] / manifest).parent if manifest else projects[0]
    session = crate / "session.pycon"
    assert session.is_file(), f"the archive of {folders[0]} holds no session.pycon"
    result = run_child(
        sessions.runner_command(session, python),
        source=EXAMPLES / folders[0] / "session.pycon",
        what=f"the session fails when run from the archive offered on {where}",
        failing=False,
        cwd=crate,
        env=sessions.runner_environment({**env, "PYTHONDONTWRITEBYTECODE": "1"}),
    )
    assert json.loads(result.stdout)["passed"], result.stdout
    tests = sorted((crate / "tests").glob("test_*.py"))
    assert tests, f"the archive of {folders[0]} holds no Python tests"
    run_child(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", crate / "tests"],
        source=tests[0],
        what=f"the tests fail when run from the archive offered on {where}",
        cwd=crate,
        env={**env, "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}"},
    )
