"""Word statistics: a compiled core, and helpers that are easier in Python."""

from __future__ import annotations

# ANCHOR: init
import os
from pathlib import Path

from ._wordstats_rs import Summary, mean_word_length, most_common, word_count

__all__ = ["Summary", "mean_word_length", "most_common", "summarize_file", "word_count"]


def summarize_file(path: str | os.PathLike[str], encoding: str = "utf-8") -> Summary:
    """Summarize a text file: Python opens and decodes it, Rust does the counting."""
    return Summary(Path(path).read_text(encoding=encoding))


# ANCHOR_END: init
