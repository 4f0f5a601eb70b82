"""Edge cases of the submodules page that its session does not show."""

import os
import statistics
import subprocess
import sys
import zlib
from pathlib import Path

import _submodules_rs
import _submodules_rs.checksum
import _submodules_rs.stats
import _submodules_rs.text
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

NAMES = ("text", "stats", "checksum")
CRATE = Path(__file__).resolve().parents[1]


def run(
    select: bytes, code: str, failing: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter with SUBMODULES_RS_SELECT set."""
    env = {**os.environb, b"SUBMODULES_RS_SELECT": select}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )
    outcome = "failed" if result.returncode else "succeeded"
    assert (result.returncode != 0) == failing, (
        f"the import with SUBMODULES_RS_SELECT={select!r} {outcome}:\n"
        f"{result.stderr}{result.stdout}"
    )
    return result


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5))
def test_selection_builds_exactly_the_chosen(chosen):
    code = (
        "import sys, _submodules_rs as m; "
        "print(m.SELECTED); "
        "print(sorted(n for n in sys.modules if n.count('.') == 1 "
        "and n.startswith('_submodules_rs.') and n != '_submodules_rs._submodules_rs'))"
    )
    result = run(" , ".join(chosen).encode(), code)
    selected_line, registered_line = result.stdout.splitlines()
    unique = list(dict.fromkeys(chosen))
    assert selected_line == repr(tuple(unique))
    assert registered_line == repr([f"_submodules_rs.{n}" for n in sorted(unique)])


@pytest.mark.parametrize("select", [b"graphs", b"text,", b"TEXT", b"text;stats"])
def test_unknown_names_fail_the_import(select):
    result = run(select, "import _submodules_rs", failing=True)
    assert "ImportError: SUBMODULES_RS_SELECT: unknown submodule" in result.stderr


def test_non_utf8_variable_fails_the_import():
    result = run(b"text\xff", "import _submodules_rs", failing=True)
    assert "ImportError: SUBMODULES_RS_SELECT is not valid UTF-8" in result.stderr


@pytest.mark.parametrize("select", [b"", b"   "])
def test_empty_selects_everything(select):
    result = run(select, "import _submodules_rs as m; print(m.SELECTED)")
    assert result.stdout.strip() == repr(NAMES)


def test_every_submodule_is_registered_and_named():
    for name in NAMES:
        module = sys.modules[f"_submodules_rs.{name}"]
        assert module is getattr(_submodules_rs, name)
        assert module.__name__ == f"_submodules_rs.{name}"
        assert module.__doc__


@given(st.binary(max_size=5_000))
def test_adler32_matches_zlib(data):
    assert _submodules_rs.checksum.adler32(data) == zlib.adler32(data)


@pytest.mark.parametrize("data", ["text", None, bytearray(b"x"), [1, 2]])
def test_adler32_accepts_only_bytes(data):
    with pytest.raises(TypeError):
        _submodules_rs.checksum.adler32(data)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_shout_ascii(text):
    assert _submodules_rs.text.shout(text) == text.upper() + "!"


def test_shout_rejects_surrogates_and_non_str():
    with pytest.raises(UnicodeEncodeError):
        _submodules_rs.text.shout("\ud800")
    with pytest.raises(TypeError):
        _submodules_rs.text.shout(b"bytes")


@given(st.lists(st.floats(-1e6, 1e6), max_size=100))
def test_mean_matches_statistics(values):
    result = _submodules_rs.stats.mean(values)
    if not values:
        assert result is None
    else:
        assert result == pytest.approx(statistics.fmean(values), abs=1e-6)


@pytest.mark.parametrize("values", ["123", None, [1.0, "x"]])
def test_mean_rejects_wrong_types(values):
    with pytest.raises(TypeError):
        _submodules_rs.stats.mean(values)
