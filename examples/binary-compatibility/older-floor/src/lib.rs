//! The borrowing functions of the binary-compatibility example, built for
//! the stable ABI of Python 3.9.  The buffer protocol is not part of that
//! ABI, so the bytes arrive as a copy.

// ANCHOR: module
/// Borrowing and copying under the stable ABI of Python 3.9.
#[pyo3::pymodule]
mod _binary_compatibility_older_floor_rs {
    use pyo3::prelude::*;
    use std::borrow::Cow;

    /// "borrowed" if the text points into the Python str, "copied" if not.
    #[pyfunction]
    fn str_storage(text: Cow<'_, str>) -> &'static str {
        match text {
            Cow::Borrowed(_) => "borrowed",
            Cow::Owned(_) => "copied",
        }
    }

    /// The address of the bytes as Rust sees them: a copy, under abi3-py39.
    #[pyfunction]
    fn buffer_address(data: Vec<u8>) -> usize {
        data.as_ptr() as usize
    }
}
// ANCHOR_END: module
