"""The same bindings tested pytest style, with properties that hypothesis checks."""

from __future__ import annotations

# ANCHOR: pytest
import pytest
from hypothesis import given
from hypothesis import strategies as st
from wordstats import _wordstats_rs


@given(st.text(), st.integers(min_value=0, max_value=50))
def test_most_common_agrees_with_word_count(text: str, n: int) -> None:
    ranked = _wordstats_rs.most_common(text, n)
    assert len(ranked) <= n
    everything = _wordstats_rs.most_common(text, 2**32)
    assert sum(count for _, count in everything) == _wordstats_rs.word_count(text)
    # Most frequent first; ties in alphabetical order.
    assert everything == sorted(everything, key=lambda pair: (-pair[1], pair[0]))
    assert ranked == everything[:n]


@pytest.mark.parametrize("bad", [None, b"text", 42, ["a b"]])
def test_text_must_be_a_str(bad: object) -> None:
    with pytest.raises(TypeError):
        _wordstats_rs.word_count(bad)  # type: ignore[arg-type]


# ANCHOR_END: pytest
