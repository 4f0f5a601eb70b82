"""The abi3 example's own functions: what the running interpreter is, asked
through the stable ABI.  (The wheels' tags and their abi3audit check, for
every crate, are in the project's tests/test_built_modules.py.)"""

from __future__ import annotations

import sys

import _binary_compatibility_rs as compat
import pytest
from hypothesis import given
from hypothesis import strategies as st


@given(st.integers(0, 255), st.integers(0, 255))
def test_python_at_least_matches_sys_version_info(major: int, minor: int) -> None:
    assert compat.python_at_least(major, minor) == (
        sys.version_info[:2] >= (major, minor)
    )


@pytest.mark.parametrize(
    ("major", "minor", "error"),
    [
        (-1, 0, OverflowError),
        (3, 256, OverflowError),
        (2**64, 0, OverflowError),
        (None, 0, TypeError),
        (3.0, 9, TypeError),
        ("3", 9, TypeError),
        (b"\xff", 9, TypeError),
    ],
)
def test_python_at_least_rejects_bad_arguments(
    major: object, minor: object, error: type
) -> None:
    with pytest.raises(error):
        compat.python_at_least(major, minor)  # type: ignore[arg-type]


def test_running_python_is_the_interpreter() -> None:
    assert compat.running_python() == sys.version_info[:2]
