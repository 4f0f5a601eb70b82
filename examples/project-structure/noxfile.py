"""The component's checks, run by its CI: nox -s tests-3.11, nox -s tests-3.13."""

from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"

HERE = Path(__file__).resolve().parent
# ANCHOR: pythons
# The abi3 floor (requires-python) and the newest CPython supported: the one wheel
# must import and pass on both.
PYTHONS = ["3.11", "3.13"]
# ANCHOR_END: pythons


# ANCHOR: tests
@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Build the wheel, install it into this fresh environment, and test it."""
    session.install("maturin>=1.9.4,<2", "pytest", "hypothesis", "mypy")
    wheels = Path(session.create_tmp()) / "wheels"
    session.chdir(HERE / "wordstats-py")
    session.run("maturin", "build", "--release", "--out", str(wheels))
    session.install("--no-index", "--find-links", str(wheels), "wordstats-py")
    # Run from an empty folder: nothing in the source tree can stand in for
    # the installed module.
    session.chdir(session.create_tmp())
    session.run("pytest", str(HERE / "wordstats-py" / "tests"))
    # The installed package and its stub (wordstats/_wordstats_rs.pyi)
    # against what the compiled module really defines.
    session.run("python", "-m", "mypy.stubtest", "wordstats")


# ANCHOR_END: tests
