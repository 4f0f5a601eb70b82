//! The token and the two handles: `Python<'py>` proves that the thread is
//! attached, `Bound<'py, T>` is a Python object used while it is, and
//! `Py<T>` is a Python object kept beyond that.

/// Python<'py>, Bound<'py, T> and Py<T> at work.
#[pyo3::pymodule]
pub mod _handles_rs {
    use pyo3::PyTraverseError;
    use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
    use pyo3::gc::PyVisit;
    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyTuple};
    use std::thread;

    // ANCHOR: token
    /// Count how often each word occurs, in a new dict.
    #[pyfunction]
    fn tally<'py>(py: Python<'py>, words: Vec<String>) -> PyResult<Bound<'py, PyDict>> {
        // Creating a Python object needs the token.
        let counts = PyDict::new(py);
        for word in words {
            let seen = match counts.get_item(&word)? {
                Some(count) => count.extract::<u64>()?,
                None => 0,
            };
            counts.set_item(word, seen + 1)?;
        }
        Ok(counts)
    }

    /// Return `(obj, name of its type)`.
    #[pyfunction]
    fn tagged<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
        let name = obj.get_type().name()?;
        // Every Bound carries the token: obj.py().
        PyTuple::new(obj.py(), [obj.clone(), name.into_any()])
    }
    // ANCHOR_END: token

    // ANCHOR: bound
    /// Return the largest item of `items` by Python's `>`: the item itself.
    #[pyfunction]
    pub fn largest<'py>(items: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let mut best: Option<Bound<'py, PyAny>> = None;
        for item in items.try_iter()? {
            let item = item?;
            let better = match &best {
                Some(current) => item.gt(current)?,
                None => true,
            };
            if better {
                best = Some(item);
            }
        }
        best.ok_or_else(|| PyValueError::new_err("largest() of an empty iterable"))
    }
    // ANCHOR_END: bound

    // ANCHOR: py
    /// Callables kept between calls, and called on request.
    #[pyclass]
    struct Listeners {
        // A field outlives every call, so it cannot hold a Bound.
        callbacks: Vec<Py<PyAny>>,
    }

    #[pymethods]
    impl Listeners {
        #[new]
        fn new() -> Self {
            Self {
                callbacks: Vec::new(),
            }
        }

        /// Keep `callback` for later calls of `notify`.
        fn add(&mut self, callback: Bound<'_, PyAny>) -> PyResult<()> {
            if !callback.is_callable() {
                let name = callback.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "'{name}' object is not callable"
                )));
            }
            self.callbacks.push(callback.unbind());
            Ok(())
        }

        /// Call every callback with `event`, in order; return the results.
        fn notify<'py>(
            &self,
            py: Python<'py>,
            event: &Bound<'py, PyAny>,
        ) -> PyResult<Vec<Bound<'py, PyAny>>> {
            self.callbacks
                .iter()
                .map(|callback| callback.bind(py).call1((event,)))
                .collect()
        }

        /// The callbacks themselves: new references, not copies.
        fn callbacks(&self, py: Python<'_>) -> Vec<Py<PyAny>> {
            self.callbacks
                .iter()
                .map(|callback| callback.clone_ref(py))
                .collect()
        }

        // A callback can refer back to this object: let the collector see.
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            for callback in &self.callbacks {
                visit.call(callback)?;
            }
            Ok(())
        }

        fn __clear__(&mut self) {
            self.callbacks.clear();
        }
    }
    // ANCHOR_END: py

    // ANCHOR: thread
    /// Call `func()` on a new Rust thread and return its result.
    #[pyfunction]
    fn call_on_thread(py: Python<'_>, func: Py<PyAny>) -> PyResult<Py<PyAny>> {
        // A Py can move to another thread; a Bound or the token cannot.
        let worker = thread::spawn(move || Python::attach(|py| func.call0(py)));
        // Detach while waiting: the worker has to attach to call func.
        py.detach(|| worker.join())
            .map_err(|_| PyRuntimeError::new_err("the worker thread panicked"))?
    }
    // ANCHOR_END: thread
}
