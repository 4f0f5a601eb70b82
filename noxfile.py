"""The one entry point for people and CI: ``nox -l`` lists the sessions."""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["lint", "tests", "docs"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
EXAMPLES = ROOT / "examples"
BUILD_DIR = ROOT / "build"
SITE_DIR = BUILD_DIR / "html"
# All crates share one target folder; keep it where Cargo puts it.
CARGO_ENV = {"CARGO_TARGET_DIR": str(EXAMPLES / "target")}


def install_groups(session: nox.Session, *groups: str) -> None:
    requirements = [
        req
        for group in groups
        for req in nox.project.dependency_groups(PYPROJECT, group)
    ]
    session.install(*requirements)


def pure_rust_crates() -> list[str]:
    """Workspace members without a pyproject.toml: the logic crates."""
    members = nox.project.load_toml(EXAMPLES / "Cargo.toml")["workspace"]["members"]
    return [
        nox.project.load_toml(EXAMPLES / member / "Cargo.toml")["package"]["name"]
        for member in members
        if not (EXAMPLES / member / "pyproject.toml").is_file()
    ]


def build_examples(session: nox.Session, *args: str) -> None:
    """Build every example module into the session's environment."""
    session.run("python", "tools/build_examples.py", *args, env=CARGO_ENV)


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


@nox.session
def docs(session: nox.Session) -> None:
    """Build the examples, then the site into build/html (warnings are errors)."""
    install_groups(session, "docs")
    build_examples(session)
    session.run("sphinx-build", *sphinx_args("html", SITE_DIR), *session.posargs)
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
        str(EXAMPLES / "target"),
        "--pre-build",
        "python tools/build_examples.py",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        *session.posargs,
        env=CARGO_ENV,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """cargo test for the pure-Rust crates, then pytest against the built modules."""
    install_groups(session, "test")
    packages = [arg for name in pure_rust_crates() for arg in ("-p", name)]
    session.run(
        "cargo",
        "test",
        "--manifest-path",
        "examples/Cargo.toml",
        *packages,
        external=True,
        env=CARGO_ENV,
    )
    build_examples(session)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """cargo fmt --check, clippy with warnings denied, and ruff."""
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
    session.run(
        "cargo",
        "clippy",
        "--manifest-path",
        "examples/Cargo.toml",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
        external=True,
        env=CARGO_ENV,
    )
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
