"""Edge cases of the type-conversions page that its session does not show."""

import math
from decimal import Decimal
from fractions import Fraction

import _type_conversions_rs as conv
import pytest
from hypothesis import given
from hypothesis import strategies as st

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
NOT_NUMBERS = st.one_of(st.none(), st.text(), st.binary(), st.lists(st.integers()))


@given(st.integers(I64_MIN, I64_MAX))
def test_i64_round_trips(value):
    assert conv.as_i64(value) == value


@pytest.mark.parametrize("value", [I64_MIN - 1, I64_MAX + 1, 10**100])
def test_i64_overflow(value):
    with pytest.raises(OverflowError):
        conv.as_i64(value)


@given(st.one_of(NOT_NUMBERS, st.floats()))
def test_i64_rejects_non_integers(value):
    with pytest.raises(TypeError):
        conv.as_i64(value)


def test_i64_ignores_dunder_int():
    class OnlyInt:
        def __int__(self):
            return 1

    with pytest.raises(TypeError):
        conv.as_i64(OnlyInt())
    with pytest.raises(TypeError):
        conv.as_i64(Decimal(1))
    with pytest.raises(TypeError):
        conv.as_i64(Fraction(4, 1))


@given(st.integers())
def test_u8_range(value):
    if 0 <= value <= 255:
        assert conv.as_u8(value) == value
    else:
        with pytest.raises(OverflowError):
            conv.as_u8(value)


@given(st.floats())
def test_f64_round_trips(value):
    result = conv.as_f64(value)
    assert result == value or (math.isnan(result) and math.isnan(value))


def test_f64_from_huge_int_and_overflow():
    assert conv.as_f64(2**1000) == float(2**1000)
    with pytest.raises(OverflowError):
        conv.as_f64(2**2000)


@given(NOT_NUMBERS)
def test_f64_rejects_non_numbers(value):
    with pytest.raises(TypeError):
        conv.as_f64(value)


@given(st.one_of(st.integers(), st.floats(), st.none(), st.text()))
def test_bool_accepts_only_bool(value):
    with pytest.raises(TypeError):
        conv.as_bool(value)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_string_round_trips(text):
    assert conv.as_string(text) == text
    assert conv.str_storage(text) in {"borrowed", "copied"}


@given(st.text(min_size=1).map(lambda text: text + "\udfff"))
def test_lone_surrogates_are_refused(text):
    with pytest.raises(UnicodeEncodeError):
        conv.as_string(text)


@given(st.binary(max_size=10_000))
def test_byte_sums_agree(data):
    expected = sum(data)
    assert conv.sum_slice(data) == expected
    assert conv.sum_vec(data) == expected
    assert conv.sum_pybytes(data) == expected
    assert conv.sum_vec(bytearray(data)) == expected
    assert conv.sum_vec(list(data)) == expected
    assert conv.bytes_storage(data) == "borrowed"
    assert conv.bytes_storage(bytearray(data)) == "copied"


@pytest.mark.parametrize("data", [[256], [-1], ["a"], None, 5])
def test_sum_vec_refuses_non_bytes(data):
    with pytest.raises((TypeError, OverflowError)):
        conv.sum_vec(data)


@given(st.lists(st.integers(I64_MIN, I64_MAX), max_size=50), st.integers(0, 9))
def test_copy_versus_in_place(items, value):
    original = list(items)
    assert conv.append_to_copy(items, value) == [*original, value]
    assert items == original
    conv.append_in_place(items, value)
    assert items == [*original, value]


def test_same_object_for_anything():
    for obj in (None, 1, "x", object(), [1]):
        assert conv.same_object(obj) is obj


COORD = st.floats(-1e6, 1e6)


@given(COORD, COORD, COORD, COORD)
def test_distance_every_input_form(ax, ay, bx, by):
    class XY:
        def __init__(self, x, y):
            self.x, self.y = x, y

    expected = math.hypot(ax - bx, ay - by)
    assert conv.distance((ax, ay), {"x": bx, "y": by}) == pytest.approx(expected)
    assert conv.distance(XY(ax, ay), (bx, by)) == pytest.approx(expected)
    # A tuple-struct variant wants a real tuple, not any sequence.
    with pytest.raises(TypeError):
        conv.distance((ax, ay), [bx, by])


@pytest.mark.parametrize("point", [None, (1,), (1, 2, 3), {"x": 1}, "xy", (1, "y")])
def test_distance_rejects_bad_points(point):
    with pytest.raises(TypeError, match="failed to extract enum Point"):
        conv.distance((0, 0), point)


@pytest.mark.parametrize(
    ("policy", "error"),
    [
        ({"name": "a", "retries": -1}, TypeError),
        ({"name": "a", "retries": 2**32}, TypeError),
        ({"name": 3}, TypeError),
        ({}, KeyError),
        ([], TypeError),
    ],
)
def test_describe_policy_errors(policy, error):
    with pytest.raises(error):
        conv.describe_policy(policy)


@given(st.lists(st.floats(-1e6, 1e6), max_size=100))
def test_summarize(values):
    result = conv.summarize(values)
    assert result["count"] == len(values)
    if values:
        assert result["mean"] == pytest.approx(sum(values) / len(values), abs=1e-6)
    else:
        assert result["mean"] is None


@given(st.integers(I64_MIN, I64_MAX))
def test_parse_label_numbers(number):
    assert conv.parse_label(str(number)) == number


def test_parse_label_text_and_overflow():
    assert conv.parse_label("12a") == "12a"
    # Too big for i64: stays text.
    assert conv.parse_label(str(2**63)) == str(2**63)
