//! Conversions beyond the basics: maps, sets, tuples and arrays, byte
//! vectors, strings and bytes kept as Python objects, and dates and times
//! through PyO3's `chrono` feature.

/// Maps, sets, tuples, bytes, Python-backed strings, dates and times.
#[pyo3::pymodule]
mod _conversions_further_rs {
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

    use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc};
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;
    use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
    use pyo3::types::PyList;

    // ANCHOR: maps
    /// Sum the amounts per name; the dict comes back sorted by name.
    #[pyfunction]
    fn totals_sorted(pairs: Vec<(String, f64)>) -> BTreeMap<String, f64> {
        let mut totals = BTreeMap::new();
        for (name, amount) in pairs {
            *totals.entry(name).or_insert(0.0) += amount;
        }
        totals
    }

    /// Sum the amounts per name; the dict comes back in no fixed order.
    #[pyfunction]
    fn totals_hashed(pairs: Vec<(String, f64)>) -> HashMap<String, f64> {
        let mut totals = HashMap::new();
        for (name, amount) in pairs {
            *totals.entry(name).or_insert(0.0) += amount;
        }
        totals
    }
    // ANCHOR_END: maps

    // ANCHOR: sets
    /// The names whose amount is over `limit`, from a dict of amounts.
    #[pyfunction]
    fn names_over(amounts: HashMap<String, f64>, limit: f64) -> BTreeSet<String> {
        amounts
            .into_iter()
            .filter(|(_, amount)| *amount > limit)
            .map(|(name, _)| name)
            .collect()
    }

    /// The numbers in both sets, in ascending order.
    #[pyfunction]
    fn common_sorted(a: HashSet<i64>, b: BTreeSet<i64>) -> Vec<i64> {
        // A BTreeSet iterates in ascending order.
        b.into_iter().filter(|number| a.contains(number)).collect()
    }
    // ANCHOR_END: sets

    // ANCHOR: tuples
    /// The point halfway between two (x, y) tuples.
    #[pyfunction]
    fn midpoint(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
        ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
    }

    /// "#rrggbb" for a red, green and blue value: any sequence of three.
    #[pyfunction]
    fn hex_color(rgb: [u8; 3]) -> String {
        let [red, green, blue] = rgb;
        format!("#{red:02x}{green:02x}{blue:02x}")
    }
    // ANCHOR_END: tuples

    // ANCHOR: bytes
    /// XOR every byte with `key`; a `Vec<u8>` goes back as `bytes`.
    #[pyfunction]
    fn xor_bytes(data: Vec<u8>, key: u8) -> Vec<u8> {
        data.into_iter().map(|byte| byte ^ key).collect()
    }

    /// The same bytes as a list of ints.
    #[pyfunction]
    fn byte_list(py: Python<'_>, data: Vec<u8>) -> PyResult<Bound<'_, PyList>> {
        PyList::new(py, data)
    }
    // ANCHOR_END: bytes

    // ANCHOR: backed-str
    /// Words kept as the caller's own `str` objects.
    #[pyclass(frozen)]
    struct Vocabulary {
        words: Vec<PyBackedStr>,
    }

    #[pymethods]
    impl Vocabulary {
        #[new]
        fn new(words: Vec<PyBackedStr>) -> Self {
            Self { words }
        }

        /// How many words contain `part`, counted without the interpreter.
        fn count_containing(&self, py: Python<'_>, part: &str) -> usize {
            py.detach(|| self.words.iter().filter(|word| word.contains(part)).count())
        }

        /// The longest word: the very `str` object that was passed in.
        fn longest(&self) -> Option<&PyBackedStr> {
            self.words.iter().max_by_key(|word| word.chars().count())
        }
    }

    /// The longest word, found in Rust copies: a new `str` object.
    #[pyfunction]
    fn longest_copied(words: Vec<String>) -> Option<String> {
        words.into_iter().max_by_key(|word| word.chars().count())
    }
    // ANCHOR_END: backed-str

    // ANCHOR: backed-bytes
    /// Return the data as Rust holds it: `bytes` kept, a `bytearray` copied.
    #[pyfunction]
    fn hold_bytes(data: PyBackedBytes) -> PyBackedBytes {
        data
    }
    // ANCHOR_END: backed-bytes

    // ANCHOR: dates
    /// The day after `date`.
    #[pyfunction]
    fn next_day(date: NaiveDate) -> PyResult<NaiveDate> {
        date.succ_opt()
            .ok_or_else(|| PyValueError::new_err("no day after this one"))
    }

    /// `moment` moved by `by`: a naive datetime and a timedelta.
    #[pyfunction]
    fn shift(moment: NaiveDateTime, by: Duration) -> PyResult<NaiveDateTime> {
        moment
            .checked_add_signed(by)
            .ok_or_else(|| PyValueError::new_err("the result is out of range"))
    }

    /// The time from `start` to `end`, two naive datetimes.
    #[pyfunction]
    fn elapsed_naive(start: NaiveDateTime, end: NaiveDateTime) -> Duration {
        end - start
    }

    /// The time from `start` to `end`, two aware datetimes.
    #[pyfunction]
    fn elapsed_aware(start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) -> Duration {
        end - start
    }

    /// The same moment in UTC, from any fixed UTC offset.
    #[pyfunction]
    fn to_utc(moment: DateTime<FixedOffset>) -> DateTime<Utc> {
        moment.with_timezone(&Utc)
    }

    /// The moment one hour later; it must already be in UTC.
    #[pyfunction]
    fn hour_later_utc(moment: DateTime<Utc>) -> PyResult<DateTime<Utc>> {
        moment
            .checked_add_signed(Duration::hours(1))
            .ok_or_else(|| PyValueError::new_err("the result is out of range"))
    }
    // ANCHOR_END: dates
}
