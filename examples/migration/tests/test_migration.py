"""Written against the Python original first; the Rust module must pass too."""

import array
import hashlib

import _migration_rs
import hashing_py
import pytest
from hypothesis import given
from hypothesis import strategies as st

# ANCHOR: implementations
IMPLEMENTATIONS = [
    pytest.param(hashing_py.calculate_hash, id="python"),
    pytest.param(_migration_rs.calculate_hash, id="rust"),
]


@pytest.fixture(params=IMPLEMENTATIONS)
def calculate_hash(request):
    return request.param


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ],
)
def test_known_digests(calculate_hash, data, expected):
    assert calculate_hash(data) == expected


# ANCHOR_END: implementations


def test_large_and_non_utf8_input(calculate_hash):
    data = bytes(range(256)) * 40_000
    assert calculate_hash(data) == hashlib.sha256(data).hexdigest()


@given(st.binary())
def test_result_is_64_lowercase_hex_digits(data):
    for implementation in (hashing_py.calculate_hash, _migration_rs.calculate_hash):
        digest = implementation(data)
        assert len(digest) == 64
        assert set(digest) <= set("0123456789abcdef")


# ANCHOR: property
@given(st.binary(max_size=100_000))
def test_rust_agrees_with_python_on_every_input(data):
    assert _migration_rs.calculate_hash(data) == hashing_py.calculate_hash(data)


# ANCHOR_END: property


@given(st.binary(max_size=1_000))
def test_bytes_like_inputs_agree(data):
    for value in (bytearray(data), memoryview(data), array.array("B", data)):
        assert _migration_rs.calculate_hash(value) == hashing_py.calculate_hash(value)


@pytest.mark.parametrize("bad", [None, "abc", 42, 1.5, object()])
def test_wrong_types_raise_type_error(calculate_hash, bad):
    with pytest.raises(TypeError):
        calculate_hash(bad)


def test_bytes_only_port_rejects_other_buffers():
    assert _migration_rs.calculate_hash_bytes_only(b"abc") == (
        hashing_py.calculate_hash(b"abc")
    )
    for value in (bytearray(b"abc"), memoryview(b"abc"), "abc", None):
        with pytest.raises(TypeError):
            _migration_rs.calculate_hash_bytes_only(value)


def test_documented_difference_list_of_ints():
    # hashlib wants the buffer protocol; Cow<[u8]> also takes a sequence of ints.
    with pytest.raises(TypeError):
        hashing_py.calculate_hash([97, 98, 99])
    assert _migration_rs.calculate_hash([97, 98, 99]) == hashing_py.calculate_hash(
        b"abc"
    )
    with pytest.raises(OverflowError):
        _migration_rs.calculate_hash([256])


def test_documented_difference_str_message():
    with pytest.raises(TypeError, match="Strings must be encoded before hashing"):
        hashing_py.calculate_hash("abc")
    with pytest.raises(TypeError, match="Can't extract `str` to `Vec`"):
        _migration_rs.calculate_hash("abc")


@given(st.lists(st.integers(min_value=0, max_value=2**16 - 1), min_size=1))
def test_documented_difference_wide_array_items(items):
    wide = array.array("H", items)
    # hashlib hashes the raw memory; the port hashes each item as one byte,
    # or rejects items that do not fit in one.
    assert hashing_py.calculate_hash(wide) == hashing_py.calculate_hash(wide.tobytes())
    if all(item < 256 for item in items):
        assert _migration_rs.calculate_hash(wide) == hashing_py.calculate_hash(
            bytes(items)
        )
        assert _migration_rs.calculate_hash(wide) != hashing_py.calculate_hash(wide)
    else:
        with pytest.raises(OverflowError):
            _migration_rs.calculate_hash(wide)


def test_callers_keep_their_import():
    import hashing

    assert hashing.calculate_hash is _migration_rs.calculate_hash
    assert hashing.calculate_hash(b"abc") == hashing_py.calculate_hash(b"abc")
