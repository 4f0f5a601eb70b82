"""Report how this copy of the module was compiled."""

__all__ = ["add", "build_profile"]

def build_profile() -> str:
    """ "debug" or "release": the Cargo profile this module was built with."""

def add(a: int, b: int) -> int:
    """Add two unsigned 64-bit integers; raise OverflowError if the sum
    does not fit."""
