"""Edge cases of the performance examples that the page does not show."""

import threading

import _performance_rs as perf
import pytest
from hypothesis import given
from hypothesis import strategies as st

CHECKSUMS = [perf.checksum_slice, perf.checksum_cow, perf.checksum_vec]
MAKERS = [perf.make_vec, perf.make_pybytes, perf.make_new_with]
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@given(st.lists(finite), finite)
def test_batch_matches_per_item(values, factor):
    assert perf.scale_all(values, factor) == [perf.scale(v, factor) for v in values]


@pytest.mark.parametrize("bad", [None, "1.0", [None], [1.0, "x"], {1.0: 2}])
def test_scale_all_rejects_non_numbers(bad):
    with pytest.raises(TypeError):
        perf.scale_all(bad, 2.0)


@given(st.integers(min_value=0, max_value=20_000))
def test_spin_same_result_attached_or_detached(iterations):
    assert perf.spin_attached(iterations) == perf.spin_detached(iterations)


@pytest.mark.parametrize("bad", [-1, 2**64, None, 1.5])
def test_spin_rejects_bad_counts(bad):
    with pytest.raises((OverflowError, TypeError)):
        perf.spin_detached(bad)


def test_detached_calls_run_in_threads():
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(perf.spin_detached(10_000)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [perf.spin_attached(10_000)] * 4


@given(st.integers(min_value=0, max_value=4096))
def test_all_makers_agree(length):
    made = [make(length) for make in MAKERS]
    assert all(type(m) is bytes and len(m) == length for m in made)
    assert made[0] == made[1] == made[2]


@pytest.mark.parametrize("make", MAKERS)
@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (-1, OverflowError),
        (2**64, OverflowError),
        (None, TypeError),
        (1 << 31, ValueError),
    ],
)
def test_makers_reject_bad_lengths(make, bad, error):
    with pytest.raises(error):
        make(bad)


@given(st.binary(max_size=10_000))
def test_checksums_agree_on_bytes(data):
    assert [f(data) for f in CHECKSUMS] == [sum(data)] * 3


@given(st.binary(max_size=1_000))
def test_cow_and_vec_accept_bytearray_and_memoryview(data):
    for value in (bytearray(data), memoryview(data), list(data)):
        assert perf.checksum_cow(value) == perf.checksum_vec(value) == sum(data)
        assert not perf.cow_borrows(value)
    assert perf.cow_borrows(data)


@pytest.mark.parametrize("function", CHECKSUMS)
@pytest.mark.parametrize("bad", [None, "abc", 42, [256], [-1], {"a": 1}])
def test_checksums_reject_non_bytes(function, bad):
    with pytest.raises((TypeError, OverflowError)):
        function(bad)


def test_slice_rejects_everything_but_bytes():
    for value in (bytearray(b"x"), memoryview(b"x"), [1]):
        with pytest.raises(TypeError, match="is not an instance of 'bytes'"):
            perf.checksum_slice(value)
