"""The exceptions of the configuration reader, defined in Python."""


# ANCHOR: errors
class ConfigError(Exception):
    """Base class of every error raised while reading a configuration."""


class BadLineError(ConfigError):
    """A line is not of the form `key = value`; `line` is its number."""

    def __init__(self, message: str, line: int) -> None:
        # Both arguments go to `args`, so that copy and pickle rebuild it.
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


# ANCHOR_END: errors
