//! `async fn` in `#[pyfunction]`: PyO3's own coroutines, behind its
//! `experimental-async` feature.

/// How many primes are smaller than `limit`, by trial division.
fn count_primes(limit: u64) -> u64 {
    let is_prime = |n: u64| n >= 2 && (2..).take_while(|&d| d <= n / d).all(|d| n % d != 0);
    (0..limit).filter(|&n| is_prime(n)).count() as u64
}

/// Prime counts as coroutines that asyncio awaits, with no Rust runtime.
#[pyo3::pymodule]
mod _async_native_rs {
    use pyo3::exceptions::PyRuntimeError;
    use pyo3::prelude::*;

    // ANCHOR: native
    /// Count primes below `limit` on a new thread; the coroutine waits for it.
    #[pyfunction]
    async fn count_primes(limit: u64) -> PyResult<u64> {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || sender.send(super::count_primes(limit)));
        // Pending until the thread sends: the event loop runs other tasks.
        receiver
            .await
            .map_err(|_| PyRuntimeError::new_err("the counting thread panicked"))
    }

    /// The same count, computed in the coroutine itself.
    #[pyfunction]
    async fn count_primes_inline(limit: u64) -> u64 {
        super::count_primes(limit)
    }
    // ANCHOR_END: native
}
