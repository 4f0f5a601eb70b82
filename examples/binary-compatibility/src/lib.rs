//! One compiled module for every CPython from 3.9 on: built against the
//! limited API (abi3), it asks the running interpreter for its version
//! instead of assuming the one it was compiled with.

// ANCHOR: module
/// Facts about the interpreter that loaded this module.
#[pyo3::pymodule]
mod _binary_compatibility_rs {
    use pyo3::prelude::*;

    /// The (major, minor) version of the Python running this module.
    #[pyfunction]
    fn running_python(py: Python<'_>) -> (u8, u8) {
        let version = py.version_info();
        (version.major, version.minor)
    }

    /// True if the running Python is at least major.minor.
    #[pyfunction]
    fn python_at_least(py: Python<'_>, major: u8, minor: u8) -> bool {
        py.version_info() >= (major, minor)
    }
}
// ANCHOR_END: module
