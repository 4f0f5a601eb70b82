"""Answers about the examples for the noxfile, one per line on stdout.

python -m examples_model module examples/project-structure/wordstats-py
python -m examples_model pure-crates
python -m examples_model rust-tested-crates
"""

from __future__ import annotations

import sys
from pathlib import Path

from examples_model.crates import (
    BindingCrate,
    NotABindingCrate,
    pure_crates,
    rust_tested_crates,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main(argv: list[str]) -> int:
    match argv:
        case ["module", folder]:
            try:
                print(BindingCrate.read(Path(folder)).module)
            except NotABindingCrate as error:
                print(f"error: {error}", file=sys.stderr)
                return 1
        case ["pure-crates"]:
            print("\n".join(pure_crates(EXAMPLES)))
        case ["rust-tested-crates"]:
            print("\n".join(rust_tested_crates(EXAMPLES)))
        case _:
            print(__doc__, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
