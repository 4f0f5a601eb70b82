//! Error handling: a custom exception hierarchy, a Rust error enum turned
//! into those exceptions, and what a panic looks like from Python.

use pyo3::create_exception;
use pyo3::exceptions::PyException;

// ANCHOR: exceptions
create_exception!(
    _error_handling_rs,
    ConfigError,
    PyException,
    "Base class of every error raised while reading a configuration."
);
create_exception!(
    _error_handling_rs,
    BadLineError,
    ConfigError,
    "A line is not of the form `key = value`."
);
create_exception!(
    _error_handling_rs,
    MissingKeyError,
    ConfigError,
    "A required key is not in the configuration."
);
// ANCHOR_END: exceptions

// ANCHOR: rust-error
/// What can go wrong while reading a configuration, in plain Rust.
#[derive(Debug)]
pub enum ParseError {
    Syntax { line: usize, text: String },
    MissingKey(String),
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Syntax { line, text } => {
                write!(f, "line {line}: expected `key = value`, got {text:?}")
            }
            Self::MissingKey(key) => write!(f, "no key {key:?}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Parse `key = value` lines; blank lines and lines starting with `#` are skipped.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, ParseError> {
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
            _ => {
                return Err(ParseError::Syntax {
                    line: index + 1,
                    text: line.to_owned(),
                });
            }
        }
    }
    Ok(pairs)
}
// ANCHOR_END: rust-error

// ANCHOR: from
impl From<ParseError> for pyo3::PyErr {
    fn from(err: ParseError) -> Self {
        match err {
            ParseError::Syntax { .. } => BadLineError::new_err(err.to_string()),
            ParseError::MissingKey(_) => MissingKeyError::new_err(err.to_string()),
        }
    }
}
// ANCHOR_END: from

// ANCHOR: module
/// Read `key = value` configurations, raising a hierarchy of exceptions.
#[pyo3::pymodule]
mod _error_handling_rs {
    use super::ParseError;
    use pyo3::exceptions::{PyIndexError, PyRuntimeError, PyValueError};
    use pyo3::prelude::*;
    use std::path::PathBuf;

    // Exception types are exported like functions and classes.
    #[pymodule_export]
    use super::{BadLineError, ConfigError, MissingKeyError};

    /// Parse a configuration into a list of (key, value) pairs.
    #[pyfunction]
    fn parse(text: &str) -> Result<Vec<(String, String)>, ParseError> {
        // The Result's error converts with `From<ParseError> for PyErr`.
        super::parse(text)
    }

    /// Return the value of `key` as an integer.
    #[pyfunction]
    fn get_int(py: Python<'_>, text: &str, key: &str) -> PyResult<i64> {
        let pairs = super::parse(text)?; // `?` converts ParseError too
        let (_, value) = pairs
            .iter()
            .find(|(k, _)| k == key)
            .ok_or_else(|| ParseError::MissingKey(key.to_owned()))?;
        value.parse::<i64>().map_err(|err| {
            let error = PyValueError::new_err(format!("{key}: {value:?} is not an integer"));
            // Chain Rust's own message as `__cause__`, like `raise ... from`.
            error.set_cause(py, Some(PyValueError::new_err(err.to_string())));
            error
        })
    }
    // ANCHOR_END: module

    // ANCHOR: quick
    /// Read and parse a configuration file; every failure is a RuntimeError.
    #[pyfunction]
    fn load_quick(path: PathBuf) -> PyResult<Vec<(String, String)>> {
        let text =
            std::fs::read_to_string(&path).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        super::parse(&text).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// Read and parse a configuration file, keeping each error's own type.
    #[pyfunction]
    fn load(path: PathBuf) -> PyResult<Vec<(String, String)>> {
        // io::Error converts to the matching OSError subclass.
        let text = std::fs::read_to_string(&path)?;
        Ok(super::parse(&text)?)
    }
    // ANCHOR_END: quick

    // ANCHOR: panic
    /// Return line `n` of `text` (counting from 0), or raise IndexError.
    #[pyfunction]
    fn line(text: &str, n: usize) -> PyResult<String> {
        text.lines()
            .nth(n)
            .map(str::to_owned)
            .ok_or_else(|| PyIndexError::new_err(format!("no line {n}")))
    }

    /// Like `line`, but indexes without checking: DON'T write this.
    ///
    /// It panics for a line that does not exist; it is here only to show
    /// what a panic looks like from Python.
    #[pyfunction]
    fn line_unchecked(text: &str, n: usize) -> String {
        let lines: Vec<&str> = text.lines().collect();
        lines[n].to_owned()
    }
    // ANCHOR_END: panic
}
