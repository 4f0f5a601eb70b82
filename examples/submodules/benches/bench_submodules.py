"""Import time with every submodule, and with one.  ``nox -s bench``.

A first import also loads the shared library, once per process, so each
round starts a fresh interpreter; starting Python alone is the baseline.
"""

import os
import subprocess
import sys

import pytest

ROUNDS = 40


# ANCHOR: bench


def python(code, select=None):
    env = {k: v for k, v in os.environ.items() if k != "SUBMODULES_RS_SELECT"}
    if select is not None:
        env["SUBMODULES_RS_SELECT"] = select
    command = [sys.executable, "-I", "-S", "-c", code]
    if code != "pass":
        # -S skips site-packages: put the installed module back on the path.
        site = os.path.dirname(os.path.dirname(__import__("_submodules_rs").__file__))
        command[-1] = f"import sys; sys.path.append({site!r}); {code}"
    return lambda: subprocess.run(command, env=env, check=True)


@pytest.mark.benchmark(group="import")
def bench_interpreter_alone(benchmark):
    """start-up alone (python -c pass)"""
    benchmark.pedantic(python("pass"), rounds=ROUNDS)


@pytest.mark.benchmark(group="import")
def bench_import_all(benchmark):
    """import, all three submodules"""
    benchmark.pedantic(python("import _submodules_rs"), rounds=ROUNDS)


@pytest.mark.benchmark(group="import")
def bench_import_one(benchmark):
    """import, SUBMODULES_RS_SELECT=text"""
    benchmark.pedantic(python("import _submodules_rs", select="text"), rounds=ROUNDS)


# ANCHOR_END: bench
