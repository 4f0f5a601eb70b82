"""Shared test setup: Sphinx's own testing fixtures.

The extensions (docs/_ext) and the model of the examples (examples_model)
are importable through ``pythonpath`` in pyproject.toml's pytest settings.
"""

pytest_plugins = ("sphinx.testing.fixtures",)
