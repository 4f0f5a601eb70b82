//! Common pitfalls of extension modules, each shown next to its fix.
//!
//! Some functions here are wrong on purpose: their doc comments say so, and
//! the page explains what goes wrong.

/// Common mistakes in PyO3 extension modules, each next to its fix.
#[pyo3::pymodule]
mod _pitfalls_rs {
    use pyo3::PyTraverseError;
    use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
    use pyo3::gc::PyVisit;
    use pyo3::prelude::*;
    use pyo3::sync::MutexExt;
    use std::path::PathBuf;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;
    use std::{fs, io};

    // ANCHOR: holding
    /// A counter that another Python thread bumps while we work.
    #[pyclass(frozen)]
    struct Ticker {
        ticks: AtomicU64,
    }

    #[pymethods]
    impl Ticker {
        #[new]
        fn new() -> Self {
            Self {
                ticks: AtomicU64::new(0),
            }
        }

        /// Count one tick.
        fn tick(&self) {
            self.ticks.fetch_add(1, Ordering::Relaxed);
        }

        /// The ticks counted so far.
        #[getter]
        fn count(&self) -> u64 {
            self.ticks.load(Ordering::Relaxed)
        }
    }

    fn sleep_for(seconds: f64) -> PyResult<()> {
        let duration = Duration::try_from_secs_f64(seconds)
            .map_err(|_| PyValueError::new_err(format!("cannot sleep {seconds} seconds")))?;
        std::thread::sleep(duration);
        Ok(())
    }

    /// Wrong: sleep while attached. Returns the ticks other threads made meanwhile.
    #[pyfunction]
    fn sleep_attached(ticker: &Bound<'_, Ticker>, seconds: f64) -> PyResult<u64> {
        let ticker = ticker.get();
        let before = ticker.count();
        sleep_for(seconds)?;
        Ok(ticker.count() - before)
    }

    /// Right: detach while sleeping. Returns the ticks other threads made meanwhile.
    #[pyfunction]
    fn sleep_detached(py: Python<'_>, ticker: &Bound<'_, Ticker>, seconds: f64) -> PyResult<u64> {
        let ticker = ticker.get();
        let before = ticker.count();
        py.detach(|| sleep_for(seconds))?;
        Ok(ticker.count() - before)
    }
    // ANCHOR_END: holding

    // ANCHOR: detach-cost
    /// Sum the bytes, attached: right for small inputs.
    #[pyfunction]
    fn checksum(data: &[u8]) -> u64 {
        data.iter().map(|&byte| u64::from(byte)).sum()
    }

    /// Sum the bytes, detached: pays off only when the input is large.
    #[pyfunction]
    fn checksum_detached(py: Python<'_>, data: &[u8]) -> u64 {
        py.detach(|| data.iter().map(|&byte| u64::from(byte)).sum())
    }
    // ANCHOR_END: detach-cost

    // ANCHOR: mutex
    /// An append-only log shared by threads.
    #[pyclass(frozen)]
    struct Journal {
        entries: Mutex<Vec<String>>,
    }

    #[pymethods]
    impl Journal {
        #[new]
        fn new() -> Self {
            Self {
                entries: Mutex::new(Vec::new()),
            }
        }

        /// Append an entry and return the new number of entries.
        fn append(&self, py: Python<'_>, entry: &Bound<'_, PyAny>) -> PyResult<usize> {
            // Run Python code (str()) before taking the lock, never while holding it.
            let text = entry.str()?.to_string();
            // Waits for the lock detached, so a holder that needs the
            // interpreter can still get it.
            let mut entries = self
                .entries
                .lock_py_attached(py)
                .map_err(|_| PyRuntimeError::new_err("the journal is poisoned"))?;
            entries.push(text);
            Ok(entries.len())
        }
    }
    // ANCHOR_END: mutex

