//! Python bindings for `wordstats`: a thin layer that converts arguments,
//! calls the pure-Rust crate and converts the results back.  The compiled
//! module is `wordstats._wordstats_rs`, inside the Python package in
//! `python/wordstats/`.

// ANCHOR: newtype
use pyo3::PyErr;
use pyo3::exceptions::PyValueError;

/// `wordstats::Error`, wrapped in a type of this crate so that this crate
/// may convert it: `From<wordstats::Error> for PyErr` breaks the orphan
/// rule, as `From`, `PyErr` and `wordstats::Error` all belong to other crates.
struct WordstatsError(wordstats::Error);

impl From<wordstats::Error> for WordstatsError {
    fn from(error: wordstats::Error) -> Self {
        Self(error)
    }
}

impl From<WordstatsError> for PyErr {
    fn from(WordstatsError(error): WordstatsError) -> Self {
        match error {
            wordstats::Error::NoWords => PyValueError::new_err(error.to_string()),
        }
    }
}
// ANCHOR_END: newtype

// ANCHOR: bindings
/// Word statistics, computed by the pure-Rust wordstats crate.
// `module` names the Python package this extension lives in: classes then
// report `wordstats._wordstats_rs` as their `__module__`.
#[pyo3::pymodule(module = "wordstats")]
mod _wordstats_rs {
    use super::WordstatsError;
    use pyo3::prelude::*;

    /// Count the words in text.
    #[pyfunction]
    fn word_count(text: &str) -> usize {
        wordstats::word_count(text)
    }

    /// The n most frequent words with their counts, most frequent first.
    #[pyfunction]
    #[pyo3(signature = (text, n = 3))]
    fn most_common(text: &str, n: usize) -> Vec<(String, usize)> {
        wordstats::most_common(text, n)
    }

    // ANCHOR: fallible
    /// The mean length of the words in text; ValueError if it has none.
    #[pyfunction]
    fn mean_word_length(text: &str) -> Result<f64, WordstatsError> {
        Ok(wordstats::mean_word_length(text)?)
    }

    /// The word count and mean word length of a text.
    #[pyclass(frozen, get_all)]
    struct Summary {
        words: usize,
        mean_length: f64,
    }

    #[pymethods]
    impl Summary {
        #[new]
        fn new(text: &str) -> PyResult<Self> {
            let mean_length = wordstats::mean_word_length(text).map_err(WordstatsError)?;
            Ok(Summary {
                words: wordstats::word_count(text),
                mean_length,
            })
        }
    }
    // ANCHOR_END: fallible
}
// ANCHOR_END: bindings
