"""Edge cases of the function-signatures page that its session does not show."""

import inspect
import math
import os

import _function_signatures_rs as sig
import pytest
from hypothesis import given
from hypothesis import strategies as st

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@pytest.mark.parametrize(
    ("func", "expected"),
    [
        (sig.stat, "(path, *, follow_symlinks=True)"),
        (sig.split_words, "(text, sep=None)"),
        (sig.split_words_required, "(text, sep)"),
        (sig.tag, "(name, /, **attributes)"),
        (sig.total, "(*numbers, start=0)"),
        (sig.total_converted, "(*numbers, start=0)"),
        (sig.arrived, "(*args, **kwargs)"),
        (sig.clamp, "(value, low=Ellipsis, high=1.0)"),
        (sig.clamp_documented, "(value, low=-1.0, high=1.0)"),
    ],
)
def test_signatures(func, expected):
    assert str(inspect.signature(func)) == expected


def test_stat_directory_and_missing(tmp_path):
    assert sig.stat(tmp_path)["kind"] == "directory"
    with pytest.raises(FileNotFoundError) as info:
        sig.stat(tmp_path / "missing")
    assert info.value.errno == 2
    assert info.value.filename == str(tmp_path / "missing")


def test_stat_dangling_symlink(tmp_path):
    link = tmp_path / "dangling"
    os.symlink("nowhere", link)
    assert sig.stat(link, follow_symlinks=False)["kind"] == "symlink"
    with pytest.raises(FileNotFoundError):
        sig.stat(link)


def test_stat_not_a_directory(tmp_path):
    file = tmp_path / "file"
    file.write_bytes(b"")
    with pytest.raises(NotADirectoryError):
        sig.stat(file / "child")


@pytest.mark.parametrize("bad", [None, 1.5, b"bytes", ["list"]])
def test_stat_wrong_types(bad):
    with pytest.raises(TypeError):
        sig.stat(bad)


def test_stat_follow_symlinks_is_keyword_only_bool(tmp_path):
    with pytest.raises(TypeError):
        sig.stat(tmp_path, follow_symlinks="yes")


@given(st.text(), st.one_of(st.none(), st.text(min_size=1)))
def test_split_words_matches_str_split(text, sep):
    expected = text.split() if sep is None else text.split(sep)
    # Python also splits on the ASCII separators \x1c-\x1f; Rust does not.
    if sep is None and any(c in "\x1c\x1d\x1e\x1f" for c in text):
        return
    assert sig.split_words(text, sep) == expected


@pytest.mark.parametrize("bad", [1, b"a b", None])
def test_split_words_wrong_text(bad):
    with pytest.raises(TypeError):
        sig.split_words(bad)


@given(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.integers()))
def test_tag_renders_every_attribute(attributes):
    rendered = sig.tag("x", **attributes)
    assert rendered.startswith("<x")
    assert rendered.endswith(">")
    for key, value in attributes.items():
        assert f' {key}="{value}"' in rendered


def test_tag_name_can_be_an_attribute():
    assert sig.tag("meta", name="viewport") == '<meta name="viewport">'


@pytest.mark.parametrize("total", [sig.total, sig.total_converted])
@given(numbers=st.lists(INT64, max_size=20), start=INT64)
def test_total(total, numbers, start):
    expected = start + sum(numbers)
    if -(2**63) <= expected < 2**63 and all(
        -(2**63) <= start + sum(numbers[:i]) < 2**63 for i in range(len(numbers) + 1)
    ):
        assert total(*numbers, start=start) == expected
    else:
        with pytest.raises(ValueError, match="64 bits"):
            total(*numbers, start=start)


@pytest.mark.parametrize("bad", [None, 1.0, "1", [1]])
def test_total_rejects_non_ints(bad):
    with pytest.raises(TypeError, match="argument 1 must be an int"):
        sig.total(1, bad)


@pytest.mark.parametrize("bad", [None, 1.0, "1", [1]])
def test_total_converted_names_the_parameter(bad):
    with pytest.raises(TypeError) as info:
        sig.total_converted(1, bad)
    assert info.value.__notes__ == ["while processing 'numbers'"]


def test_total_converted_boundaries():
    assert sig.total_converted(2**63 - 1) == 2**63 - 1
    with pytest.raises(OverflowError):
        sig.total_converted(2**63)


def test_total_boundaries():
    assert sig.total(2**63 - 1) == 2**63 - 1
    with pytest.raises(OverflowError):
        sig.total(2**63)
    with pytest.raises(ValueError, match="64 bits"):
        sig.total(2**63 - 1, 1)


def test_arrived_counts():
    assert sig.arrived(*range(5), **{str(i): i for i in range(3)}) == (
        "args: tuple of 5, kwargs: Some(dict of 3)"
    )


@pytest.mark.parametrize("func", [sig.clamp, sig.clamp_documented])
@given(value=st.floats(), low=st.floats(), high=st.floats())
def test_clamp_matches_python_or_raises(func, value, low, high):
    if math.isnan(low) or math.isnan(high) or low > high:
        with pytest.raises(ValueError, match="need low <= high"):
            func(value, low, high)
        return
    result = func(value, low, high)
    if math.isnan(value):
        assert math.isnan(result)
    else:
        assert result == min(max(value, low), high)


@pytest.mark.parametrize("bad", [None, "1.0", b"1", [1.0]])
def test_clamp_wrong_types(bad):
    with pytest.raises(TypeError):
        sig.clamp(bad)
    with pytest.raises(TypeError):
        sig.clamp(0.0, high=bad)


def test_clamp_accepts_ints_and_huge_ints():
    assert sig.clamp(5) == 1.0
    assert sig.clamp(-(2**80)) == -1.0
    with pytest.raises(OverflowError):
        sig.clamp(2**2000)
