"""Early warning for another PyO3 release: what breaks, page by page.

Run it with the interpreter of an environment that has the docs group
installed (``nox -s pyo3-next`` does)::

    python -m tools.pyo3_next [VERSION]

In a scratch copy of the project (the files git knows), it moves the
workspace's ``pyo3`` pin to VERSION (default: the newest release on the crate
registry, from ``cargo info pyo3``), and the version of each member that
names PyO3 itself (first-module, whose files work outside the workspace),
updates the lock file, then:

1. builds every binding crate with ``cargo build --keep-going``, one Cargo
   invocation per set of PyO3 features, and collects each compiler error;
2. installs the crates that compiled into this environment, from wheels, and
   runs every session;
3. prints, per page, what no longer compiles and what no longer prints what
   the page shows, naming the example file and line.

It exits 1 when anything breaks, 0 when every crate compiles and every
session passes.  Nothing in the project itself changes.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from types import ModuleType

from examples_model.pages import shown_on
from tools import build_examples

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r'^(pyo3 = \{ version = "=)([^"]+)(")', re.M)
# A member's own requirement, not inherited from the workspace.
OWN_PIN = re.compile(r'^(pyo3 = \{ version = ")([^"=]+)(")', re.M)


def copy_module(path: Path) -> ModuleType:
    """A module of the scratch copy (its own session runner), by file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def newest_release() -> str:
    out = subprocess.run(
        ["cargo", "info", "pyo3"], check=True, capture_output=True, text=True
    ).stdout
    return re.search(r"^version: (\S+)", out, re.M)[1]


def scratch_copy(destination: Path) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    names = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    for name in names:
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, destination / name)
    return destination


def move_pin(project: Path, version: str) -> str:
    manifest = project / "examples" / "Cargo.toml"
    text = manifest.read_text()
    current = PIN.search(text)
    if current is None:
        raise SystemExit(f'{manifest}: no `pyo3 = {{ version = "=..." }}` pin')
    manifest.write_text(PIN.sub(rf"\g<1>{version}\g<3>", text, count=1))
    # Cargo allows one PyO3 version per build: pyo3-ffi declares `links`.
    members = tomllib.loads(text)["workspace"]["members"]
    for member in members:
        own = project / "examples" / member / "Cargo.toml"
        own_text = own.read_text()
        if OWN_PIN.search(own_text):
            own.write_text(OWN_PIN.sub(rf"\g<1>{version}\g<3>", own_text, count=1))
    subprocess.run(
        ["cargo", "update", "-p", "pyo3", "--precise", version],
        cwd=project / "examples",
        check=True,
    )
    return current[2]


def feature_groups(project: Path) -> list[list[str]]:
    """The copy's members, by the sets of PyO3 features Cargo may unify."""
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--no-deps", "--format-version", "1"],
            cwd=project / "examples",
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    return build_examples.feature_groups(metadata)


def compile_errors(project: Path, env: dict) -> dict[tuple[Path, int], list[str]]:
    """(example file, line) -> the messages of the errors reported there."""
    errors: dict[tuple[Path, int], list[str]] = defaultdict(list)
    for group in feature_groups(project):
        packages = [arg for name in group for arg in ("-p", name)]
        run = subprocess.run(
            ["cargo", "build", "--keep-going", "--message-format=json", *packages],
            cwd=project / "examples",
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for line in run.stdout.splitlines():
            message = json.loads(line)
            if message.get("reason") != "compiler-message":
                continue
            diagnostic = message["message"]
            if diagnostic["level"] != "error" or not diagnostic["spans"]:
                continue
            span = next(
                (s for s in diagnostic["spans"] if s["is_primary"]),
                diagnostic["spans"][0],
            )
            path = (project / "examples" / span["file_name"]).resolve()
            errors[(path, span["line_start"])].append(diagnostic["message"])
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", nargs="?", help="default: the newest release")
    parser.add_argument(
        "--scratch", type=Path, default=ROOT / "build" / "pyo3-next", help="work here"
    )
    args = parser.parse_args(argv)
    version = args.version or newest_release()
    project = scratch_copy(args.scratch / "project")
    previous = move_pin(project, version)
    print(f"pyo3-next: PyO3 {previous} -> {version} in {project}", flush=True)

    sessions = copy_module(project / "docs" / "_ext" / "sessions.py")

    env = {**os.environ, "CARGO_TARGET_DIR": str(args.scratch / "target")}
    env.pop("GUIDE_COMPAT_RESULTS", None)
    env["GUIDE_BUILD_DIR"] = str(project / "build")
    docs, examples = project / "docs", project / "examples"
    by_page: dict[str, list[str]] = defaultdict(list)

    errors = compile_errors(project, env)
    for (path, line), messages in sorted(errors.items()):
        where = f"examples/{path.relative_to(examples)}:{line}"
        pages = shown_on(docs, examples, path, line) or shown_on(docs, examples, path)
        for page in pages or ["(no page shows it)"]:
            by_page[page.split(":")[0]].append(
                f"does not compile: {where}: {messages[0]}"
            )

    # Install what compiled, from the copy, into this environment.
    built = subprocess.run(
        [sys.executable, "-m", "tools.build_examples", "--keep-going"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    print(built.stdout.splitlines()[-1] if built.stdout else built.stderr[-2000:])
    os.environ.update(env)
    for session in sorted(examples.glob("*/session.pycon")):
        result = sessions.run(session)
        if result.passed:
            continue
        pages = shown_on(docs, examples, session, result.line) or shown_on(
            docs, examples, session
        )
        where = f"examples/{session.relative_to(examples)}:{result.line or 1}"
        lines = result.report.splitlines()
        failed = [
            lines[n + 1].strip()
            for n, line in enumerate(lines[:-1])
            if line.startswith("Failed example")
        ]
        summary = failed[0] if failed else (lines[-1] if lines else "no output")
        for page in pages or ["(no page shows it)"]:
            by_page[page.split(":")[0]].append(
                f"prints something else: {where}: {summary}"
            )

    print(f"\npyo3-next report: PyO3 {version} (the pages use {previous})")
    if not by_page:
        print("every crate compiles and every session prints what its page shows")
        return 0
    for page, problems in sorted(by_page.items()):
        print(f"\n{page}")
        for problem in dict.fromkeys(problems):
            print(f"  - {problem}")
    print(f"\n{sum(len(p) for p in by_page.values())} problems on {len(by_page)} pages")
    return 1


if __name__ == "__main__":
    sys.exit(main())
