//! Python classes from Rust structs: a class wrapping a plain Rust type whose
//! constructor can fail, properties, runtime borrow checking, a frozen class
//! and a class that is safe to share between threads.

// ANCHOR: inner
/// A moving window over the most recent values: plain Rust, no PyO3.
mod window {
    use std::collections::VecDeque;
    use std::fmt;

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub enum WindowError {
        ZeroCapacity,
        NotFinite(f64),
    }

    impl fmt::Display for WindowError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Self::ZeroCapacity => f.write_str("capacity must be at least 1"),
                Self::NotFinite(value) => write!(f, "{value} is not a finite number"),
            }
        }
    }

    impl std::error::Error for WindowError {}

    pub struct Window {
        capacity: usize,
        values: VecDeque<f64>,
    }

    impl Window {
        pub fn new(capacity: usize) -> Result<Self, WindowError> {
            if capacity == 0 {
                return Err(WindowError::ZeroCapacity);
            }
            Ok(Self {
                capacity,
                values: VecDeque::new(),
            })
        }

        /// Add a value, dropping the oldest one when the window is full.
        pub fn push(&mut self, value: f64) -> Result<(), WindowError> {
            if !value.is_finite() {
                return Err(WindowError::NotFinite(value));
            }
            if self.values.len() == self.capacity {
                self.values.pop_front();
            }
            self.values.push_back(value);
            Ok(())
        }

        pub fn mean(&self) -> Option<f64> {
            if self.values.is_empty() {
                return None;
            }
            Some(self.values.iter().sum::<f64>() / self.values.len() as f64)
        }

        pub fn len(&self) -> usize {
            self.values.len()
        }

        pub fn capacity(&self) -> usize {
            self.capacity
        }

        /// Change the capacity, keeping the newest values that still fit.
        pub fn resize(&mut self, capacity: usize) -> Result<(), WindowError> {
            if capacity == 0 {
                return Err(WindowError::ZeroCapacity);
            }
            while self.values.len() > capacity {
                self.values.pop_front();
            }
            self.capacity = capacity;
            Ok(())
        }
    }
}
// ANCHOR_END: inner

/// Moving averages and counters, as Python classes defined in Rust.
#[pyo3::pymodule]
mod _classes_rs {
    use super::window::{Window, WindowError};
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;
    use pyo3::types::PyType;
    use std::sync::atomic::{AtomicU64, Ordering};

    // ANCHOR: error
    impl From<WindowError> for PyErr {
        fn from(error: WindowError) -> Self {
            PyValueError::new_err(error.to_string())
        }
    }
    // ANCHOR_END: error

    // ANCHOR: class
    /// The mean of the most recent values pushed into it.
    #[pyclass(subclass)]
    pub struct MovingAverage {
        window: Window,
        /// A free-form name, shown by repr().
        #[pyo3(get, set)]
        label: String,
    }

    #[pymethods]
    impl MovingAverage {
        #[new]
        #[pyo3(signature = (capacity, label = String::new()))]
        fn new(capacity: usize, label: String) -> PyResult<Self> {
            // `?` turns a WindowError into ValueError through the From above.
            let window = Window::new(capacity)?;
            Ok(Self { window, label })
        }

        /// Add a value; the oldest value leaves when the window is full.
        fn push(&mut self, value: f64) -> PyResult<()> {
            Ok(self.window.push(value)?)
        }

        /// The mean of the values in the window, or None if it is empty.
        #[getter]
        fn mean(&self) -> Option<f64> {
            self.window.mean()
        }

        /// How many values the window keeps.
        #[getter]
        fn capacity(&self) -> usize {
            self.window.capacity()
        }

        #[setter]
        fn set_capacity(&mut self, capacity: usize) -> PyResult<()> {
            Ok(self.window.resize(capacity)?)
        }

        fn __len__(&self) -> usize {
            self.window.len()
        }

        fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
            // The type's name, so that a Python subclass shows its own.
            let name = slf.get_type().qualname()?;
            let this = slf.try_borrow()?;
            let label = this.label.clone().into_pyobject(slf.py())?.repr()?;
            Ok(format!(
                "{name}(capacity={}, label={label}, len={})",
                this.window.capacity(),
                this.window.len()
            ))
        }

        // ANCHOR_END: class

        // ANCHOR: alternative-constructors
        /// Build an instance of `cls` (a subclass, too) already holding `values`.
        #[classmethod]
        fn from_values<'py>(
            cls: &Bound<'py, PyType>,
            capacity: usize,
            values: Vec<f64>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let average = cls.call1((capacity,))?;
            for value in values {
                average.call_method1("push", (value,))?;
            }
            Ok(average)
        }

        /// The plain mean of `values`, without keeping them.
        #[staticmethod]
        fn mean_of(values: Vec<f64>) -> Option<f64> {
            if values.is_empty() {
                return None;
            }
            Some(values.iter().sum::<f64>() / values.len() as f64)
        }
        // ANCHOR_END: alternative-constructors

        // ANCHOR: extend
        /// Push every value of an iterable.
        fn extend(&mut self, values: &Bound<'_, PyAny>) -> PyResult<()> {
            // `&mut self` stays borrowed while Python code runs the iterator.
            for value in values.try_iter()? {
                self.window.push(value?.extract()?)?;
            }
            Ok(())
        }
        // ANCHOR_END: extend

        // ANCHOR: summary
        /// A snapshot of the window that cannot change.
        fn summary(&self) -> Summary {
            Summary {
                count: self.window.len(),
                mean: self.window.mean(),
            }
        }
        // ANCHOR_END: summary
    }

    // ANCHOR: frozen
    /// A snapshot of a MovingAverage: read-only fields.
    #[pyclass(frozen, get_all)]
    pub struct Summary {
        count: usize,
        mean: Option<f64>,
    }

    #[pymethods]
    impl Summary {
        fn __repr__(&self) -> String {
            match self.mean {
                Some(mean) => format!("Summary(count={}, mean={mean})", self.count),
                None => format!("Summary(count={}, mean=None)", self.count),
            }
        }
    }
    // ANCHOR_END: frozen

    // ANCHOR: from-fields
    /// One measurement. PyO3 writes the constructor: one argument per field.
    #[pyclass(frozen, get_all, new = "from_fields")]
    pub struct Reading {
        value: f64,
        unit: String,
    }
    // ANCHOR_END: from-fields

    // ANCHOR: counter
    /// A counter that many threads may bump at once.
    #[pyclass(frozen)]
    pub struct HitCounter {
        hits: AtomicU64,
    }

    #[pymethods]
    impl HitCounter {
        #[new]
        fn new() -> Self {
            Self {
                hits: AtomicU64::new(0),
            }
        }

        /// Count one hit. Takes `&self`: no borrow flag, no "already borrowed".
        fn hit(&self) {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }

        #[getter]
        fn hits(&self) -> u64 {
            self.hits.load(Ordering::Relaxed)
        }
    }
    // ANCHOR_END: counter
}
