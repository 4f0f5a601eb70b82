//! One compiled module for every CPython from 3.11 on: built against the
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

    // ANCHOR: borrowing
    use pyo3::buffer::PyBuffer;
    use std::borrow::Cow;

    /// "borrowed" if the text points into the Python str, "copied" if not.
    #[pyfunction]
    fn str_storage(text: Cow<'_, str>) -> &'static str {
        match text {
            Cow::Borrowed(_) => "borrowed",
            Cow::Owned(_) => "copied",
        }
    }

    /// The address of the bytes as Rust sees them: the object's own memory,
    /// through the buffer protocol, part of the stable ABI since 3.11.
    #[pyfunction]
    fn buffer_address(data: PyBuffer<u8>) -> usize {
        data.buf_ptr() as usize
    }
    // ANCHOR_END: borrowing
}
// ANCHOR_END: module
