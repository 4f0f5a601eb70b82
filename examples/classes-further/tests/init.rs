//! What `__init__` needs from `#[new]`, with a real interpreter: `cargo test`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// An `__init__`, and no `#[new]`.
#[pyclass]
struct OnlyInit {
    #[pyo3(get)]
    value: i32,
}

#[pymethods]
impl OnlyInit {
    fn __init__(&mut self, value: i32) {
        self.value = value;
    }
}

#[test]
fn init_without_new_cannot_be_called() {
    Python::initialize();
    Python::attach(|py| {
        let error = py.get_type::<OnlyInit>().call1((1,)).unwrap_err();
        assert!(error.is_instance_of::<PyTypeError>(py));
        assert!(error.to_string().contains("cannot create"), "{error}");
    });
}

/// A base whose `__init__` takes a name.
#[pyclass(subclass)]
struct Named {
    #[pyo3(get)]
    name: String,
}

#[pymethods]
impl Named {
    #[new]
    #[pyo3(signature = (*_args))]
    fn new(_args: &Bound<'_, PyTuple>) -> Self {
        Self {
            name: String::new(),
        }
    }

    fn __init__(&mut self, name: String) {
        self.name = name;
    }
}

/// A Rust subclass with other arguments and no `__init__` of its own.
#[pyclass(extends = Named)]
struct Counted {
    #[pyo3(get)]
    count: u32,
}

#[pymethods]
impl Counted {
    #[new]
    fn new(count: u32) -> PyClassInitializer<Self> {
        let base = Named {
            name: String::new(),
        };
        PyClassInitializer::from(base).add_subclass(Self { count })
    }
}

#[test]
fn a_rust_subclass_inherits_the_base_init() {
    Python::initialize();
    Python::attach(|py| {
        // Counted(3) calls Named.__init__(3), which wants a str.
        let error = py.get_type::<Counted>().call1((3,)).unwrap_err();
        assert!(error.is_instance_of::<PyTypeError>(py));
        assert!(
            error.to_string().contains("not an instance of 'str'"),
            "{error}"
        );
    });
}
