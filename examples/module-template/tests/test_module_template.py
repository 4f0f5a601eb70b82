"""Edge cases of both module-template crates that the page's session does not show."""

import _module_template_imperative_rs as imperative
import _module_template_rs as versions
import pytest
from hypothesis import given
from hypothesis import strategies as st

PART = st.integers(min_value=0, max_value=versions.MAX_PART)
PARTS = st.tuples(PART, PART, PART)
INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@given(PARTS)
def test_parse_round_trips_through_str(parts):
    text = ".".join(map(str, parts))
    version = versions.parse(text)
    assert str(version) == text
    assert version == versions.Version(*parts)
    assert (version.major, version.minor, version.patch) == parts
    assert hash(version) == hash(versions.Version(*parts))


@given(PARTS, PARTS)
def test_ordering_is_the_ordering_of_the_parts(left, right):
    a, b = versions.Version(*left), versions.Version(*right)
    assert (a < b) == (left < right)
    assert (a <= b) == (left <= right)
    assert (a == b) == (left == right)


@given(st.lists(PARTS, max_size=20))
def test_newest_is_the_maximum(parts):
    found = versions.compare.newest([versions.Version(*p) for p in parts])
    if parts:
        assert found == versions.Version(*max(parts))
    else:
        assert found is None


@pytest.mark.parametrize(
    "text", ["", "1", "1.2", "1.2.3.4", "a.b.c", "1..3", "1.2.-3", "1.2.3x"]
)
def test_parse_rejects_malformed_text(text):
    with pytest.raises(ValueError, match=r"expected MAJOR\.MINOR\.PATCH|not a whole"):
        versions.parse(text)


def test_parts_above_the_maximum_are_value_errors():
    too_big = versions.MAX_PART + 1
    with pytest.raises(ValueError, match="is larger than"):
        versions.Version(too_big, 0, 0)
    with pytest.raises(ValueError, match="is larger than"):
        versions.parse(f"0.0.{too_big}")
    with pytest.raises(ValueError, match="is not a whole number"):
        versions.parse(f"0.0.{2**64}")


@pytest.mark.parametrize("bad", [-1, 2**64])
def test_parts_outside_u64_are_overflow_errors(bad):
    with pytest.raises(OverflowError):
        versions.Version(bad, 0, 0)


@pytest.mark.parametrize("bad", [None, 1.5, "1", b"1"])
def test_parts_must_be_ints(bad):
    with pytest.raises(TypeError):
        versions.Version(bad, 0, 0)


def test_versions_do_not_order_against_other_types():
    with pytest.raises(TypeError):
        versions.Version(1, 0, 0) < (1, 0, 0)  # noqa: B015
    assert versions.Version(1, 0, 0) != (1, 0, 0)


@given(INT64)
def test_imperative_double_saturates(x):
    expected = max(-(2**63), min(2**63 - 1, 2 * x))
    assert imperative.double(x) == expected
    assert imperative.helpers.double(x) == expected


def test_imperative_counter_cannot_be_created_from_python():
    with pytest.raises(TypeError):
        imperative.Counter()
