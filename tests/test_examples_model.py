"""The model of the examples (examples_model), against the workspace and pages.

What a binding crate builds, in the pure-Rust and the mixed layout; which
members are binding and pure crates; which crate owns a path; and the
directive references that pages make.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from examples_model import crates, pages
from examples_model.crates import BindingCrate, NotABindingCrate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CARGO = '[package]\nname = "topic-py"\n[lib]\nname = "_topic_rs"\n'


def crate(tmp_path: Path, pyproject: str, *package: str) -> Path:
    folder = tmp_path / "topic"
    folder.mkdir()
    (folder / "Cargo.toml").write_text(CARGO)
    (folder / "pyproject.toml").write_text(pyproject)
    for path in package:
        (folder / path).mkdir(parents=True)
    return folder


def test_pure_rust_crate_is_its_lib_name_with_the_stub_beside_cargo_toml(tmp_path):
    folder = crate(tmp_path, "[project]\nname = 'topic-py'\n")
    found = BindingCrate.read(folder)
    assert (found.module, found.package, found.python_source) == (
        "_topic_rs",
        "_topic_rs",
        None,
    )
    assert found.stub == folder / "_topic_rs.pyi"
    assert found.stub_root == folder
    assert found.installed_stub == PurePosixPath("_topic_rs/__init__.pyi")
    assert found.installed_typed_marker == PurePosixPath("_topic_rs/py.typed")


def test_mixed_crate_keeps_the_stub_in_its_python_package(tmp_path):
    folder = crate(
        tmp_path,
        '[tool.maturin]\npython-source = "python"\nmodule-name = "pkg._pkg_rs"\n',
        "python/pkg",
    )
    found = BindingCrate.read(folder)
    assert (found.module, found.package) == ("pkg._pkg_rs", "pkg")
    assert found.python_source == folder / "python"
    assert found.stub == folder / "python" / "pkg" / "_pkg_rs.pyi"
    assert found.stub_root == folder / "python"
    assert found.installed_stub == PurePosixPath("pkg/_pkg_rs.pyi")
    assert found.installed_typed_marker == PurePosixPath("pkg/py.typed")


def test_mixed_crate_without_python_source_has_the_package_beside_cargo_toml(
    tmp_path,
):
    folder = crate(tmp_path, '[tool.maturin]\nmodule-name = "pkg._pkg_rs"\n', "pkg")
    found = BindingCrate.read(folder)
    assert found.python_source == folder
    assert found.stub == folder / "pkg" / "_pkg_rs.pyi"


def test_a_dotted_name_without_its_package_folder_is_not_mixed(tmp_path):
    # maturin's rule: mixed only when the source folder holds the package.
    folder = crate(tmp_path, '[tool.maturin]\nmodule-name = "pkg._pkg_rs"\n')
    assert BindingCrate.read(folder).python_source is None


def test_a_folder_without_pyproject_is_not_a_binding_crate(tmp_path):
    folder = tmp_path / "logic"
    folder.mkdir()
    (folder / "Cargo.toml").write_text('[package]\nname = "logic"\n')
    with pytest.raises(NotABindingCrate, match=r"no pyproject\.toml"):
        BindingCrate.read(folder)


def test_the_project_structure_example_is_mixed():
    folder = ROOT / "examples" / "project-structure" / "wordstats-py"
    found = BindingCrate.read(folder)
    assert found.module == "wordstats._wordstats_rs"
    assert found.stub.is_file(), found.stub
    # On the command line, for nox -s try: the module name and nothing else.
    assert model_cli("module", str(folder)) == "wordstats._wordstats_rs\n"


def model_cli(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "examples_model", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout


def test_members_are_binding_or_pure_crates_by_their_manifests():
    members = crates.workspace_members(EXAMPLES)
    assert "module-template" in members
    binding = {
        c.folder.relative_to(EXAMPLES).as_posix()
        for c in crates.workspace_binding_crates(EXAMPLES)
    }
    pure = set(crates.pure_crates(EXAMPLES))
    for member in members:
        folder = EXAMPLES / member
        has_pyproject = (folder / "pyproject.toml").is_file()
        assert (member in binding) == has_pyproject, member
        assert (crates.package_name(folder) in pure) == (not has_pyproject), member
    assert "wordstats" in pure
    assert model_cli("pure-crates").split() == crates.pure_crates(EXAMPLES)


def test_rust_tested_crates_are_those_with_rust_integration_tests():
    tested = crates.rust_tested_crates(EXAMPLES)
    assert "handles-py" in tested
    for crate in crates.workspace_binding_crates(EXAMPLES):
        has_rs_tests = any((crate.folder / "tests").glob("*.rs"))
        assert (crates.package_name(crate.folder) in tested) == has_rs_tests
    assert model_cli("rust-tested-crates").split() == tested


def test_the_deepest_crate_owns_a_path_and_a_topic_file_belongs_to_all():
    folders = ["project-structure/wordstats", "project-structure/wordstats-py", "paths"]
    owner = crates.owner("project-structure/wordstats-py/src/lib.rs", folders)
    assert owner == "project-structure/wordstats-py"
    assert crates.owner("project-structure/session.pycon", folders) is None
    assert crates.crates_of("project-structure/session.pycon", folders) == {
        "project-structure/wordstats",
        "project-structure/wordstats-py",
    }
    assert crates.crates_of("paths/", folders) == {"paths"}


def test_references_read_both_markups_with_lines_and_regions():
    text = (
        ".. example:: a/src/lib.rs\n   :region: x\n"
        ".. example-tabs::\n   :rust: b/src/lib.rs#r\n   :python: b/s.pycon#r\n"
        "```{example} c/src/lib.rs\n:region: y\n```\n"
        ":::{example-tree} f\n:::\n"
        ".. try-example:: d\n.. example-tree:: e\n"
    )
    assert list(pages.references(text)) == [
        (1, "a/src/lib.rs", "x"),
        (4, "b/src/lib.rs", "r"),
        (5, "b/s.pycon", "r"),
        (6, "c/src/lib.rs", "y"),
        (9, "f", None),
        (11, "d", None),
        (12, "e", None),
    ]


def test_every_reference_on_the_pages_names_an_example_that_exists():
    for page in pages.pages(ROOT / "docs"):
        for line, path, _ in pages.references(page.read_text(encoding="utf-8")):
            assert (EXAMPLES / path).exists(), f"{page}:{line}: no examples/{path}"


def test_content_key_follows_bytes_and_paths_not_where_the_tree_is(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for root in (one, two):
        (root / "src").mkdir(parents=True)
        (root / "src" / "lib.rs").write_text("fn main() {}\n")
    key = crates.content_key([b"part"], [one / "src" / "lib.rs"], one)
    assert key == crates.content_key([b"part"], [two / "src" / "lib.rs"], two)
    assert key != crates.content_key([b"other"], [one / "src" / "lib.rs"], one)
    (two / "src" / "lib.rs").write_text("fn main() { }\n")
    assert key != crates.content_key([b"part"], [two / "src" / "lib.rs"], two)
    (two / "src" / "lib.rs").rename(two / "src" / "main.rs")
    (two / "src" / "main.rs").write_text("fn main() {}\n")
    assert key != crates.content_key([b"part"], [two / "src" / "main.rs"], two)
    entry = tmp_path / "cache" / f"{key}.json"
    crates.keep(entry, "{}")
    assert entry.read_text() == "{}"
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]
