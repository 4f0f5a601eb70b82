"""A configuration reader: exceptions defined in Python, raised from Rust."""

from ._exceptions_further_rs import load, parse
from .errors import BadLineError, ConfigError

__all__ = ["BadLineError", "ConfigError", "load", "parse"]
