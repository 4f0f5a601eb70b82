"""What an example binding crate builds: its module name and its type stub.

A binding crate is a folder with a ``Cargo.toml`` and a ``pyproject.toml``.
maturin builds it in one of two layouts, and so do the examples:

* **Pure Rust.**  The module is ``[lib] name`` (or the package name with
  ``-`` as ``_``).  maturin wraps it in a package of the same name, whose
  generated ``__init__.py`` re-exports the compiled module.  The stub is kept
  beside ``Cargo.toml`` as ``<module>.pyi``; maturin installs it as
  ``<module>/__init__.pyi`` and adds a ``py.typed`` marker.
* **Mixed Rust/Python.**  The folder ``python-source`` (``[tool.maturin]``,
  the crate's own folder by default) holds a Python package named after the
  first part of ``module-name``, e.g. ``pkg/`` for ``pkg._pkg_rs``.  maturin
  installs that package as it is and puts the compiled module into it, so
  the stub is the package's own ``_pkg_rs.pyi``, and the package ships its
  own ``py.typed``.

The workspace's other members are the pure Rust crates: the logic that a
binding crate wraps.  Every example path belongs to the deepest crate
folder that holds it (``owner``); a file of a topic folder that no crate
holds (a page's ``session.pycon``) belongs to every crate of the topic
(``crates_of``).

The docs build, the build tools, the noxfile (through ``python -m
examples_model``) and the tests take these facts from here.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]


def content_cache(kind: str) -> Path:
    """The folder of one content-keyed cache (``sessions``, ``archives``).

    Entries are named by a hash of everything they depend on, so any checkout
    or copy of the project may share them: GUIDE_CACHE_DIR points at the
    shared folder (the mutation tests point their copies at the project's).
    """
    root = os.environ.get("GUIDE_CACHE_DIR")
    if root:
        return Path(root) / kind
    return Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build")) / "cache" / kind


def content_key(parts: Iterable[bytes], files: Iterable[Path], root: Path) -> str:
    """The name of a cache entry: a hash of these parts, and of each file's
    path (relative to root) and bytes."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    for file in files:
        digest.update(str(file.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def keep(entry: Path, text: str) -> None:
    """Write a cache entry whole: into a file of this process's own, then
    renamed into place, so that a process reading beside this one finds the
    entry complete or not at all."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text)
    partial.replace(entry)


class NotABindingCrate(Exception):
    pass


@dataclass(frozen=True)
class BindingCrate:
    folder: Path
    module: str  # the compiled module's full name, e.g. "pkg._pkg_rs"
    python_source: Path | None  # the folder holding the package, if mixed
    # What its session and tests need besides pytest and hypothesis: the
    # ``test`` group of ``[dependency-groups]`` in its pyproject.toml.
    test_packages: tuple[str, ...] = ()

    @classmethod
    def read(cls, folder: Path) -> BindingCrate:
        folder = folder.resolve()
        if not (folder / "pyproject.toml").is_file():
            raise NotABindingCrate(
                f"{folder}: no pyproject.toml, so not a binding crate"
            )
        try:
            cargo = tomllib.loads((folder / "Cargo.toml").read_text(encoding="utf-8"))
            pyproject = tomllib.loads(
                (folder / "pyproject.toml").read_text(encoding="utf-8")
            )
            maturin = pyproject.get("tool", {}).get("maturin", {})
            module = (
                maturin.get("module-name")
                or cargo.get("lib", {}).get("name")
                or cargo["package"]["name"].replace("-", "_")
            )
        except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
            raise NotABindingCrate(f"{folder}: no module name ({error})") from None
        # maturin's own rule: mixed when the source folder holds the package.
        source = folder / maturin.get("python-source", ".")
        mixed = (source / module.split(".")[0]).is_dir()
        test_packages = pyproject.get("dependency-groups", {}).get("test", [])
        return cls(
            folder, module, source.resolve() if mixed else None, tuple(test_packages)
        )

    @property
    def package(self) -> str:
        """The top-level name users import: the module, or its package."""
        return self.module.split(".")[0]

    @property
    def stub_root(self) -> Path:
        """The folder to search for the stub (MYPYPATH)."""
        return self.python_source or self.folder

    @property
    def stub(self) -> Path:
        """Where the stub of the compiled module is kept in the tree."""
        parts = self.module.split(".")
        if self.python_source is None:
            return self.folder / f"{self.module}.pyi"
        return self.python_source.joinpath(*parts[:-1], f"{parts[-1]}.pyi")

    @property
    def installed_stub(self) -> PurePosixPath:
        """Where the stub is installed, relative to site-packages."""
        parts = self.module.split(".")
        if self.python_source is None:
            return PurePosixPath(*parts, "__init__.pyi")
        return PurePosixPath(*parts[:-1], f"{parts[-1]}.pyi")

    @property
    def installed_typed_marker(self) -> PurePosixPath:
        """The ``py.typed`` that marks the installed package as typed."""
        return PurePosixPath(self.package, "py.typed")


def workspace_members(examples: Path) -> list[str]:
    """The member folders of the examples workspace, relative to it, in order."""
    manifest = tomllib.loads((examples / "Cargo.toml").read_text(encoding="utf-8"))
    return manifest["workspace"]["members"]


def is_binding_crate(folder: Path) -> bool:
    return (folder / "Cargo.toml").is_file() and (folder / "pyproject.toml").is_file()


def package_name(folder: Path) -> str:
    """The Cargo package name of a crate folder."""
    manifest = tomllib.loads((folder / "Cargo.toml").read_text(encoding="utf-8"))
    return manifest["package"]["name"]


def workspace_binding_crates(examples: Path) -> list[BindingCrate]:
    """The members of the examples workspace that maturin builds, in order."""
    return [
        BindingCrate.read(examples / member)
        for member in workspace_members(examples)
        if is_binding_crate(examples / member)
    ]


def pure_crates(examples: Path) -> list[str]:
    """The package names of the members that are plain Rust libraries."""
    return [
        package_name(examples / member)
        for member in workspace_members(examples)
        if not is_binding_crate(examples / member)
    ]


def rust_tested_crates(examples: Path) -> list[str]:
    """The package names of binding crates with Rust integration tests."""
    return [
        package_name(crate.folder)
        for crate in workspace_binding_crates(examples)
        if any((crate.folder / "tests").glob("*.rs"))
    ]


def owner(path: str, folders: list[str]) -> str | None:
    """The crate folder that holds an example path (the deepest one)."""
    path = path.rstrip("/")
    holding = [f for f in folders if path == f or path.startswith(f + "/")]
    return max(holding, key=len) if holding else None


def crates_of(path: str, folders: list[str]) -> set[str]:
    """The crates an example path belongs to: its owner, or else, for a
    file of a topic folder that no crate holds, every crate of the topic."""
    found = owner(path, folders)
    if found is not None:
        return {found}
    topic = path.rstrip("/").split("/")[0]
    return {folder for folder in folders if folder.split("/")[0] == topic}
