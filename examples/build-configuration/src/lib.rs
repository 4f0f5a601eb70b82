//! A small module built two ways, with maturin and with setuptools-rust,
//! so that the build-configuration page can show what each produces.

// ANCHOR: module
/// Report how this copy of the module was compiled.
#[pyo3::pymodule]
mod _build_configuration_rs {
    use pyo3::exceptions::PyOverflowError;
    use pyo3::prelude::*;

    /// "debug" or "release": the Cargo profile this module was built with.
    #[pyfunction]
    fn build_profile() -> &'static str {
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    }

    /// Add two unsigned 64-bit integers; raise OverflowError if the sum
    /// does not fit.
    #[pyfunction]
    fn add(a: u64, b: u64) -> PyResult<u64> {
        a.checked_add(b)
            .ok_or_else(|| PyOverflowError::new_err(format!("{a} + {b} does not fit in 64 bits")))
    }
}
// ANCHOR_END: module
