//! The bindings called from Rust, with a real interpreter: `cargo test`.

// ANCHOR: rust-test
use _handles_rs::_handles_rs::largest;
use pyo3::prelude::*;
use pyo3::types::PyList;

#[test]
fn largest_returns_the_item_itself() {
    // A test binary is not started by Python: start the interpreter first.
    Python::initialize();
    Python::attach(|py| {
        let words = PyList::new(py, ["pear", "zucchini", "fig"]).unwrap();
        let best = largest(words.as_any()).unwrap();
        assert!(best.is(words.get_item(1).unwrap()));
    });
}

#[test]
fn largest_of_nothing_is_a_value_error() {
    Python::initialize();
    Python::attach(|py| {
        let error = largest(PyList::empty(py).as_any()).unwrap_err();
        assert!(error.is_instance_of::<pyo3::exceptions::PyValueError>(py));
    });
}
// ANCHOR_END: rust-test
