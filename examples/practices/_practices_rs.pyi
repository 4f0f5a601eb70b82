"""Proofs for the rules on the practices page."""

from typing import final

__all__ = ["Celsius", "reading"]

@final
class Celsius:
    """A temperature in degrees Celsius."""

    def __new__(cls, degrees: float) -> Celsius:
        """Becomes `Celsius.__new__`: the object is built complete, in one step."""
    @property
    def degrees(self) -> float: ...

def reading(temperature: Celsius) -> dict[str, float]:
    """Convert a temperature to both scales."""
