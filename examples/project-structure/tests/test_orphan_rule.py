"""The error conversion that the two-crate layout forbids, compiled to prove it.

``wordstats::Error`` lives in the logic crate and ``PyErr`` in PyO3, so the
binding crate may not implement ``From<wordstats::Error> for PyErr``: the
orphan rule, rustc's E0117.  This test adds that implementation to a copy of
the workspace and expects ``cargo check`` to fail with E0117 and nothing
else.  The bindings' newtype wrapper is the way around it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2]
ROOT = EXAMPLES.parent
BINDINGS = EXAMPLES / "project-structure" / "wordstats-py" / "src" / "lib.rs"
# Kept between runs, so PyO3 is checked once, not on every run.
TARGET = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build")) / "orphan-rule-target"
# What the page says the compiler prints.
MESSAGE = (
    "error[E0117]: only traits defined in the current crate can be implemented "
    "for types defined outside of the crate"
)
# Appended to the bindings' lib.rs, which imports PyErr and PyValueError.
DIRECT_FROM = """
// ANCHOR: direct-from
impl From<wordstats::Error> for PyErr {
    fn from(error: wordstats::Error) -> Self {
        PyValueError::new_err(error.to_string())
    }
}
// ANCHOR_END: direct-from
"""


def cargo_env() -> dict[str, str]:
    """The same environment on every interpreter, so the cache stays valid.

    PyO3's build scripts rerun when the interpreter they find changes; with
    the abi3 feature they need none (PYO3_NO_PYTHON).  Like maturin, say that
    the library is an extension module, which does not link libpython.
    """
    cargo = shutil.which("cargo")
    assert cargo, "cargo is not on PATH"
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYO3_", "PYTHON", "CARGO_TARGET_DIR"))
        and name not in {"VIRTUAL_ENV", "CONDA_PREFIX", "PATH"}
    }
    env["PATH"] = os.pathsep.join([str(Path(cargo).parent), "/usr/bin", "/bin"])
    env["PYO3_NO_PYTHON"] = "1"
    env["PYO3_BUILD_EXTENSION_MODULE"] = "1"
    env["CARGO_TARGET_DIR"] = str(TARGET)
    return env


def test_from_for_pyerr_of_the_logic_crates_error_is_e0117(tmp_path, run_child):
    copy = tmp_path / "examples"
    shutil.copytree(
        EXAMPLES,
        copy,
        ignore=shutil.ignore_patterns(
            "target", "build", "tests", "__pycache__", ".*", "*.pycon"
        ),
    )
    lib = copy / BINDINGS.relative_to(EXAMPLES)
    lib.write_text(lib.read_text(encoding="utf-8") + DIRECT_FROM, encoding="utf-8")
    result = run_child(
        [
            "cargo",
            "check",
            "--offline",
            "--manifest-path",
            str(copy / "Cargo.toml"),
            "-p",
            "wordstats-py",
        ],
        source=BINDINGS,
        what="a direct From<wordstats::Error> for PyErr compiled",
        failing=True,
        env=cargo_env(),
    )
    codes = set(re.findall(r"^error\[(E\d+)\]", result.stderr, re.MULTILINE))
    assert codes == {"E0117"}, result.stderr
    assert MESSAGE in result.stderr, result.stderr
