//! A spelling suggester that is slower than it should be: the example to
//! profile.  `closest` compares a word with every word of a list.

// ANCHOR: hot
/// The Levenshtein distance between `a` and `b`, counted in characters:
/// how many insertions, deletions and substitutions turn one into the other.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // One row of the dynamic-programming table, reused for every row.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, char_a) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &char_b) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(char_a != char_b);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}
// ANCHOR_END: hot

/// A spelling suggester to profile.
#[pyo3::pymodule]
mod _profiling_rs {
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    // ANCHOR: closest
    /// The word of `words` closest to `query`, and its edit distance.
    #[pyfunction]
    fn closest(query: &str, words: Vec<String>) -> PyResult<(String, usize)> {
        words
            .into_iter()
            .map(|word| (super::edit_distance(query, &word), word))
            .min_by_key(|(distance, _)| *distance)
            .map(|(distance, word)| (word, distance))
            .ok_or_else(|| PyValueError::new_err("words is empty"))
    }
    // ANCHOR_END: closest

    // ANCHOR: bug
    /// The same search with a bug: it starts from `words[0]` unchecked, so
    /// an empty list panics.  It exists to be caught in a debugger.
    #[pyfunction]
    fn closest_unchecked(query: &str, words: Vec<String>) -> (String, usize) {
        let mut best = (words[0].clone(), super::edit_distance(query, &words[0]));
        for word in &words[1..] {
            let distance = super::edit_distance(query, word);
            if distance < best.1 {
                best = (word.clone(), distance);
            }
        }
        best
    }
    // ANCHOR_END: bug
}
