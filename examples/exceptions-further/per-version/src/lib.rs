//! An exception class defined in Rust, with fields that Python reads as
//! attributes.  Extending `PyException` needs the full C API, or the stable
//! ABI of Python 3.12 and newer, so this crate is not built for abi3.

/// `key = value` parsing whose errors carry the failing line's number.
#[pyo3::pymodule]
mod _exceptions_further_per_version_rs {
    use pyo3::exceptions::PyException;
    use pyo3::prelude::*;

    // ANCHOR: class
    /// A line is not of the form `key = value`.
    #[pyclass(extends = PyException)]
    struct BadLineError {
        /// The number of the line, counting from 1.
        #[pyo3(get)]
        line: usize,
        /// The line's text.
        #[pyo3(get)]
        text: String,
    }

    #[pymethods]
    impl BadLineError {
        #[new]
        fn new(line: usize, text: String) -> Self {
            Self { line, text }
        }

        fn __str__(&self) -> String {
            format!(
                "line {}: expected `key = value`, got {:?}",
                self.line, self.text
            )
        }
    }
    // ANCHOR_END: class

    // ANCHOR: raise
    /// Parse `key = value` lines; blank lines and `#` comments are skipped.
    #[pyfunction]
    fn parse(text: &str) -> PyResult<Vec<(String, String)>> {
        let mut pairs = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('=') {
                Some((key, value)) if !key.trim().is_empty() => {
                    pairs.push((key.trim().to_owned(), value.trim().to_owned()));
                }
                // Python calls BadLineError(line, text): #[new], then
                // Exception.__init__, which keeps the arguments as `args`.
                _ => return Err(PyErr::new::<BadLineError, _>((index + 1, line.to_owned()))),
            }
        }
        Ok(pairs)
    }
    // ANCHOR_END: raise

    // ANCHOR: without-args
    /// The same error, built in Rust without calling the class.
    #[pyfunction]
    fn bad_line_without_args(py: Python<'_>, line: usize, text: String) -> PyResult<PyErr> {
        let error = Bound::new(py, BadLineError { line, text })?;
        Ok(PyErr::from_value(error.into_any()))
    }
    // ANCHOR_END: without-args
}
