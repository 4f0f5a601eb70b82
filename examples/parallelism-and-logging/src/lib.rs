//! Rust threads with rayon while detached from the interpreter, and Rust log
//! records sent to Python's `logging` through pyo3-log.

use std::sync::OnceLock;

/// The work: a prime count in chunks, logged with the `log` crate's macros.
/// Nothing here knows about Python.
pub mod primes {
    use log::{debug, info, trace};
    use rayon::prelude::*;
    use std::ops::Range;

    // ANCHOR: work
    /// The pieces that the range below `limit` is cut into: enough for rayon
    /// to balance them over its threads, few enough to log each one.
    pub const CHUNKS: u64 = 16;

    fn is_prime(n: u64) -> bool {
        n >= 2 && (2..).take_while(|&d| d <= n / d).all(|d| n % d != 0)
    }

    /// The `index`th of `CHUNKS` ranges that together cover `0..limit`.
    fn chunk(limit: u64, index: u64) -> Range<u64> {
        let size = limit.div_ceil(CHUNKS);
        let start = index.saturating_mul(size).min(limit);
        start..start.saturating_add(size).min(limit)
    }

    fn count_chunk(range: Range<u64>) -> u64 {
        trace!("counting in {range:?}");
        let found = range.clone().filter(|&n| is_prime(n)).count() as u64;
        debug!("{range:?}: {found} primes");
        found
    }
    // ANCHOR_END: work

    // ANCHOR: rayon
    /// How many primes are below `limit`, counted on rayon's threads.
    pub fn count_parallel(limit: u64) -> u64 {
        info!("counting primes below {limit} in {CHUNKS} chunks");
        let found = (0..CHUNKS)
            .into_par_iter()
            .map(|index| count_chunk(chunk(limit, index)))
            .sum();
        info!("found {found} primes");
        found
    }

    /// The same count, one chunk after the other on the calling thread.
    pub fn count_sequential(limit: u64) -> u64 {
        info!("counting primes below {limit} in {CHUNKS} chunks");
        let found = (0..CHUNKS)
            .map(|index| count_chunk(chunk(limit, index)))
            .sum();
        info!("found {found} primes");
        found
    }
    // ANCHOR_END: rayon
}

/// Clears the levels that pyo3-log has cached; set once, at import.
static LOG_CACHE: OnceLock<pyo3_log::ResetHandle> = OnceLock::new();

/// Prime counts on several threads, logged to Python's logging.
#[pyo3::pymodule]
mod _parallelism_and_logging_rs {
    use log::LevelFilter;
    use pyo3::exceptions::PyImportError;
    use pyo3::prelude::*;
    use pyo3_log::{Caching, Logger};

    // ANCHOR: init
    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        if super::LOG_CACHE.get().is_none() {
            // Records of level DEBUG and above go to Python; TRACE stays in Rust.
            let handle = Logger::new(module.py(), Caching::LoggersAndLevels)?
                .filter(LevelFilter::Debug)
                .install()
                .map_err(|error| PyImportError::new_err(error.to_string()))?;
            let _ = super::LOG_CACHE.set(handle);
        }
        Ok(())
    }

    /// Forget the logging levels cached so far: call after changing them.
    #[pyfunction]
    fn reset_log_cache() {
        if let Some(handle) = super::LOG_CACHE.get() {
            handle.reset();
        }
    }
    // ANCHOR_END: init

    // ANCHOR: detach
    /// How many primes are below `limit`, counted on every core.
    #[pyfunction]
    fn count_primes(py: Python<'_>, limit: u64) -> u64 {
        py.detach(|| super::primes::count_parallel(limit))
    }

    /// The same count on one thread.
    #[pyfunction]
    fn count_primes_sequential(py: Python<'_>, limit: u64) -> u64 {
        py.detach(|| super::primes::count_sequential(limit))
    }

    /// How many threads rayon runs the work on.
    #[pyfunction]
    fn worker_threads() -> usize {
        rayon::current_num_threads()
    }
    // ANCHOR_END: detach
}
