//! Raising exceptions that a Python module defines, and adding notes to
//! exceptions on their way out.

// ANCHOR: import
// A Rust type for the class `BadLineError` of `exceptions_further.errors`.
// The module is imported, and the name looked up, when the type is first used.
pyo3::import_exception!(exceptions_further.errors, BadLineError);
// ANCHOR_END: import

// ANCHOR: from
/// A line that is not of the form `key = value`, in plain Rust.
#[derive(Debug)]
pub struct BadLine {
    /// The number of the line, counting from 1.
    pub line: usize,
    pub text: String,
}

impl From<BadLine> for pyo3::PyErr {
    fn from(bad: BadLine) -> Self {
        let message = format!("expected `key = value`, got {:?}", bad.text);
        // Calls BadLineError(message, line), as Python code would.
        BadLineError::new_err((message, bad.line))
    }
}
// ANCHOR_END: from

/// Parse `key = value` lines; blank lines and `#` comments are skipped.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, BadLine> {
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
                return Err(BadLine {
                    line: index + 1,
                    text: line.to_owned(),
                });
            }
        }
    }
    Ok(pairs)
}

/// Parse configurations with the exceptions of `exceptions_further.errors`.
#[pyo3::pymodule]
mod _exceptions_further_rs {
    use pyo3::prelude::*;
    use std::path::{Path, PathBuf};

    // ANCHOR: module
    /// Parse a configuration into a list of (key, value) pairs.
    #[pyfunction]
    fn parse(text: &str) -> PyResult<Vec<(String, String)>> {
        Ok(super::parse(text)?)
    }
    // ANCHOR_END: module

    // ANCHOR: notes
    /// Read and parse a configuration file; errors get a note naming it.
    #[pyfunction]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Vec<(String, String)>> {
        read_config(&path).or_else(|err| {
            // Adding the note can fail too; `?` then raises that error instead.
            err.add_note(py, format!("while reading {}", path.display()))?;
            Err(err)
        })
    }

    fn read_config(path: &Path) -> PyResult<Vec<(String, String)>> {
        let text = std::fs::read_to_string(path)?;
        Ok(super::parse(&text)?)
    }
    // ANCHOR_END: notes
}
