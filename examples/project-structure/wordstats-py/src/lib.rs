//! Python bindings for `wordstats`: a thin layer that converts arguments,
//! calls the pure-Rust crate and converts the results back.

// ANCHOR: bindings
/// Word statistics, computed by the pure-Rust wordstats crate.
#[pyo3::pymodule]
mod _wordstats_rs {
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
}
// ANCHOR_END: bindings
