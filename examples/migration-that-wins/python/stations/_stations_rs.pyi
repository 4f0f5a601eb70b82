"""Stub of the compiled module, stations._stations_rs."""

__all__ = ["summarize"]

def summarize(text: str) -> dict[str, tuple[float, float, float]]: ...
