//! Async: Rust futures awaited from `asyncio`, Python awaitables awaited
//! from Rust, and a Tokio runtime that Python calls must not block.

/// Rust futures for asyncio and Python awaitables for Rust, on Tokio.
#[pyo3::pymodule]
mod _async_rs {
    use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
    use pyo3::prelude::*;
    use std::future::Future;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    // ANCHOR: sleep
    /// Wait `seconds` on Tokio's timer, then return `result`.
    #[pyfunction]
    #[pyo3(signature = (seconds, result = None))]
    fn sleep(
        py: Python<'_>,
        seconds: f64,
        result: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'_, PyAny>> {
        let delay = Duration::try_from_secs_f64(seconds)
            .map_err(|_| PyValueError::new_err("seconds must be finite, >= 0 and < 2**64"))?;
        // The async block runs on Tokio's threads, detached from the
        // interpreter; Python gets an asyncio future for its result.
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            tokio::time::sleep(delay).await;
            Ok(result)
        })
    }
    // ANCHOR_END: sleep

    // ANCHOR: join
    /// Await two Python awaitables from Rust; return both results.
    #[pyfunction]
    fn join<'py>(
        py: Python<'py>,
        first: Bound<'py, PyAny>,
        second: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let is_awaitable = py.import("inspect")?.getattr("isawaitable")?;
        for awaitable in [&first, &second] {
            if !is_awaitable.call1((awaitable,))?.is_truthy()? {
                let kind = awaitable.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "expected an awaitable, got {kind}"
                )));
            }
        }
        // Each conversion schedules its awaitable as a task on the running
        // event loop, so both run while Rust waits for the first one.
        let first = pyo3_async_runtimes::tokio::into_future(first)?;
        let second = pyo3_async_runtimes::tokio::into_future(second)?;
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let first = first.await?;
            let second = second.await?;
            Ok((first, second))
        })
    }
    // ANCHOR_END: join

    // ANCHOR: blocking
    /// Call `func()` inside a task on a one-thread Tokio runtime; return how
    /// often another task on that runtime ticked (each millisecond) meanwhile.
    #[pyfunction]
    fn ticks_while_task_calls(py: Python<'_>, func: Py<PyAny>) -> PyResult<u64> {
        ticks_while(py, async move { call(&func) })
    }

    /// The same, but the task hands the call to Tokio's blocking pool.
    #[pyfunction]
    fn ticks_while_pool_calls(py: Python<'_>, func: Py<PyAny>) -> PyResult<u64> {
        ticks_while(py, async move {
            tokio::task::spawn_blocking(move || call(&func))
                .await
                .map_err(|_| PyRuntimeError::new_err("the blocking call panicked"))?
        })
    }

    fn call(func: &Py<PyAny>) -> PyResult<()> {
        Python::attach(|py| func.call0(py).map(drop))
    }

    fn ticks_while(
        py: Python<'_>,
        task: impl Future<Output = PyResult<()>> + Send,
    ) -> PyResult<u64> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()?;
        // Detached while the runtime runs: a thread of the blocking pool
        // must be able to attach to call `func`.
        py.detach(|| {
            runtime.block_on(async {
                let ticks = Arc::new(AtomicU64::new(0));
                let ticker = tokio::spawn({
                    let ticks = Arc::clone(&ticks);
                    async move {
                        loop {
                            tokio::time::sleep(Duration::from_millis(1)).await;
                            ticks.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                });
                let before = ticks.load(Ordering::Relaxed);
                let called = task.await;
                let after = ticks.load(Ordering::Relaxed);
                ticker.abort();
                called.map(|()| after - before)
            })
        })
    }
    // ANCHOR_END: blocking
}
