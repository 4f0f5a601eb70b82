"""Borrowing and copying under the stable ABI of Python 3.9."""

__all__ = ["buffer_address", "str_storage"]

def str_storage(text: str) -> str:
    """ "borrowed" if the text points into the Python str, "copied" if not."""

def buffer_address(data: bytes | bytearray | memoryview) -> int:
    """The address of the bytes as Rust sees them: a copy, under abi3-py39."""
