# This file shows the unittest style on purpose, so the pytest-style rules
# do not apply.
# ruff: noqa: PT009, PT027
"""The bindings' own tests, unittest style: pytest runs these classes too.

The logic is tested in Rust (``cargo test -p wordstats``); these tests only
check what the binding layer adds: conversions, defaults and errors.
"""

from __future__ import annotations

import tempfile
import unittest
from pathlib import Path

# ANCHOR: unittest
from wordstats import _wordstats_rs


class TestWordstatsBindings(unittest.TestCase):
    def test_word_count_returns_an_int(self) -> None:
        self.assertEqual(_wordstats_rs.word_count("one, two;three"), 3)

    def test_most_common_defaults_to_three(self) -> None:
        ranked = _wordstats_rs.most_common("d c c b b b a a a a")
        self.assertEqual(ranked, [("a", 4), ("b", 3), ("c", 2)])

    def test_pairs_come_back_as_tuples(self) -> None:
        [pair] = _wordstats_rs.most_common("word", 1)
        self.assertIsInstance(pair, tuple)

    def test_wrong_type_is_a_type_error(self) -> None:
        with self.assertRaises(TypeError):
            _wordstats_rs.word_count(b"bytes are not text")

    def test_negative_count_is_an_overflow_error(self) -> None:
        with self.assertRaises(OverflowError):
            _wordstats_rs.most_common("a b", -1)


# ANCHOR_END: unittest


class TestEdgeCases(unittest.TestCase):
    def test_empty_text(self) -> None:
        self.assertEqual(_wordstats_rs.word_count(""), 0)
        self.assertEqual(_wordstats_rs.most_common("", 5), [])

    def test_zero_requested(self) -> None:
        self.assertEqual(_wordstats_rs.most_common("a a b", 0), [])

    def test_huge_count_returns_everything(self) -> None:
        self.assertEqual(
            _wordstats_rs.most_common("b a b", 2**64 - 1), [("b", 2), ("a", 1)]
        )

    def test_none_is_rejected(self) -> None:
        for bad in (None, 1, 1.5, ["a"]):
            with self.subTest(bad=bad), self.assertRaises(TypeError):
                _wordstats_rs.word_count(bad)

    def test_lone_surrogate_cannot_cross(self) -> None:
        # A str that is not valid UTF-8 cannot become a Rust &str.
        with self.assertRaises(UnicodeEncodeError):
            _wordstats_rs.word_count("\udcff")

    def test_no_words_is_a_value_error_with_the_rust_message(self) -> None:
        for text in ("", " ,;. "):
            with self.subTest(text=text):
                with self.assertRaisesRegex(ValueError, "^the text has no words"):
                    _wordstats_rs.mean_word_length(text)
                with self.assertRaisesRegex(ValueError, "^the text has no words"):
                    _wordstats_rs.Summary(text)

    def test_summary_agrees_with_the_functions(self) -> None:
        summary = _wordstats_rs.Summary("Größe matters")
        self.assertEqual(summary.words, 2)
        self.assertEqual(summary.mean_length, 6.0)


class TestPythonPackage(unittest.TestCase):
    """The package's own Python code, around the compiled module."""

    def test_package_reexports_the_compiled_functions(self) -> None:
        import wordstats

        for name in _wordstats_rs.__all__:
            self.assertIs(getattr(wordstats, name), getattr(_wordstats_rs, name))

    def test_summarize_file_decodes_with_the_given_encoding(self) -> None:
        import wordstats

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "latin1.txt")
            path.write_bytes("Größe".encode("latin-1"))
            self.assertEqual(
                wordstats.summarize_file(path, encoding="latin-1").mean_length, 5.0
            )
            with self.assertRaises(UnicodeDecodeError):
                wordstats.summarize_file(path)


if __name__ == "__main__":
    unittest.main()
