"""An example as a project to take home: its source archive, made by maturin.

Each page offers its crate for download as the source distribution that
``maturin sdist`` makes.  maturin copies the workspace manifest trimmed to
that one member, so what the crate inherits from the workspace comes along,
with the workspace's ``Cargo.lock``, the crates it depends on by path, and
the files of the crate's folder that Cargo would package: all of them
unless its ``Cargo.toml`` sets ``include`` or ``exclude``, as no offered
crate does (tests/test_example_archives.py runs each archive's session and
tests).
Unpacked anywhere, it builds with ``pip install .``.

Archives are cached by content (``examples_model.crates.content_cache``): the key
covers every file that goes in, the workspace manifest and lock file, the
maturin version and this module.

``unpack`` gives the files fresh modification times.  maturin writes a fixed
date into the archive (for reproducible archives), and Cargo judges freshness
by modification time: two unpacked versions of one crate that share a Cargo
target folder would otherwise look alike to it, and the second build would
keep the first one's library.

Run as a module, it prints the archive of each crate folder given, making
it if needed (the examples build does so for the offered archives while it
waits for Cargo)::

    PYTHONPATH=docs/_ext:. python -m example_archives examples/classes

This module imports nothing from Sphinx or pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from functools import cache
from pathlib import Path

from examples_model.crates import BindingCrate, content_cache, content_key
from examples_model.files import BUILD_OUTPUT


class ArchiveError(Exception):
    pass


def local_dependencies(crate: Path) -> list[Path]:
    """The folders of the crates that ``crate`` depends on by path, transitively."""
    seen: list[Path] = []
    todo = [crate.resolve()]
    while todo:
        folder = todo.pop()
        if folder in seen:
            continue
        seen.append(folder)
        manifest = tomllib.loads((folder / "Cargo.toml").read_text(encoding="utf-8"))
        for table in ("dependencies", "dev-dependencies", "build-dependencies"):
            for spec in manifest.get(table, {}).values():
                if isinstance(spec, dict) and "path" in spec:
                    todo.append((folder / spec["path"]).resolve())
    return seen[1:]


def package_files(folder: Path) -> list[Path]:
    """What Cargo packages from a crate folder: no build output, no nested crate."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if not path.is_file() or BUILD_OUTPUT.intersection(parts):
            continue
        nested = any(
            (folder.joinpath(*parts[:depth]) / "Cargo.toml").is_file()
            for depth in range(1, len(parts))
        )
        if not nested:
            found.append(path)
    return found


@cache
def maturin_version(python: str) -> str:
    return subprocess.run(
        [python, "-m", "maturin", "--version"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def archive_inputs(crate: Path, workspace: Path) -> list[Path]:
    """Every file that goes into the crate's archive."""
    files = [workspace.resolve() / "Cargo.toml", workspace.resolve() / "Cargo.lock"]
    for manifest in files:
        if not manifest.is_file():
            raise ArchiveError(
                f"{manifest}: missing, so no archive of {crate} can carry it "
                "(run `cargo generate-lockfile` in the workspace)"
            )
    for folder in [crate.resolve(), *local_dependencies(crate)]:
        files += package_files(folder)
    return files


def archive_key(crate: Path, workspace: Path, python: str = sys.executable) -> str:
    parts = [Path(__file__).read_bytes(), maturin_version(python).encode()]
    files = archive_inputs(crate, workspace)
    return content_key(parts, files, workspace.resolve())


def example_archive(crate: Path, workspace: Path, python: str = sys.executable) -> Path:
    """The crate's source archive: from the cache, or made by ``maturin sdist``."""
    crate = crate.resolve()
    BindingCrate.read(crate)  # a binding crate, or NotABindingCrate
    folder = content_cache("archives") / archive_key(crate, workspace, python)[:24]
    made = sorted(folder.glob("*.tar.gz")) if folder.is_dir() else []
    if made:
        return made[0]
    partial = folder.with_name(f"{folder.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    result = subprocess.run(
        [
            python,
            "-m",
            "maturin",
            "sdist",
            "--manifest-path",
            str(crate / "Cargo.toml"),
            "--out",
            str(partial),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    archives = sorted(partial.glob("*.tar.gz"))
    if result.returncode != 0 or len(archives) != 1:
        shutil.rmtree(partial, ignore_errors=True)
        raise ArchiveError(
            f"{crate / 'pyproject.toml'}: maturin sdist failed "
            f"(exit status {result.returncode}):\n{result.stderr}{result.stdout}"
        )
    try:
        partial.rename(folder)
    except OSError:  # another process made it first: the same content
        shutil.rmtree(partial, ignore_errors=True)
    return folder / archives[0].name


def unpack(archive: Path, into: Path) -> Path:
    """Unpack an archive with fresh modification times; return its top folder."""
    with tarfile.open(archive) as tar:
        [top] = {Path(name).parts[0] for name in tar.getnames()}
        tar.extractall(into, filter="data")
    for path in (into / top).rglob("*"):
        path.touch()
    return into / top


def main(argv: list[str]) -> int:
    failed = 0
    for folder in argv:
        crate = Path(folder).resolve()
        workspace = next(p for p in crate.parents if (p / "Cargo.lock").is_file())
        try:
            print(example_archive(crate, workspace), flush=True)
        except ArchiveError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
