"""The one entry point for people and CI: ``nox -l`` lists the sessions."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
# A missing interpreter is an error in CI (nox's default when CI is set) and a
# skip elsewhere; never a download, which these machines cannot make.
nox.options.download_python = "never"
nox.options.sessions = ["tests", "docs"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
# The supported CPythons: each runs every session and example test.
PYTHONS = PYPROJECT["tool"]["guide"]["pythons"]
# The first one also runs the tests of the machinery, cargo test and the
# browser tests, whose results do not depend on the interpreter.
PRIMARY = PYTHONS[0]
EXAMPLES = ROOT / "examples"
# GUIDE_BUILD_DIR lets several builds of one checkout run side by side.
BUILD_DIR = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build"))
SITE_DIR = BUILD_DIR / "html"
# The examples' Cargo target folder, where Cargo puts it; the examples
# build keeps all but the largest feature group in a folder inside it.
# GUIDE_CARGO_TARGET_DIR moves it (bench-build uses a fresh one).
CARGO_TARGET = Path(os.environ.get("GUIDE_CARGO_TARGET_DIR", EXAMPLES / "target"))
CARGO_ENV = {"CARGO_TARGET_DIR": str(CARGO_TARGET)}


def find_interpreters() -> list[str]:
    """Make pyenv's installed versions visible to nox; return what is missing.

    nox looks for ``python3.X`` on PATH.  pyenv's shims hide every version
    but the selected one, so its version folders are added to the end of
    PATH, where they shadow nothing.
    """
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    path = os.environ.get("PATH", "").split(os.pathsep)
    missing = []
    for version in PYTHONS:
        folders = sorted(pyenv_root.glob(f"versions/{version}.*/bin"))
        found = [f for f in folders if (f / f"python{version}").is_file()]
        if found:
            path.append(str(found[-1]))
        elif not any((Path(p) / f"python{version}").is_file() for p in path):
            missing.append(version)
    os.environ["PATH"] = os.pathsep.join(path)
    return missing


for missing in find_interpreters():
    print(
        f"nox: CPython {missing} is not installed, so tests-{missing} cannot run "
        f"(an error in CI). Install it with `pyenv install {missing}`, `uv python "
        f"install {missing}` or your system's python{missing} package, so that "
        f"python{missing} is on PATH.",
        file=sys.stderr,
    )


def install_groups(session: nox.Session, *groups: str) -> None:
    requirements = [
        req
        for group in groups
        for req in nox.project.dependency_groups(PYPROJECT, group)
    ]
    # Byte-compile at install time (pip does by default, uv does not): where
    # PYTHONDONTWRITEBYTECODE is set, every sphinx-build would otherwise
    # compile Sphinx from source again, seconds on each run.
    session.install(*requirements, env={"UV_COMPILE_BYTECODE": "1"})


def model(session: nox.Session, question: str) -> list[str]:
    """The answer of the examples' model (examples_model), one per line."""
    answer = session.run("python", "-m", "examples_model", question, silent=True)
    return answer.split()


def cargo_test_bindings(session: nox.Session) -> None:
    """cargo test of binding crates: the test binaries embed this interpreter.

    Without maturin's PYO3_BUILD_EXTENSION_MODULE, PyO3 links them to
    libpython, which the loader finds through LD_LIBRARY_PATH.  They get a
    target folder of their own: sharing maturin's would rebuild PyO3 each
    time the two alternate.
    """
    libdir = session.run(
        "python",
        "-c",
        "import sysconfig; print(sysconfig.get_config_var('LIBDIR'))",
        silent=True,
    ).strip()
    loader_path = os.pathsep.join(
        filter(None, [libdir, os.environ.get("LD_LIBRARY_PATH")])
    )
    cargo_test(
        session,
        model(session, "rust-tested-crates"),
        {
            "CARGO_TARGET_DIR": str(CARGO_TARGET / "embedded"),
            "LD_LIBRARY_PATH": loader_path,
        },
    )


