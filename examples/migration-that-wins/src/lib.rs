//! The hot loop of the `stations` package, moved to Rust: the compiled
//! module `stations._stations_rs`.  The Python original stays in the
//! package as `stations._stations_py`, the fallback.

use std::collections::HashMap;

// ANCHOR: parse
/// One station's readings so far.
struct Stats {
    low: f64,
    high: f64,
    total: f64,
    count: u64,
}

/// A line that is not `<station>;<temperature>`; `line` counts from 1.
struct BadLine {
    line: usize,
}

/// `-?[0-9]{1,3}\.[0-9]`, the Python original's pattern, without a regex.
fn parse_reading(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, tenths) = unsigned.split_once('.')?;
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if (1..=3).contains(&whole.len()) && tenths.len() == 1 && digits(whole) && digits(tenths) {
        // Correctly rounded, as Python's float(text) is: the same f64.
        text.parse().ok()
    } else {
        None
    }
}

/// The stations in order of first appearance, with their readings.
fn parse(text: &str) -> Result<Vec<(&str, Stats)>, BadLine> {
    let mut stations: Vec<(&str, Stats)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (number, line) in text.split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let reading = line
            .split_once(';')
            .filter(|(station, _)| !station.is_empty())
            .and_then(|(station, reading)| Some((station, parse_reading(reading)?)));
        let Some((station, value)) = reading else {
            return Err(BadLine { line: number + 1 });
        };
        if let Some(&at) = index.get(station) {
            let stats = &mut stations[at].1;
            // The original's steps in its order, so that the floats are equal.
            if value < stats.low {
                stats.low = value;
            }
            if value > stats.high {
                stats.high = value;
            }
            stats.total += value;
            stats.count += 1;
        } else {
            index.insert(station, stations.len());
            let stats = Stats {
                low: value,
                high: value,
                total: value,
                count: 1,
            };
            stations.push((station, stats));
        }
    }
    Ok(stations)
}
// ANCHOR_END: parse

/// The compiled half of the stations package.
#[pyo3::pymodule(module = "stations")]
mod _stations_rs {
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    // ANCHOR: summarize
    /// Min, mean and max temperature per station, in order of appearance.
    ///
    /// ``text`` holds one reading per line, ``<station>;<temperature>``, such as
    /// ``Oslo;-3.5``.  Empty lines are skipped; any other line is a ValueError.
    #[pyfunction]
    fn summarize<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyDict>> {
        let stations = super::parse(text).map_err(|bad| {
            PyValueError::new_err(format!(
                "line {}: expected <station>;<temperature>, e.g. Oslo;-3.5",
                bad.line
            ))
        })?;
        let summary = PyDict::new(py);
        for (station, stats) in stations {
            // Exact below 2**53 readings, as Python's int-to-float division is.
            let mean = stats.total / stats.count as f64;
            summary.set_item(station, (stats.low, mean, stats.high))?;
        }
        Ok(summary)
    }
    // ANCHOR_END: summarize
}
