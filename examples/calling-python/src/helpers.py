"""Python code that the extension module compiles in and runs from Rust."""

import re
import unicodedata


def slugify(text: str) -> str:
    """The ASCII letters and digits of text, lower-cased, joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore")
    words = re.findall(r"[a-z0-9]+", ascii_text.decode().lower())
    if not words:
        raise ValueError(f"no letters or digits in {text!r}")
    return "-".join(words)
