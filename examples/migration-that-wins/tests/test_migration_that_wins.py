"""Written against the package's Python code first; the compiled module must
pass them too.  The package must keep working without the compiled module,
and must not hide one that fails to load."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import stations
from hypothesis import given
from hypothesis import strategies as st
from stations import _stations_py, _stations_rs

PACKAGE = Path(stations.__file__).parent  # the installed package

# ANCHOR: implementations
IMPLEMENTATIONS = [
    pytest.param(_stations_py.summarize, id="python"),
    pytest.param(_stations_rs.summarize, id="rust"),
]


@pytest.fixture(params=IMPLEMENTATIONS)
def summarize(request):
    return request.param


def test_known_summary(summarize):
    text = "Oslo;-3.5\nLima;18.2\nOslo;1.5\n\nOslo;-1.0"
    assert summarize(text) == {"Oslo": (-3.5, -1.0, 1.5), "Lima": (18.2, 18.2, 18.2)}


@pytest.mark.parametrize(
    ("text", "line"),
    [("Oslo", 1), ("Oslo;1.5\n;2.0", 2), ("Oslo;1.55", 1), ("Oslo;+1.5", 1)],
)
def test_bad_line_is_a_value_error_naming_it(summarize, text, line):
    with pytest.raises(ValueError, match=f"^line {line}: expected <station>;"):
        summarize(text)


# ANCHOR_END: implementations


def test_order_of_first_appearance(summarize):
    assert list(summarize("b;1.0\na;2.0\nb;3.0")) == ["b", "a"]


@pytest.mark.parametrize("bad", [None, b"Oslo;1.5", ["Oslo;1.5"], 3])
def test_text_that_is_not_str_is_a_type_error_in_rust(bad):
    with pytest.raises(TypeError):
        _stations_rs.summarize(bad)


@pytest.mark.parametrize(
    ("bad", "error"),
    [(None, AttributeError), (["Oslo;1.5"], AttributeError), (b"Oslo;1.5", TypeError)],
)
def test_the_original_fails_on_the_first_str_method(bad, error):
    with pytest.raises(error):
        _stations_py.summarize(bad)


# ANCHOR: property
# Lines in the format (but for an empty station name, an error), mixed with
# any text at all; no lone surrogates (see
# test_lone_surrogates_are_rejected_by_rust_only).
TEXT = st.characters(exclude_categories=["Cs"], exclude_characters="\n")
STATION = st.text(st.characters(exclude_categories=["Cs"], exclude_characters=";\n"))
READING = st.from_regex(r"-?[0-9]{1,3}\.[0-9]", fullmatch=True)
LINE = st.one_of(st.builds("{};{}".format, STATION, READING), st.text(TEXT))


def outcome(summarize, text: str) -> str:
    """The result or the error, as repr: -0.0 and 0.0 differ there."""
    try:
        return repr(list(summarize(text).items()))
    except ValueError as error:
        return repr(error)


@given(st.lists(LINE, max_size=20).map("\n".join))
def test_rust_agrees_with_python(text):
    assert outcome(_stations_rs.summarize, text) == outcome(
        _stations_py.summarize, text
    )


# ANCHOR_END: property


def test_lone_surrogates_are_rejected_by_rust_only():
    text = b"Malm\xf6;4.0".decode("utf-8", "surrogateescape")
    assert _stations_py.summarize(text) == {"Malm\udcf6": (4.0, 4.0, 4.0)}
    with pytest.raises(UnicodeEncodeError) as raised:
        _stations_rs.summarize(text)
    assert isinstance(raised.value, ValueError)


# ANCHOR: fallback
def test_the_package_uses_the_compiled_module():
    assert stations.summarize is _stations_rs.summarize


def package_without_compiled_module(folder: Path) -> Path:
    """The package's Python files alone, as a source install without Rust."""
    copy = folder / "stations"
    copy.mkdir()
    for source in PACKAGE.glob("*.py"):
        shutil.copy(source, copy)
    return copy


def test_without_the_compiled_module_the_fallback_is_used(tmp_path):
    package = package_without_compiled_module(tmp_path)
    code = "import stations as s; print(s.__file__, s.summarize.__module__)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{package / '__init__.py'} stations._stations_py\n"


def test_a_compiled_module_that_fails_to_load_is_not_hidden(tmp_path):
    package = package_without_compiled_module(tmp_path)
    broken = 'raise ImportError("undefined symbol: PyUnicode_AsUTF8AndSize")\n'
    (package / "_stations_rs.py").write_text(broken)
    result = subprocess.run(
        [sys.executable, "-c", "import stations"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "ImportError: undefined symbol" in result.stderr


# ANCHOR_END: fallback