def cargo_test(session: nox.Session, crates: list[str], env: dict[str, str]) -> None:
    """cargo test of these workspace members."""
    packages = [arg for name in crates for arg in ("-p", name)]
    session.run(
        "cargo",
        "test",
        "--manifest-path",
        "examples/Cargo.toml",
        *packages,
        external=True,
        env=env,
    )


def build_examples(session: nox.Session, *args: str) -> None:
    """Build every example module into the session's environment."""
    session.run("python", "-m", "tools.build_examples", *args, env=CARGO_ENV)


def sphinx_args(builder: str, out: Path) -> list[str]:
    jobs = os.environ.get("SPHINX_JOBS", "auto")
    return [
        "-b",
        builder,
        "-c",
        ".",
        "-W",
        "--keep-going",
        "-n",
        "-j",
        jobs,
        "docs",
        str(out),
    ]


def sphinx_build(session: nox.Session, builder: str, out: Path, *args: str) -> None:
    """sphinx-build into out.  Its sessions build with Cargo too (a session
    may run ``maturin develop``): in the examples' target folder."""
    session.run("sphinx-build", *sphinx_args(builder, out), *args, env=CARGO_ENV)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the examples, then the site into build/html (warnings are errors)."""
    install_groups(session, "docs")
    build_examples(session)
    sphinx_build(session, "html", SITE_DIR, *session.posargs)
    session.log(f"site: {SITE_DIR / 'index.html'}")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000 that rebuilds on every change."""
    install_groups(session, "serve")
    build_examples(session)
    session.run(
        "sphinx-autobuild",
        *sphinx_args("html", SITE_DIR),
        "--watch",
        "examples",
        "--watch",
        "conf.py",
        "--ignore",
        str(CARGO_TARGET),
        "--pre-build",
        "python -m tools.build_examples",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        *session.posargs,
        env=CARGO_ENV,
    )


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Every test, on each supported Python: sessions and example tests on all."""
    primary = session.python == PRIMARY
    if primary and not session.posargs:
        session.notify("lint")  # the quality gates are tests too
    elif primary:
        session.warn(
            "arguments select some tests, so lint does not run: "
            "run `nox -s lint` too, or `nox -s tests` without arguments"
        )
    install_groups(session, "test")
    if primary:
        cargo_test(session, model(session, "pure-crates"), CARGO_ENV)
        cargo_test_bindings(session)
    # The same abi3 wheels on every interpreter: the proof that they load.
    build_examples(session)
    # The site, built on this interpreter: it runs every session once (pytest
    # then reads their cached results), and the browser tests read it.
    browser = primary and browser_tests_selected(session.posargs)
    if not session.posargs or browser:
        if browser:
            install_groups(session, "browser")
        site = SITE_DIR if primary else BUILD_DIR / f"html-{session.python}"
        sphinx_build(session, "html", site)
    # Without arguments: the machinery's tests on the first interpreter, and
    # on every interpreter the examples' tests, sessions and built modules.
    paths = [] if primary else ["examples", "tests/test_built_modules.py"]
    results = BUILD_DIR / "compat" / f"{session.python}.json"
    session.run(
        "python",
        "-m",
        "pytest",
        "-p",
        "tools.compat_results",
        "--numprocesses=auto",
        # An idle process takes tests from a busy one: the long ones (the axe
        # audits, the mutations) would otherwise end on one process alone.
        "--dist=worksteal",
        "--durations=30",
        *(session.posargs or paths),
        env={
            **CARGO_ENV,  # tests that build share the examples' target folder
            "GUIDE_BROWSER_TESTS": "1" if browser else "0",
            "GUIDE_COMPAT_RESULTS": "" if session.posargs else str(results),
            "GUIDE_RUN": f"nox -s tests-{session.python}",
        },
    )
    if primary and not session.posargs:
        # The benchmarks that pages show run once each, untimed, so a broken
        # one fails here and not only in `nox -s bench`.
        folders = [str(f.relative_to(ROOT)) for f in benchmark_folders().values()]
        session.run(
            "python",
            "-m",
            "pytest",
            *folders,
            *BENCH_PYTEST_ARGS,
            "--benchmark-disable",
        )


def browser_tests_selected(posargs: list[str]) -> bool:
    paths = [arg for arg in posargs if not arg.startswith("-")]
    return not paths or any(
        Path(arg).as_posix().startswith("tests/browser") for arg in paths
    )


@nox.session(name="try", default=False)
def try_example(session: nox.Session) -> None:
    """Build one example and open Python with it imported: try -- module-template."""
    if len(session.posargs) != 1:
        session.error("usage: nox -s try -- <example folder>, e.g. module-template")
    folder = (EXAMPLES / session.posargs[0]).resolve()
    manifests = [folder / "pyproject.toml", folder / "Cargo.toml"]
    if not all(manifest.is_file() for manifest in manifests):
        session.error(f"{folder} is not an example binding crate")
    install_groups(session, "build")
    # The module name, from the one place that reads it from the manifests.
    module = session.run(
        "python", "-m", "examples_model", "module", str(folder), silent=True
    ).strip()
    build_examples(session, str(folder))
    hint = f"{module} is imported; try help({module})"
    session.run("python", "-i", "-c", f"import {module}; print({hint!r})")


@nox.session(default=False, venv_backend="none")
def new(session: nox.Session) -> None:
    """Lay out a new topic's crate and page: new -- <topic> "<what it shows>"."""
    if len(session.posargs) < 2:
        session.error(
            'usage: nox -s new -- <topic> "<what the crate shows>" '
            '[--section "<toctree caption in docs/index.rst>"]'
        )
    session.run(sys.executable, "-m", "tools.new_topic", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """cargo fmt --check, clippy -D warnings, ruff; zizmor and schemas on CI configs."""
    install_groups(session, "lint")
    session.run(
        "cargo",
        "fmt",
        "--manifest-path",
        "examples/Cargo.toml",
        "--all",
        "--check",
        external=True,
    )
    # clippy reads rust-version from Cargo.toml: an API newer than that
    # fails (incompatible_msrv), so the hosted build's older Rust keeps up.
    # Each group in the target folder the examples build uses for it, where
    # its dependencies' proc-macros and build scripts are compiled already.
    # (clippy runs PyO3's build script without maturin's settings, so the
    # next examples build of that group compiles PyO3 again: lint runs last.)
    groups = session.run(
        "python",
        "-m",
        "tools.build_examples",
        "--feature-groups",
        silent=True,
        env=CARGO_ENV,
    )
    for group in json.loads(groups):
        session.run(
            "cargo",
            "clippy",
            "--manifest-path",
            "examples/Cargo.toml",
            *(arg for name in group["members"] for arg in ("-p", name)),
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
            external=True,
            env={"CARGO_TARGET_DIR": group["target"]},
        )
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    # CI is a supply chain: actions pinned to commits, least token rights.
    # Both tools work offline, with zizmor's audits and check-jsonschema's
    # vendored schemas.
    workflows = [str(path.relative_to(ROOT)) for path in workflow_files()]
    session.run("zizmor", "--offline", "--no-progress", *workflows)
    session.run(
        "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows
    )
    session.run(
        "check-jsonschema",
        "--builtin-schema",
        "vendor.readthedocs",
        ".readthedocs.yaml",
    )


# Build output and environments hold no workflows of this project.
UNSEARCHED_DIRS = {".git", ".nox", ".venv", "build", "target", "node_modules"}


def workflow_files() -> list[Path]:
    """Every GitHub Actions workflow in the project, wherever its .github is."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(set(subfolders) - UNSEARCHED_DIRS)
        if Path(folder).parts[-2:] == (".github", "workflows"):
            found += [
                Path(folder, name)
                for name in sorted(files)
                if name.endswith((".yml", ".yaml"))
            ]
    return found


@nox.session(name="pyo3-next", default=False)
def pyo3_next(session: nox.Session) -> None:
    """What the next PyO3 breaks, per page, in a scratch copy (-- VERSION)."""
    install_groups(session, "docs")
    session.run("python", "-m", "tools.pyo3_next", *session.posargs)


@nox.session(name="bench-build", default=False, venv_backend="none")
def bench_build(session: nox.Session) -> None:
    """Time cold, no-op and one-change docs builds in a scratch copy (slow)."""
    session.run(
        sys.executable,
        "-m",
        "tools.bench_build",
        "--nox",
        f"{sys.executable} -m nox",
        "--output",
        str(BUILD_DIR / "bench-build.json"),
        *session.posargs,
    )


# linkcheck asks this host first, to tell "no network" from a broken link.
LINKCHECK_PROBE = ("pyo3.rs", 443)


def network_error(host: str, port: int, timeout: float = 3.0) -> str | None:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return None
    except OSError as error:
        return f"cannot reach {host}:{port} ({error or type(error).__name__})"


@nox.session(default=False)
def linkcheck(session: nox.Session) -> None:
    """Check the site's external links (needs the network; not run by default)."""
    offline = network_error(*LINKCHECK_PROBE)
    if offline:
        session.error(
            f"linkcheck needs the network and {offline}. External links were "
            "not checked; run `nox -s linkcheck` where the internet is reachable"
        )
    install_groups(session, "docs")
    build_examples(session)
    out = BUILD_DIR / "linkcheck"
    sphinx_build(session, "linkcheck", out, *session.posargs)
    session.log(f"report: {out / 'output.txt'}")


# Each page with figures has a folder of benchmarks, examples/<page>/benches/,
# and one result file, docs/_data/bench/<page>.json, which is committed: the
# site renders its tables and plots from it at build time.
BENCH_RESULTS = ROOT / "docs" / "_data" / "bench"
# Run as `python -m pytest`, which puts the project root on sys.path for
# the plugin in tools/.
BENCH_PYTEST_ARGS = [
    # Files named bench_*.py, so that plain pytest runs never collect them.
    "-o",
    "python_files=bench_*.py",
    "-o",
    "python_functions=bench_*",
    "-p",
    "tools.bench_plugin",
    "-p",
    "no:cacheprovider",
]


def benchmark_folders() -> dict[str, Path]:
    return {folder.parent.name: folder for folder in sorted(EXAMPLES.glob("*/benches"))}


def uncommitted_changes(session: nox.Session) -> list[str]:
    """``git status`` lines of changes outside the results folder.

    Results written by an earlier run and not yet committed do not count,
    as in what tools/bench_plugin.py records as ``commit_info.dirty``.
    """
    results = BENCH_RESULTS.relative_to(ROOT).as_posix()
    status = session.run(
        *("git", "status", "--porcelain", "--", ".", f":(exclude){results}"),
        external=True,
        silent=True,
    )
    return status.splitlines()


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmark release builds; write docs/_data/bench/<page>.json (-- PAGE...)."""
    folders = benchmark_folders()
    allow_dirty = "--allow-dirty" in session.posargs
    posargs = [arg for arg in session.posargs if arg != "--allow-dirty"]
    pages = [arg for arg in posargs if arg in folders] or list(folders)
    pytest_args = [arg for arg in posargs if arg not in folders]
    # Figures name the commit they measured: from a tree with other changes,
    # that commit is not the code that ran.
    changes = uncommitted_changes(session)
    if changes and not allow_dirty:
        session.error(
            "uncommitted changes, so the results could not name the code they "
            "measure:\n  " + "\n  ".join(changes) + "\nCommit them, or run "
            "`nox -s bench -- --allow-dirty` (the pages then say the figures "
            "were measured with uncommitted changes)"
        )
    install_groups(session, "bench")
    build_examples(session, "--release", *(str(folders[p].parent) for p in pages))
    for page in pages:
        session.run(
            "python",
            "-m",
            "pytest",
            str(folders[page].relative_to(ROOT)),
            *BENCH_PYTEST_ARGS,
            "--benchmark-min-rounds=15",
            "--benchmark-max-time=0.5",
            f"--benchmark-json={BENCH_RESULTS / f'{page}.json'}",
            *pytest_args,
        )
