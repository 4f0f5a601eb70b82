"""Weather station readings: summaries of ``<station>;<temperature>`` lines."""

# ANCHOR: fallback
try:
    from ._stations_rs import summarize
except ModuleNotFoundError:
    # Installed without the compiled module (from source, on a platform
    # without a wheel): the same function, slower.  A compiled module that
    # exists but fails to load raises ImportError, which is not caught here.
    from ._stations_py import summarize
# ANCHOR_END: fallback

__all__ = ["summarize"]
