//! Calling Python from Rust: importing modules, calling callbacks, running
//! Python code, and keeping Python objects between calls.

/// Rust that calls Python: imports, callbacks, code and kept callbacks.
#[pyo3::pymodule]
mod _calling_python_rs {
    use pyo3::exceptions::{PyConnectionError, PyTypeError, PyValueError};
    use pyo3::ffi::c_str;
    use pyo3::prelude::*;
    use pyo3::sync::PyOnceLock;
    use pyo3::types::{IntoPyDict, PyDict, PyTuple, PyType};
    use pyo3::{PyTraverseError, PyVisit};
    use std::collections::HashMap;
    use std::ffi::CString;

    // ANCHOR: import
    /// `obj` as JSON text with sorted keys, made by Python's `json` module.
    #[pyfunction]
    fn to_json(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<String> {
        let json = py.import("json")?;
        let options = [("sort_keys", true)].into_py_dict(py)?;
        json.call_method("dumps", (obj,), Some(&options))?.extract()
    }
    // ANCHOR_END: import

    // ANCHOR: cached-import
    /// `cents / 100` as an exact `decimal.Decimal`: 1999 gives 19.99.
    #[pyfunction]
    fn from_cents(py: Python<'_>, cents: i64) -> PyResult<Bound<'_, PyAny>> {
        // Imported on the first call only; later calls reuse the class.
        static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        DECIMAL
            .import(py, "decimal", "Decimal")?
            .call1((cents,))?
            .call_method1("scaleb", (-2,))
    }
    // ANCHOR_END: cached-import

    // ANCHOR: callback
    /// Call `func(attempt=n)` for n = 1, 2, ... until a call does not raise
    /// `ConnectionError`, at most `attempts` times; return its result.
    /// Any other exception, and the last `ConnectionError`, is raised.
    #[pyfunction]
    fn retry<'py>(func: &Bound<'py, PyAny>, attempts: u32) -> PyResult<Bound<'py, PyAny>> {
        if attempts == 0 {
            return Err(PyValueError::new_err("attempts must be at least 1"));
        }
        let py = func.py();
        let mut attempt = 1;
        loop {
            let kwargs = [("attempt", attempt)].into_py_dict(py)?;
            match func.call((), Some(&kwargs)) {
                Err(err) if err.is_instance_of::<PyConnectionError>(py) && attempt < attempts => {
                    attempt += 1;
                }
                result => return result,
            }
        }
    }
    // ANCHOR_END: callback

    // ANCHOR: eval-run
    /// The value of the Python expression `expression`, in which the
    /// keyword arguments are variables.  Like `eval()`, it runs any code.
    #[pyfunction]
    #[pyo3(signature = (expression, **variables))]
    fn evaluate<'py>(
        py: Python<'py>,
        expression: &str,
        variables: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let code = CString::new(expression)?;
        // Without a dict of its own, the code would run in `__main__`.
        let globals = variables.cloned().unwrap_or_else(|| PyDict::new(py));
        py.eval(&code, Some(&globals), None)
    }

    /// Run the Python statements in `source`, such as a settings file, and
    /// return the names they define.  Like `exec()`, it runs any code.
    #[pyfunction]
    fn load_settings<'py>(py: Python<'py>, source: &str) -> PyResult<Bound<'py, PyDict>> {
        let namespace = PyDict::new(py);
        py.run(&CString::new(source)?, Some(&namespace), None)?;
        // `run` put Python's builtins there for the code to use.
        namespace.del_item("__builtins__")?;
        Ok(namespace)
    }
    // ANCHOR_END: eval-run

    // ANCHOR: from-code
    /// The module that src/helpers.py defines, compiled into this library
    /// and created the first time it is needed.
    fn helpers(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
        static HELPERS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
        HELPERS
            .get_or_try_init(py, || {
                let code = c_str!(include_str!("helpers.py"));
                PyModule::from_code(py, code, c"helpers.py", c"_calling_python_rs.helpers")
                    .map(Bound::unbind)
            })
            .map(|module| module.bind(py))
    }

    /// `text` as a URL slug, made by `slugify` in helpers.py.
    #[pyfunction]
    fn slugify(py: Python<'_>, text: &str) -> PyResult<String> {
        helpers(py)?.call_method1("slugify", (text,))?.extract()
    }
    // ANCHOR_END: from-code

    // ANCHOR: registry
    /// Callbacks by event name, called in the order they were connected.
    #[pyclass]
    #[derive(Default)]
    struct Registry {
        callbacks: HashMap<String, Vec<Py<PyAny>>>,
    }

    #[pymethods]
    impl Registry {
        #[new]
        fn new() -> Self {
            Self::default()
        }

        /// Call `callback` on every later `emit(event, ...)`.
        fn connect(&mut self, event: String, callback: Bound<'_, PyAny>) -> PyResult<()> {
            if !callback.is_callable() {
                let name = callback.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "'{name}' object is not callable"
                )));
            }
            self.callbacks
                .entry(event)
                .or_default()
                .push(callback.unbind());
            Ok(())
        }

        /// Call each callback of `event` with `args`; return their results.
        #[pyo3(signature = (event, *args))]
        fn emit<'py>(
            slf: &Bound<'py, Self>,
            event: &str,
            args: &Bound<'py, PyTuple>,
        ) -> PyResult<Vec<Bound<'py, PyAny>>> {
            let py = slf.py();
            // New references, taken while the registry is borrowed for this
            // one statement: the callbacks then run with it unborrowed.
            let callbacks: Vec<Py<PyAny>> = match slf.try_borrow()?.callbacks.get(event) {
                Some(list) => list.iter().map(|callback| callback.clone_ref(py)).collect(),
                None => Vec::new(),
            };
            callbacks
                .iter()
                .map(|callback| callback.bind(py).call1(args))
                .collect()
        }

        // Callbacks can refer back to the registry: let the collector see.
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            for callback in self.callbacks.values().flatten() {
                visit.call(callback)?;
            }
            Ok(())
        }

        fn __clear__(&mut self) {
            self.callbacks.clear();
        }
    }
    // ANCHOR_END: registry
}
