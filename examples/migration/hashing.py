"""The module callers import, after the migration.

Before it, this file held the Python function (kept as ``hashing_py.py`` so
that the tests and benchmarks can compare the two).  Now it re-exports the
Rust one, so no caller changes an import.
"""

# ANCHOR: reexport
from _migration_rs import calculate_hash

__all__ = ["calculate_hash"]
# ANCHOR_END: reexport
