"""Facts about the interpreter that loaded this module."""

__all__ = ["python_at_least", "running_python"]

def running_python() -> tuple[int, int]:
    """The (major, minor) version of the Python running this module."""

def python_at_least(major: int, minor: int) -> bool:
    """True if the running Python is at least major.minor."""
