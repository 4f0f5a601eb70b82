use pyo3::prelude::*;

/// A first extension module, written in Rust.
#[pymodule]
mod first_module {
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    /// Return a greeting for `name`.
    #[pyfunction]
    fn greet(name: &str) -> String {
        format!("Hello, {name}!")
    }

    /// Return the arithmetic mean of `values`.
    ///
    /// Raises ValueError if `values` is empty.
    #[pyfunction]
    fn mean(values: Vec<f64>) -> PyResult<f64> {
        if values.is_empty() {
            return Err(PyValueError::new_err("mean() of an empty list"));
        }
        Ok(values.iter().sum::<f64>() / values.len() as f64)
    }
}
