"""The Python original that the Rust module replaces."""

# ANCHOR: original
import hashlib


def calculate_hash(data: bytes) -> str:
    """Return the SHA-256 digest of data as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


# ANCHOR_END: original
