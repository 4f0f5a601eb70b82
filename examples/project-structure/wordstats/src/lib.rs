//! Word statistics for plain text.
//!
//! This crate knows nothing about Python: it is ordinary Rust, tested with
//! `cargo test`, and usable from other Rust crates.  The `wordstats-py`
//! crate next to it is the only place that mentions PyO3.

use std::collections::HashMap;

// ANCHOR: api
/// Split `text` into lowercase words: runs of alphanumeric characters.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// Count the words in `text`.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// The `n` most frequent words with their counts, most frequent first;
/// words with equal counts are in alphabetical order.
pub fn most_common(text: &str, n: usize) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in words(text) {
        *counts.entry(word).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(n);
    ranked
}
// ANCHOR_END: api

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
    }
}
// ANCHOR_END: tests
