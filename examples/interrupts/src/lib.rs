//! Interrupts: letting Ctrl+C stop a long call into Rust, with
//! `Python::check_signals`, attached and detached.

/// Whether `n` is prime, by trial division: slow on purpose.
pub fn is_prime(n: u64) -> bool {
    n >= 2 && (2..).take_while(|&d| d <= n / d).all(|d| n % d != 0)
}

/// A prime count that Ctrl+C can stop, and that remembers how far it got.
#[pyo3::pymodule]
mod _interrupts_rs {
    use pyo3::prelude::*;

    // ANCHOR: state
    /// How many numbers one step tests; the loops check for signals
    /// between steps.
    const STEP: u64 = 10_000;

    /// Counts the primes below `limit`, one step at a time.  The count
    /// keeps its progress when it is interrupted.
    #[pyclass]
    struct PrimeCount {
        #[pyo3(get)]
        limit: u64,
        /// How many numbers, from 0 up, have been tested.
        #[pyo3(get)]
        checked: u64,
        /// How many of them are prime.
        #[pyo3(get)]
        found: u64,
    }

    impl PrimeCount {
        fn finished(&self) -> bool {
            self.checked == self.limit
        }

        /// Test the next `STEP` numbers, or the rest if fewer remain.
        fn step(&mut self) {
            let end = self.checked.saturating_add(STEP).min(self.limit);
            self.found += (self.checked..end).filter(|&n| super::is_prime(n)).count() as u64;
            self.checked = end;
        }
    }
    // ANCHOR_END: state

    #[pymethods]
    impl PrimeCount {
        #[new]
        fn new(limit: u64) -> Self {
            Self {
                limit,
                checked: 0,
                found: 0,
            }
        }

        // ANCHOR: attached
        /// Count to the end; Ctrl+C stops the count between two steps.
        fn run(&mut self, py: Python<'_>) -> PyResult<u64> {
            while !self.finished() {
                // Runs any Python signal handler that is due: for Ctrl+C,
                // the default one raises KeyboardInterrupt here.
                py.check_signals()?;
                self.step();
            }
            Ok(self.found)
        }

        /// The same loop without the check: Ctrl+C waits for the end.
        fn run_without_checks(&mut self) -> u64 {
            while !self.finished() {
                self.step();
            }
            self.found
        }
        // ANCHOR_END: attached

        // ANCHOR: detached
        /// Count to the end while detached, attaching between steps only to
        /// check for signals.
        fn run_detached(&mut self, py: Python<'_>) -> PyResult<u64> {
            py.detach(|| {
                while !self.finished() {
                    Python::attach(|py| py.check_signals())?;
                    self.step();
                }
                Ok(self.found)
            })
        }

        /// Detached, without the check: Ctrl+C waits for the end.
        fn run_detached_without_checks(&mut self, py: Python<'_>) -> u64 {
            py.detach(|| {
                while !self.finished() {
                    self.step();
                }
                self.found
            })
        }
        // ANCHOR_END: detached

        fn __repr__(&self) -> String {
            format!(
                "PrimeCount(limit={}, checked={}, found={})",
                self.limit, self.checked, self.found
            )
        }
    }
}
