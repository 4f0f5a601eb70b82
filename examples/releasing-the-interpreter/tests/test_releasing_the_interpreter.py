"""Edge cases of the releasing-the-interpreter page that its session does not show."""

import threading
import zlib

import _releasing_the_interpreter_rs as rt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def primes_below(limit):
    sieve = bytearray([1]) * max(limit, 2)
    sieve[0] = sieve[1] = 0
    for n in range(2, int(limit**0.5) + 1):
        if sieve[n]:
            sieve[n * n :: n] = bytearray(len(sieve[n * n :: n]))
    return sum(sieve[:limit])


@settings(max_examples=50)
@given(st.binary(max_size=20_000))
def test_checksum_matches_zlib(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("sum") / "data.bin"
    path.write_bytes(data)
    assert rt.checksum_file(path) == zlib.adler32(data)


def test_checksum_of_long_run_of_0xff(tmp_path):
    # Many 0xff bytes stress the modulo reduction.
    data = b"\xff" * 1_000_000
    path = tmp_path / "ff.bin"
    path.write_bytes(data)
    assert rt.checksum_file(path) == zlib.adler32(data)


def test_checksum_errors(tmp_path):
    with pytest.raises(IsADirectoryError):
        rt.checksum_file(tmp_path)
    with pytest.raises(TypeError):
        rt.checksum_file(None)


@given(st.integers(min_value=0, max_value=3000))
def test_count_primes(limit):
    assert (
        rt.count_primes(limit) == rt.count_primes_attached(limit) == primes_below(limit)
    )


@pytest.mark.parametrize("bad", [-1, 2**64])
def test_count_primes_out_of_range(bad):
    with pytest.raises(OverflowError):
        rt.count_primes(bad)


@pytest.mark.parametrize("bad", [None, 1.5, "10"])
def test_count_primes_wrong_type(bad):
    with pytest.raises(TypeError):
        rt.count_primes(bad)


@given(
    st.lists(st.integers(min_value=-(2**31), max_value=2**31), max_size=30),
    st.integers(min_value=1, max_value=12),
)
def test_map_in_threads_keeps_order(items, threads):
    assert rt.map_in_threads(lambda x: x * 2, items, threads) == [x * 2 for x in items]


def test_map_in_threads_never_runs_on_the_calling_thread():
    idents = set()
    rt.map_in_threads(lambda x: idents.add(threading.get_ident()), range(20), 3)
    assert idents
    assert threading.get_ident() not in idents


def test_map_in_threads_empty():
    assert rt.map_in_threads(lambda x: 1 / 0, []) == []


@pytest.mark.parametrize(
    ("func", "items", "error"),
    [
        (None, [1], TypeError),
        (lambda x: x, "123", TypeError),
        (lambda x: x, [1, "2"], TypeError),
        (lambda x: x, [2**63], OverflowError),
        (lambda x: x, None, TypeError),
    ],
)
def test_map_in_threads_bad_input(func, items, error):
    with pytest.raises(error):
        rt.map_in_threads(func, items)


def test_map_in_threads_first_error_in_item_order():
    def fail_on_odd(x):
        if x % 2:
            raise KeyError(x)
        return x

    with pytest.raises(KeyError) as info:
        rt.map_in_threads(fail_on_odd, [0, 2, 3, 5], threads=4)
    assert info.value.args == (3,)
