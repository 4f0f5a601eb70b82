"""Build the same crate with setuptools-rust instead of maturin."""

# ANCHOR: setup-py
from setuptools import setup
from setuptools_rust import Binding, RustExtension

setup(
    rust_extensions=[
        RustExtension(
            # The import name, equal to [lib] name in Cargo.toml.
            "_build_configuration_rs",
            path="../Cargo.toml",
            binding=Binding.PyO3,
        ),
    ],
    # Tag the wheel cp311-abi3; setuptools-rust then also enables
    # pyo3's abi3-py311 feature for the build.
    options={"bdist_wheel": {"py_limited_api": "cp311"}},
    zip_safe=False,
)
# ANCHOR_END: setup-py
