"""Edge cases of the error-handling page that its session does not show."""

import pickle

import _error_handling_rs as config
import pytest
from hypothesis import given
from hypothesis import strategies as st

KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,15}", fullmatch=True)
VALUES = st.from_regex(r"[^\s=#][^\n\r=]{0,20}", fullmatch=True).map(str.strip)


def is_bad_line(line):
    line = line.strip()
    if not line or line.startswith("#"):
        return False
    key, equals, _ = line.partition("=")
    return not equals or not key.strip()


# Python's str.strip() also strips \x1c-\x1f; Rust's trim() does not.
TEXT = st.text(
    alphabet=st.characters(
        exclude_characters="\x1c\x1d\x1e\x1f\r", exclude_categories=["Cs"]
    )
)


@given(TEXT)
def test_parse_raises_only_bad_line_errors(text):
    if any(is_bad_line(line) for line in text.split("\n")):
        with pytest.raises(config.BadLineError, match=r"^line \d+: "):
            config.parse(text)
    else:
        assert all(key for key, _ in config.parse(text))


def test_lone_surrogates_cannot_become_rust_strings():
    with pytest.raises(UnicodeEncodeError):
        config.parse("key = \ud800")


@given(st.lists(st.tuples(KEYS, VALUES), max_size=10))
def test_parse_round_trip(pairs):
    text = "\n".join(f"{key} = {value}" for key, value in pairs)
    assert config.parse(text) == pairs


def test_parse_line_number_counts_skipped_lines():
    with pytest.raises(config.BadLineError, match=r"^line 4: "):
        config.parse("# comment\n\nkey = 1\n= no key\n")


@pytest.mark.parametrize("bad", [None, 1, b"key = 1", ["key = 1"]])
def test_parse_wrong_types(bad):
    with pytest.raises(TypeError):
        config.parse(bad)


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_get_int_round_trip(number):
    assert config.get_int(f"n = {number}", "n") == number


@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), "", "1.5", "0x10"])
def test_get_int_bad_values_chain_a_cause(value):
    with pytest.raises(ValueError, match="is not an integer") as info:
        config.get_int(f"n = {value}", "n")
    assert isinstance(info.value.__cause__, ValueError)


def test_get_int_missing_key_is_a_config_error():
    with pytest.raises(config.ConfigError) as info:
        config.get_int("", "n")
    assert type(info.value) is config.MissingKeyError


def test_load_keeps_error_types(tmp_path):
    good = tmp_path / "good.conf"
    good.write_text("a = 1\n")
    assert config.load(good) == config.load_quick(good) == [("a", "1")]
    with pytest.raises(IsADirectoryError):
        config.load(tmp_path)
    with pytest.raises(RuntimeError):
        config.load_quick(tmp_path)


def test_load_non_utf8_file(tmp_path):
    data = tmp_path / "latin1.conf"
    data.write_bytes(b"name = caf\xe9\n")
    # read_to_string's io::Error (InvalidData) converts to a plain OSError.
    with pytest.raises(OSError, match="valid UTF-8"):
        config.load(data)
    with pytest.raises(RuntimeError, match="UTF-8"):
        config.load_quick(data)


LINES = st.characters(exclude_characters="\r\n", exclude_categories=["Cs"])


@given(st.lists(st.text(alphabet=LINES), max_size=5))
def test_line(lines):
    text = "\n".join(lines)
    # Like str.split("\n"), except that a final empty line does not count.
    expected = text.split("\n")
    if text == "" or text.endswith("\n"):
        expected.pop()
    for n, line in enumerate(expected):
        assert config.line(text, n) == line
    with pytest.raises(IndexError):
        config.line(text, len(expected))


def test_line_boundaries():
    with pytest.raises(OverflowError):
        config.line("a", -1)
    with pytest.raises(OverflowError):
        config.line("a", 2**64)
    with pytest.raises(IndexError):
        config.line("a", 2**64 - 1)


def test_exceptions_pickle():
    err = pickle.loads(pickle.dumps(config.MissingKeyError("no key")))
    assert type(err) is config.MissingKeyError
    assert err.args == ("no key",)


def test_panic_is_not_an_exception():
    with pytest.raises(BaseException, match="index out of bounds") as info:
        config.line_unchecked("a", 3)
    assert not isinstance(info.value, Exception)
    assert type(info.value).__name__ == "PanicException"
