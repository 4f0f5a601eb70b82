"""Edge cases of the exceptions-further page that its session does not show."""

import copy
import pickle

import _exceptions_further_per_version_rs as rust_class
import exceptions_further as config
import pytest
from exceptions_further import errors
from hypothesis import given
from hypothesis import strategies as st

# Python's str.strip() also strips \x1c-\x1f; Rust's trim() does not.
TEXT = st.text(
    alphabet=st.characters(
        exclude_characters="\x1c\x1d\x1e\x1f\r", exclude_categories=["Cs"]
    )
)


def first_bad_line(text):
    """The number and stripped text of the first bad line, or None."""
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, equals, _ = line.partition("=")
        if not equals or not key.strip():
            return number, line
    return None


@given(TEXT)
def test_both_parsers_report_the_first_bad_line(text):
    bad = first_bad_line(text)
    if bad is None:
        assert config.parse(text) == rust_class.parse(text)
        return
    with pytest.raises(rust_class.BadLineError) as rust_error:
        rust_class.parse(text)
    assert (rust_error.value.line, rust_error.value.text) == bad
    assert rust_error.value.args == bad
    with pytest.raises(config.BadLineError) as python_error:
        config.parse(text)
    assert python_error.value.line == bad[0]
    assert str(python_error.value).startswith(f"line {bad[0]}: ")


@pytest.mark.parametrize("duplicate", [copy.copy, copy.deepcopy, pickle.dumps])
def test_raised_errors_survive_copy_and_pickle(duplicate):
    for module in (rust_class, config):
        with pytest.raises(module.BadLineError) as info:
            module.parse("ok = 1\nnot ok")
        copied = duplicate(info.value)
        if isinstance(copied, bytes):
            copied = pickle.loads(copied)
        assert type(copied) is module.BadLineError
        assert copied.args == info.value.args
        assert copied.line == 2
        assert str(copied) == str(info.value)


def test_rust_class_fields_are_read_only():
    err = rust_class.BadLineError(1, "x")
    with pytest.raises(AttributeError):
        err.line = 2


def test_rust_class_checks_its_arguments():
    with pytest.raises(TypeError):
        rust_class.BadLineError("one", "x")
    with pytest.raises(OverflowError):
        rust_class.BadLineError(-1, "x")
    with pytest.raises(TypeError):
        rust_class.BadLineError(1)


def test_rust_class_without_args_cannot_be_copied():
    bare = rust_class.bad_line_without_args(3, "x")
    assert isinstance(bare, rust_class.BadLineError)
    assert (bare.line, bare.text, bare.args) == (3, "x", ())
    with pytest.raises(TypeError, match="missing 2 required positional arguments"):
        copy.copy(bare)


def test_python_classes_come_from_the_errors_module():
    assert config.BadLineError is errors.BadLineError
    assert issubclass(errors.BadLineError, errors.ConfigError)
    with pytest.raises(errors.ConfigError) as info:
        config.parse("=")
    assert type(info.value) is errors.BadLineError


def test_load_adds_exactly_one_note_per_failure(tmp_path):
    broken = tmp_path / "broken.conf"
    broken.write_text("a = 1\nb\n")
    for _ in range(2):
        with pytest.raises(config.BadLineError) as info:
            config.load(broken)
        assert info.value.__notes__ == [f"while reading {broken}"]
        assert info.value.line == 2


def test_load_notes_os_errors_too(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        config.load(tmp_path)
    assert info.value.__notes__ == [f"while reading {tmp_path}"]


def test_load_reads_a_good_file(tmp_path):
    good = tmp_path / "good.conf"
    good.write_text("# comment\na = 1\n\nb=2\n")
    assert config.load(good) == [("a", "1"), ("b", "2")]


def test_a_bad_argument_gets_pyo3s_note_not_ours():
    with pytest.raises(TypeError) as info:
        config.load(42)
    assert info.value.__notes__ == ["while processing 'path'"]
