//! Word statistics for plain text.
//!
//! This crate knows nothing about Python: it is ordinary Rust, tested with
//! `cargo test`, and usable from other Rust crates.  The `wordstats-py`
//! crate next to it is the only place that mentions PyO3.

use std::collections::HashMap;
use std::fmt;

// ANCHOR: api
/// Split `text` into words: runs of alphanumeric characters.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Count the words in `text`.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// The `n` most frequent words, lowercased, with their counts, most
/// frequent first; words with equal counts are in alphabetical order.
pub fn most_common(text: &str, n: usize) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in words(text) {
        *counts.entry(word.to_lowercase()).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(n);
    ranked
}
// ANCHOR_END: api

// ANCHOR: error
/// Why a statistic of a text could not be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text has no words, so a mean over its words has no value.
    NoWords,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoWords => f.write_str("the text has no words to average"),
        }
    }
}

impl std::error::Error for Error {}

/// The mean length of the words in `text`, in characters.
pub fn mean_word_length(text: &str) -> Result<f64, Error> {
    let (mut count, mut characters) = (0_usize, 0_usize);
    for word in words(text) {
        count += 1;
        characters += word.chars().count();
    }
    if count == 0 {
        return Err(Error::NoWords);
    }
    Ok(characters as f64 / count as f64)
}
// ANCHOR_END: error

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_separators() {
        assert_eq!(word_count("  one, two;three  "), 3);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn ranks_by_count_then_alphabetically() {
        let ranked = most_common("b a b c a b", 2);
        assert_eq!(ranked, [("b".to_string(), 3), ("a".to_string(), 2)]);
    }

    #[test]
    fn handles_non_ascii_words() {
        assert_eq!(most_common("Größe größe", 5), [("größe".to_string(), 2)]);
        assert_eq!(mean_word_length("Größe"), Ok(5.0));
    }

    #[test]
    fn mean_needs_at_least_one_word() {
        assert_eq!(mean_word_length("to be"), Ok(2.0));
        assert_eq!(mean_word_length(" ,;. "), Err(Error::NoWords));
    }
}
// ANCHOR_END: tests
