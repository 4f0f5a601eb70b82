"""``nox -s new`` lays out a topic that the model and the README accept.

The whole loop, laid out and then built into a page, is proven in the
mutation suite (tests/mutations); here, each file and edit is checked
against the model of the examples, in a copy of the files it edits.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from examples_model import crates, pages
from examples_model.regions import ExampleFile
from tools.new_topic import TopicError, lay_out

ROOT = Path(__file__).resolve().parent.parent
EDITED = ["examples/Cargo.toml", "examples/README.md", "docs/index.rst"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in EDITED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_topic_is_a_binding_crate_shown_on_its_page(project: Path):
    checklist = lay_out(
        project, "weak-references", "Weak references.", "Writing bindings"
    )
    examples = project / "examples"
    assert crates.workspace_members(examples)[-1] == "weak-references"
    crate = crates.BindingCrate.read(examples / "weak-references")
    assert crate.module == "_weak_references_rs"
    assert crate.stub.is_file()
    manifest = tomllib.loads((crate.folder / "Cargo.toml").read_text())
    assert manifest["package"]["description"] == "Weak references."
    pyproject = tomllib.loads((crate.folder / "pyproject.toml").read_text())
    [include] = pyproject["tool"]["maturin"]["include"]
    assert include["path"] == crate.stub.name
    assert (crate.folder / "tests" / "test_weak_references.py").is_file()

    page = project / "docs" / "weak-references.rst"
    shown = list(pages.references(page.read_text()))
    assert [path for _, path, _ in shown] == [
        "weak-references",
        "weak-references/src/lib.rs",
        "weak-references/session.pycon",
    ]
    for _, path, region in shown[1:]:
        assert region in ExampleFile.read(examples / path).regions, path
    index = (project / "docs" / "index.rst").read_text()
    section = index.split(":caption: Writing bindings")[1].split(".. toctree::")[0]
    assert section.endswith("   weak-references\n\n")
    readme = (examples / "README.md").read_text()
    assert "| `weak-references` | `weak-references-py` |" in readme
    assert "Still to do" in checklist


def test_a_name_or_description_that_cannot_work_is_refused(project: Path):
    before = {name: (project / name).read_text() for name in EDITED}
    with pytest.raises(TopicError, match="not a topic name"):
        lay_out(project, "Weak_Refs", "x", "Foundations")
    with pytest.raises(TopicError, match="exists already"):
        lay_out(project, "paths", "x", "Foundations")
    with pytest.raises(TopicError, match="give the crate's description"):
        lay_out(project, "weak", " ", "Foundations")
    with pytest.raises(TopicError, match="choose one of: Foundations"):
        lay_out(project, "weak", "Weak references.", "No such caption")
    assert not (project / "examples" / "weak").exists()
    assert {name: (project / name).read_text() for name in EDITED} == before
