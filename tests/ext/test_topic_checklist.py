"""Every gap in a crate's recipe is a warning of the docs build, at its file."""

from __future__ import annotations

from pathlib import Path

from examples_model.recipe import gaps

CONF = """
extensions = ["example_include", "topic_checklist"]
example_include_root = "examples"
exclude_patterns = ["examples"]
"""
CARGO = """\
# The {name} crate.
[package]
name = "{name}-py"
{description}
[lib]
name = "_{name}_rs"
"""
PYPROJECT = """\
[project]
name = "{name}-py"

[tool.maturin]
include = [{{ path = "_{name}_rs.pyi", format = "sdist" }}]
"""
README = """\
| Crate | Package | Pages | What it shows |
| --- | --- | --- | --- |
| `whole` | `whole-py` | [whole](../docs/whole.rst) | All of it. |
"""


def complete(name: str) -> dict[str, str]:
    """A crate with every part of the recipe."""
    return {
        f"{name}/Cargo.toml": CARGO.format(
            name=name, description='description = "All of it."'
        ),
        f"{name}/pyproject.toml": PYPROJECT.format(name=name),
        f"{name}/_{name}_rs.pyi": "",
        f"{name}/session.pycon": ">>> 1\n1\n",
        f"{name}/tests/test_{name}.py": "",
    }


def project(*members: str) -> dict[str, str]:
    quoted = ", ".join(f'"{member}"' for member in members)
    return {"Cargo.toml": f"[workspace]\nmembers = [{quoted}]\n", "README.md": README}


def test_a_complete_crate_has_no_gap(build):
    built = build(
        {"conf.py": CONF, "index.rst": "T\n=\n"},
        {**project("whole"), **complete("whole")},
    )
    assert built.warnings == ""


def test_each_missing_part_is_named_at_the_file_to_fix(build):
    files = {**project("whole", "bare"), **complete("whole")}
    files["bare/Cargo.toml"] = CARGO.format(name="bare", description="")
    files["bare/pyproject.toml"] = "[project]\nname = 'bare-py'\n"
    warnings = build({"conf.py": CONF, "index.rst": "T\n=\n"}, files).warnings
    expected = [
        "bare/Cargo.toml:2: WARNING: no description in [package]",
        "README.md:1: WARNING: examples/bare is not in the table of crates",
        "bare/Cargo.toml:1: WARNING: no type stub: write examples/bare/_bare_rs.pyi",
        "bare/pyproject.toml:1: WARNING: [tool.maturin] include does not name "
        "_bare_rs.pyi",
        "bare/Cargo.toml:1: WARNING: no session.pycon in examples/bare",
        "bare/Cargo.toml:1: WARNING: no tests/test_*.py in examples/bare",
    ]
    for message in expected:
        assert message in warnings, (message, warnings)
    assert warnings.count("WARNING") == len(expected), warnings
    assert "whole" not in warnings


def test_a_companion_crate_shares_its_topics_session_and_tests(tmp_path: Path):
    files = {**project("whole", "whole/companion"), **complete("whole")}
    files["README.md"] += (
        "| `whole/companion` | `companion-py` | [whole](../docs/whole.rst) | x |\n"
    )
    companion = complete("companion")
    for name in ("session.pycon", "tests/test_companion.py"):
        del companion[f"companion/{name}"]
    files.update({f"whole/{name}": text for name, text in companion.items()})
    files["whole/companion/Cargo.toml"] = CARGO.format(
        name="companion", description='description = "x"'
    )
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert gaps(tmp_path) == []


def test_the_examples_have_no_gap():
    assert gaps(Path(__file__).resolve().parents[2] / "examples") == []