    // ANCHOR: errors
    /// Wrong: every failure becomes a RuntimeError.
    #[pyfunction]
    fn read_text_generic(path: PathBuf) -> PyResult<String> {
        fs::read_to_string(path).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// Wrong: a missing file panics.
    #[pyfunction]
    fn read_text_unwrap(path: PathBuf) -> String {
        fs::read_to_string(path).unwrap()
    }

    /// Better: `?` picks the OSError subclass, but drops errno and filename.
    #[pyfunction]
    fn read_text_question_mark(path: PathBuf) -> PyResult<String> {
        Ok(fs::read_to_string(path)?)
    }

    /// Best: an OSError with errno, message and filename, like open() raises.
    #[pyfunction]
    fn read_text(py: Python<'_>, path: PathBuf) -> PyResult<String> {
        fs::read_to_string(&path).map_err(|error| os_error(py, error, path))
    }

    fn os_error(py: Python<'_>, error: io::Error, path: PathBuf) -> PyErr {
        let Some(errno) = error.raw_os_error() else {
            return error.into();
        };
        // OSError(errno, strerror, filename) picks the subclass from errno.
        match py
            .import("os")
            .and_then(|os| os.call_method1("strerror", (errno,)))
        {
            Ok(message) => PyOSError::new_err((errno, message.unbind(), path.into_os_string())),
            Err(lookup_failed) => lookup_failed,
        }
    }
    // ANCHOR_END: errors

    // ANCHOR: leaky-node
    /// Wrong: holds Python objects the garbage collector cannot see.
    #[pyclass(weakref)]
    struct LeakyNode {
        #[pyo3(get, set)]
        next: Option<Py<PyAny>>,
    }

    #[pymethods]
    impl LeakyNode {
        #[new]
        fn new() -> Self {
            Self { next: None }
        }
    }
    // ANCHOR_END: leaky-node

    // ANCHOR: node
    /// Right: tells the garbage collector what it holds, and lets go on request.
    #[pyclass(weakref)]
    struct Node {
        #[pyo3(get, set)]
        next: Option<Py<PyAny>>,
    }

    #[pymethods]
    impl Node {
        #[new]
        fn new() -> Self {
            Self { next: None }
        }

        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
            visit.call(&self.next)
        }

        fn __clear__(&mut self) {
            self.next = None;
        }
    }
    // ANCHOR_END: node

    // ANCHOR: drop
    /// Keep a reference to `obj` in Rust, then drop it while detached.
    #[pyfunction]
    fn drop_detached(py: Python<'_>, obj: Py<PyAny>) {
        // Dropping a Py<T> needs no interpreter: the decref is deferred and
        // applied when this thread attaches again, at the end of detach().
        py.detach(move || drop(obj));
    }
    // ANCHOR_END: drop

    // ANCHOR: paths
    /// Wrong: a path as text rejects names that are not valid UTF-8.
    #[pyfunction]
    fn size_str(path: &str) -> PyResult<u64> {
        Ok(fs::metadata(path)?.len())
    }

    /// Right for str and os.PathLike: any name the file system allows.
    #[pyfunction]
    fn size(path: PathBuf) -> PyResult<u64> {
        Ok(fs::metadata(path)?.len())
    }

    /// Also accepts bytes, through os.fsdecode, which keeps every byte of a name.
    #[pyfunction]
    fn size_any(path: &Bound<'_, PyAny>) -> PyResult<u64> {
        let os = path.py().import("os")?;
        let path: PathBuf = os.call_method1("fsdecode", (path,))?.extract()?;
        Ok(fs::metadata(path)?.len())
    }
    // ANCHOR_END: paths

    // ANCHOR: list-dir
    /// Wrong: lossy names that no longer name the file.
    #[pyfunction]
    fn names_lossy(directory: PathBuf) -> PyResult<Vec<String>> {
        let mut names = Vec::new();
        for entry in fs::read_dir(directory)? {
            names.push(entry?.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }

    /// Right: the names as paths, exactly as the file system has them.
    #[pyfunction]
    fn names(directory: PathBuf) -> PyResult<Vec<PathBuf>> {
        let mut names = Vec::new();
        for entry in fs::read_dir(directory)? {
            names.push(PathBuf::from(entry?.file_name()));
        }
        names.sort();
        Ok(names)
    }
    // ANCHOR_END: list-dir
}
