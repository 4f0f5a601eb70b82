"""Build every example binding crate into the running Python environment.

Run it with the environment's interpreter (nox does)::

    python tools/build_examples.py [--release] [CRATE_DIR ...]

Each binding crate (a workspace member with a ``pyproject.toml``) is built
with ``maturin develop``.  All crates share the workspace's one ``target/``
folder, so PyO3 is compiled once per profile.

A crate is skipped when a stamp in the environment shows that it was
installed from exactly the current inputs: the crate's files, the files of
the local crates it depends on, the workspace manifest and lock file, the
profile and the maturin version.  Any change to any of those rebuilds it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = ROOT / "examples"
# Folders and files that never affect what maturin builds.
IGNORED_DIRS = frozenset({"target", "tests", "__pycache__", ".pytest_cache", "build"})
# This environment's maturin, installing into this environment.
MATURIN = [sys.executable, "-m", "maturin"]
IGNORED_SUFFIXES = frozenset({".pycon", ".md", ".pyc", ".json"})


def cargo_metadata() -> dict:
    out = subprocess.run(
        ["cargo", "metadata", "--no-deps", "--format-version", "1", "--offline"],
        cwd=WORKSPACE,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def check_membership(metadata: dict) -> list[str]:
    """Every crate folder under examples/ must be a workspace member."""
    members = {Path(p["manifest_path"]).resolve() for p in metadata["packages"]}
    problems = []
    for manifest in sorted(WORKSPACE.rglob("Cargo.toml")):
        relative = manifest.relative_to(WORKSPACE)
        if manifest.parent == WORKSPACE or IGNORED_DIRS.intersection(relative.parts):
            continue
        if manifest.resolve() not in members:
            problems.append(
                f"error: examples/{relative} is not a member of the workspace: "
                "add its folder to `members` in examples/Cargo.toml"
            )
    return problems


def binding_crates(metadata: dict) -> dict[Path, list[Path]]:
    """Each binding crate's folder, with the folders of its local dependencies."""
    folders = {
        package["name"]: Path(package["manifest_path"]).parent
        for package in metadata["packages"]
    }
    local_deps = {
        package["name"]: [d["name"] for d in package["dependencies"] if d.get("path")]
        for package in metadata["packages"]
    }

    def closure(name: str) -> list[Path]:
        seen, todo = [], [name]
        while todo:
            current = todo.pop()
            if folders[current] not in seen:
                seen.append(folders[current])
                todo.extend(local_deps[current])
        return seen

    return {
        folders[name]: closure(name)
        for name in sorted(folders)
        if (folders[name] / "pyproject.toml").is_file()
    }


def input_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if IGNORED_DIRS.intersection(relative[:-1]) or not path.is_file():
            continue
        # A nested crate (its own Cargo.toml) is its own input, not ours.
        if any(
            (folder.joinpath(*relative[:i]) / "Cargo.toml").is_file()
            for i in range(1, len(relative))
        ):
            continue
        if path.suffix not in IGNORED_SUFFIXES:
            files.append(path)
    return files


def fingerprint(folders: list[Path], release: bool, maturin_version: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"release={release} maturin={maturin_version}\n".encode())
    shared = [WORKSPACE / "Cargo.toml", WORKSPACE / "Cargo.lock"]
    for path in shared + [f for folder in folders for f in input_files(folder)]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stamp_path(crate: Path) -> Path:
    name = crate.relative_to(WORKSPACE).as_posix().replace("/", "__")
    return Path(sys.prefix) / "example-stamps" / f"{name}.sha256"


def run_echoing(command: list[str]) -> tuple[int, str]:
    """Run a command, echoing its output as it comes, and return it too."""
    env = {**os.environ, "VIRTUAL_ENV": sys.prefix}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    ) as process:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    return process.returncode, "".join(lines)


ERROR_AT = re.compile(r"^error.*\n\s*--> (?P<path>[^:\n]+):(?P<line>\d+):\d+", re.M)


def pages_showing_errors(output: str) -> list[str]:
    """For each compile error, the pages that show the broken line."""
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    from page_index import shown_on

    found = []
    for match in ERROR_AT.finditer(output):
        path = Path(match["path"])
        if not path.is_absolute():
            path = WORKSPACE / path
        line = int(match["line"])
        if not path.is_file() or not path.resolve().is_relative_to(WORKSPACE):
            continue
        pages = shown_on(ROOT / "docs", WORKSPACE, path, line)
        where = f"{path.relative_to(ROOT)}:{line}"
        shown = ", ".join(pages) if pages else "no page shows this line"
        found.append(f"error at {where} is shown on: {shown}")
    return list(dict.fromkeys(found))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="optimised build")
    parser.add_argument("crates", nargs="*", type=Path, help="only these crates")
    args = parser.parse_args(argv)

    maturin_version = subprocess.run(
        [*MATURIN, "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()
    metadata = cargo_metadata()
    problems = check_membership(metadata)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    crates = binding_crates(metadata)
    if args.crates:
        wanted = {c.resolve() for c in args.crates}
        unknown = wanted - set(crates)
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            parser.error(f"not an example binding crate: {names}")
        crates = {c: deps for c, deps in crates.items() if c in wanted}

    built = skipped = 0
    started = time.perf_counter()
    for crate, folders in crates.items():
        stamp = stamp_path(crate)
        expected = fingerprint(folders, args.release, maturin_version)
        if stamp.is_file() and stamp.read_text() == expected:
            skipped += 1
            continue
        command = [
            "maturin",
            "develop",
            "--uv",
            "--manifest-path",
            str(crate / "Cargo.toml"),
        ]
        if args.release:
            command.append("--release")
        print(f"building examples/{crate.relative_to(WORKSPACE)}", flush=True)
        returncode, output = run_echoing(command)
        if returncode != 0:
            stamp.unlink(missing_ok=True)
            print(
                f"error: examples/{crate.relative_to(WORKSPACE)}/Cargo.toml failed to "
                "build; the compiler's message is above",
                file=sys.stderr,
            )
            for line in pages_showing_errors(output):
                print(line, file=sys.stderr)
            return returncode
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(expected)
        built += 1
    elapsed = time.perf_counter() - started
    print(f"examples: {built} built, {skipped} up to date ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
