"""Make the Python original importable next to the Rust module."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "python"))
