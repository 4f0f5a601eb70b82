//! Releasing the interpreter: `Python::detach` around I/O and CPU work,
//! and `Python::attach` from threads that Rust started.

// ANCHOR: work
/// Adler-32 checksum of `data` (the algorithm of `zlib.adler32`).
pub fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before `b` may overflow.
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// How many primes are smaller than `limit`, by trial division.
pub fn count_primes(limit: u64) -> u64 {
    let is_prime = |n: u64| n >= 2 && (2..).take_while(|&d| d <= n / d).all(|d| n % d != 0);
    (0..limit).filter(|&n| is_prime(n)).count() as u64
}
// ANCHOR_END: work

/// Checksums and prime counts that let other Python threads run meanwhile.
#[pyo3::pymodule]
mod _releasing_the_interpreter_rs {
    use pyo3::exceptions::{PyRuntimeError, PyValueError};
    use pyo3::prelude::*;
    use std::path::PathBuf;

    // ANCHOR: io
    /// Adler-32 checksum of the file at `path`, read without the interpreter.
    #[pyfunction]
    fn checksum_file(py: Python<'_>, path: PathBuf) -> PyResult<u32> {
        // Nothing in the closure touches Python objects, so it may run
        // detached; `path` is moved in, the error converts afterwards.
        let checksum = py.detach(move || std::fs::read(path).map(|data| super::adler32(&data)))?;
        Ok(checksum)
    }
    // ANCHOR_END: io

    // ANCHOR: cpu
    /// Count primes below `limit` while other Python threads keep running.
    #[pyfunction]
    fn count_primes(py: Python<'_>, limit: u64) -> u64 {
        py.detach(|| super::count_primes(limit))
    }

    /// The same work without `detach`: every other Python thread waits.
    #[pyfunction]
    fn count_primes_attached(limit: u64) -> u64 {
        super::count_primes(limit)
    }
    // ANCHOR_END: cpu

    // ANCHOR: threads
    /// Call `func(item)` for every item on `threads` Rust threads; return
    /// the results in order.  The first exception raised is re-raised.
    #[pyfunction]
    #[pyo3(signature = (func, items, threads = 4))]
    fn map_in_threads(
        py: Python<'_>,
        func: Py<PyAny>,
        items: Vec<i64>,
        threads: usize,
    ) -> PyResult<Vec<Py<PyAny>>> {
        if threads == 0 {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let chunk_size = items.len().div_ceil(threads).max(1);
        // Detach while waiting: the workers need to attach to call `func`,
        // and would wait forever for a thread that holds on while joining.
        let chunks: Vec<Vec<PyResult<Py<PyAny>>>> = py.detach(|| {
            std::thread::scope(|scope| {
                let workers: Vec<_> = items
                    .chunks(chunk_size)
                    .map(|chunk| {
                        let func = &func;
                        scope.spawn(move || {
                            Python::attach(|py| {
                                chunk
                                    .iter()
                                    .map(|&item| func.bind(py).call1((item,)).map(Bound::unbind))
                                    .collect()
                            })
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|worker| {
                        worker.join().unwrap_or_else(|_| {
                            vec![Err(PyRuntimeError::new_err("a worker thread panicked"))]
                        })
                    })
                    .collect()
            })
        });
        chunks.into_iter().flatten().collect()
    }
    // ANCHOR_END: threads
}
