"""Facts about the interpreter that loaded this module."""

__all__ = ["buffer_address", "python_at_least", "running_python", "str_storage"]

def running_python() -> tuple[int, int]:
    """The (major, minor) version of the Python running this module."""

def python_at_least(major: int, minor: int) -> bool:
    """True if the running Python is at least major.minor."""

def str_storage(text: str) -> str:
    """ "borrowed" if the text points into the Python str, "copied" if not."""

def buffer_address(data: bytes | bytearray | memoryview) -> int:
    """The address of the bytes as Rust sees them: the object's own memory,
    through the buffer protocol, part of the stable ABI since 3.11."""
