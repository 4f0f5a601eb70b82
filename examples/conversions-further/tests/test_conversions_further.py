"""Edge cases of the conversions-further page that its session does not show."""

import sys
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta, timezone

import _conversions_further_rs as conv
import pytest
from hypothesis import given
from hypothesis import strategies as st

NAMES = st.text(max_size=8)
AMOUNTS = st.integers(-(10**6), 10**6).map(float)
PAIRS = st.lists(st.tuples(NAMES, AMOUNTS), max_size=20)


@given(PAIRS)
def test_totals_sum_per_name(pairs):
    expected = defaultdict(float)
    for name, amount in pairs:
        expected[name] += amount
    sorted_totals = conv.totals_sorted(pairs)
    assert sorted_totals == expected
    assert list(sorted_totals) == sorted(expected)  # Rust's str order is Python's
    assert conv.totals_hashed(pairs) == expected


def test_totals_accept_any_sequence_of_pairs():
    assert conv.totals_sorted((("a", 1), ("a", 2))) == {"a": 3.0}


@given(st.dictionaries(NAMES, AMOUNTS, max_size=20), AMOUNTS)
def test_names_over(amounts, limit):
    over = conv.names_over(amounts, limit)
    assert type(over) is set
    assert over == {name for name, amount in amounts.items() if amount > limit}


def test_names_over_refuses_pairs():
    with pytest.raises(TypeError, match="'list' object is not an instance of 'dict'"):
        conv.names_over([("a", 1.0)], 0)


SETS = st.sets(st.integers(-(2**63), 2**63 - 1), max_size=20)


@given(SETS, SETS)
def test_common_sorted(a, b):
    expected = sorted(a & b)
    assert conv.common_sorted(a, b) == expected
    assert conv.common_sorted(frozenset(a), frozenset(b)) == expected


def test_common_sorted_refuses_iterables_and_dicts():
    for not_a_set in ([1], (1,), {1: "one"}, iter({1})):
        with pytest.raises(TypeError, match="is not an instance of 'set'"):
            conv.common_sorted(not_a_set, {1})
        with pytest.raises(TypeError, match="is not an instance of 'set'"):
            conv.common_sorted({1}, not_a_set)


@given(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_hex_color(rgb):
    expected = "#{:02x}{:02x}{:02x}".format(*rgb)
    assert conv.hex_color(rgb) == conv.hex_color(list(rgb)) == expected
    assert conv.hex_color(bytes(rgb)) == conv.hex_color(bytearray(rgb)) == expected


@pytest.mark.parametrize("wrong", [(), (1,), (1, 2, 3, 4), b"", b"abcd"])
def test_hex_color_wrong_length(wrong):
    with pytest.raises(ValueError, match=r"expected a sequence of length 3 \(got"):
        conv.hex_color(wrong)


def test_a_str_is_a_sequence_to_an_array_but_its_items_are_not_ints():
    with pytest.raises(TypeError, match="'str' object cannot be interpreted"):
        conv.hex_color("abc")


def test_midpoint_accepts_only_tuples_of_two():
    assert conv.midpoint((1, 2), (3, 4)) == (2.0, 3.0)
    for wrong in ([1, 2], (1,), (1, 2, 3), {1, 2}):
        with pytest.raises((TypeError, ValueError)):
            conv.midpoint(wrong, (0, 0))


@given(st.binary(max_size=64), st.integers(0, 255))
def test_xor_bytes_returns_bytes_whatever_comes_in(data, key):
    expected = bytes(byte ^ key for byte in data)
    for given_as in (data, bytearray(data), list(data), tuple(data), memoryview(data)):
        result = conv.xor_bytes(given_as, key)
        assert type(result) is bytes
        assert result == expected


@given(st.binary(max_size=64))
def test_byte_list(data):
    assert conv.byte_list(data) == list(data)


@pytest.mark.parametrize("key", [-1, 256])
def test_xor_key_must_be_a_byte(key):
    with pytest.raises(OverflowError):
        conv.xor_bytes(b"a", key)


@given(st.lists(st.text(max_size=10), max_size=10), st.text(max_size=3))
def test_vocabulary_matches_python(words, part):
    vocabulary = conv.Vocabulary(words)
    assert vocabulary.count_containing(part) == sum(part in word for word in words)
    longest = vocabulary.longest()
    if not words:
        assert longest is None
    else:
        length = max(map(len, words))
        # The last of the longest words, as Rust's max_by_key picks it.
        assert longest is [word for word in words if len(word) == length][-1]
        assert conv.longest_copied(words) == longest


def test_vocabulary_keeps_its_strings_alive():
    words = ["".join(["é"] * 10), "short"]
    first = words[0]
    before = sys.getrefcount(first)
    vocabulary = conv.Vocabulary(words)
    assert sys.getrefcount(first) == before + 1
    del words
    assert vocabulary.longest() is first
    del vocabulary
    assert sys.getrefcount(first) == before - 1


def test_vocabulary_refuses_lone_surrogates():
    with pytest.raises(UnicodeEncodeError):
        conv.Vocabulary(["\ud800"])


def test_hold_bytes_copies_a_bytearray():
    data = bytearray(b"abc")
    held = conv.hold_bytes(data)
    data[0] = 0
    assert held == b"abc"
    assert type(held) is bytes


DATETIMES = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@given(st.dates(max_value=date(9999, 12, 30)))
def test_next_day(day):
    assert conv.next_day(day) == day + timedelta(days=1)


@given(DATETIMES, st.timedeltas(min_value=timedelta(days=-(10**6))))
def test_shift_matches_python(moment, by):
    try:
        expected = moment + by
    except OverflowError:
        with pytest.raises(ValueError, match="out of range"):
            conv.shift(moment, by)
    else:
        assert conv.shift(moment, by) == expected


@given(DATETIMES, DATETIMES)
def test_elapsed_naive(start, end):
    assert conv.elapsed_naive(start, end) == end - start


@given(DATETIMES, OFFSETS, DATETIMES, OFFSETS)
def test_elapsed_aware_and_to_utc(start, start_zone, end, end_zone):
    start, end = start.replace(tzinfo=start_zone), end.replace(tzinfo=end_zone)
    assert conv.elapsed_aware(start, end) == end - start
    utc = conv.to_utc(start)
    assert utc == start
    assert utc.tzinfo is UTC


def test_utc_only_takes_an_offset_equal_to_utc():
    noon = datetime(2024, 6, 1, 12, tzinfo=timezone(timedelta(0)))
    assert conv.hour_later_utc(noon) == noon + timedelta(hours=1)
    with pytest.raises(ValueError, match=r"expected datetime\.timezone\.utc"):
        conv.hour_later_utc(noon.replace(tzinfo=timezone(timedelta(minutes=1))))


def test_results_past_the_year_9999_are_value_errors():
    with pytest.raises(ValueError, match="year 10000 is out of range"):
        conv.hour_later_utc(datetime(9999, 12, 31, 23, 30, tzinfo=UTC))
    with pytest.raises(ValueError, match="year 0 is out of range"):
        conv.to_utc(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))))
