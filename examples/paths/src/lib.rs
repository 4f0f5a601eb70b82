//! Paths: accepting str, bytes and os.PathLike objects, and file names
//! that are not valid UTF-8.

/// File-system paths from Python: str, bytes and os.PathLike.
#[pyo3::pymodule]
mod _paths_rs {
    use pyo3::exceptions::PyTypeError;
    use pyo3::intern;
    use pyo3::prelude::*;
    use pyo3::types::{PyBytes, PyString};
    use std::ffi::OsString;
    use std::path::PathBuf;

    // ANCHOR: native
    /// Return `path` as PyO3's built-in `PathBuf` conversion sees it.
    #[pyfunction]
    fn native(path: PathBuf) -> PathBuf {
        path
    }
    // ANCHOR_END: native

    // ANCHOR: extract-path
    /// Convert a str, bytes or os.PathLike object to a `PathBuf`.
    fn extract_path(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
        if let Some(path) = str_or_bytes(obj)? {
            return Ok(path);
        }
        // Like os.fspath, look the method up on the type.
        let Ok(fspath) = obj.get_type().getattr(intern!(obj.py(), "__fspath__")) else {
            let type_name = obj.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "expected str, bytes or os.PathLike object, not {type_name}"
            )));
        };
        // Call __fspath__ once; its result must be str or bytes, as with
        // os.fspath.  No recursion: an object returning itself cannot loop.
        let result = fspath.call1((obj,))?;
        str_or_bytes(&result)?.ok_or_else(|| {
            let name = |obj: &Bound<'_, PyAny>| {
                obj.get_type()
                    .name()
                    .map_or_else(|_| "?".to_owned(), |name| name.to_string())
            };
            PyTypeError::new_err(format!(
                "expected {}.__fspath__() to return str or bytes, not {}",
                name(obj),
                name(&result)
            ))
        })
    }

    fn str_or_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Option<PathBuf>> {
        if obj.is_instance_of::<PyString>() {
            // OsString round-trips names that are not UTF-8 (surrogateescape).
            return Ok(Some(obj.extract::<OsString>()?.into()));
        }
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return bytes_to_path(bytes.as_bytes()).map(Some);
        }
        Ok(None)
    }

    #[cfg(unix)]
    fn bytes_to_path(bytes: &[u8]) -> PyResult<PathBuf> {
        use std::os::unix::ffi::OsStrExt;
        Ok(std::ffi::OsStr::from_bytes(bytes).into())
    }

    #[cfg(not(unix))]
    fn bytes_to_path(bytes: &[u8]) -> PyResult<PathBuf> {
        // Elsewhere (Windows) bytes paths are UTF-8, as in Python.
        std::str::from_utf8(bytes)
            .map(PathBuf::from)
            .map_err(|err| {
                pyo3::exceptions::PyValueError::new_err(format!("path is not UTF-8: {err}"))
            })
    }
    // ANCHOR_END: extract-path

    // ANCHOR: flexible
    /// Return `path` as a pathlib.Path; bytes are accepted too.
    #[pyfunction]
    fn flexible(#[pyo3(from_py_with = extract_path)] path: PathBuf) -> PathBuf {
        path
    }
    // ANCHOR_END: flexible

    // ANCHOR: files
    /// Create an empty file at `path` (str, bytes or os.PathLike).
    #[pyfunction]
    fn touch(py: Python<'_>, #[pyo3(from_py_with = extract_path)] path: PathBuf) -> PyResult<()> {
        py.detach(|| std::fs::File::create(&path))?;
        Ok(())
    }

    /// The file names in directory `path`, sorted, as raw bytes.
    #[pyfunction]
    fn list_names(
        py: Python<'_>,
        #[pyo3(from_py_with = extract_path)] path: PathBuf,
    ) -> PyResult<Vec<Vec<u8>>> {
        let mut names = py.detach(|| -> std::io::Result<Vec<OsString>> {
            std::fs::read_dir(&path)?
                .map(|entry| entry.map(|entry| entry.file_name()))
                .collect()
        })?;
        names.sort();
        names.into_iter().map(|name| name_bytes(&name)).collect()
    }

    #[cfg(unix)]
    fn name_bytes(name: &std::ffi::OsStr) -> PyResult<Vec<u8>> {
        use std::os::unix::ffi::OsStrExt;
        Ok(name.as_bytes().to_vec())
    }

    #[cfg(not(unix))]
    fn name_bytes(name: &std::ffi::OsStr) -> PyResult<Vec<u8>> {
        name.to_str()
            .map(|name| name.as_bytes().to_vec())
            .ok_or_else(|| {
                pyo3::exceptions::PyValueError::new_err("file name is not valid Unicode")
            })
    }
    // ANCHOR_END: files
}
