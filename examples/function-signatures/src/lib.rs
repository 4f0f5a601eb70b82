//! Function signatures: defaults, keyword-only and positional-only
//! arguments, optional arguments, `*args` and `**kwargs`.

/// Functions whose Python signatures are declared with `#[pyo3(signature)]`.
#[pyo3::pymodule]
mod _function_signatures_rs {
    use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyInt, PyString, PyTuple};
    use std::fs;
    use std::io;
    use std::path::{Path, PathBuf};

    // ANCHOR: stat
    /// Return the kind and size of the file at `path`.
    ///
    /// With follow_symlinks=False a symbolic link is described itself,
    /// instead of the file it points to.
    #[pyfunction]
    #[pyo3(signature = (path, *, follow_symlinks = true))]
    fn stat(py: Python<'_>, path: PathBuf, follow_symlinks: bool) -> PyResult<Bound<'_, PyDict>> {
        let metadata = if follow_symlinks {
            fs::metadata(&path)
        } else {
            fs::symlink_metadata(&path)
        }
        .map_err(|err| os_error(&err, &path))?;

        let kind = if metadata.is_symlink() {
            "symlink"
        } else if metadata.is_dir() {
            "directory"
        } else {
            "file"
        };
        let info = PyDict::new(py);
        info.set_item("kind", kind)?;
        info.set_item("size", metadata.len())?;
        Ok(info)
    }

    /// Build an OSError like the one `os.stat` raises: with errno, message and
    /// file name, so Python picks the subclass (FileNotFoundError, ...).
    fn os_error(err: &io::Error, path: &Path) -> PyErr {
        let message = err.to_string();
        match err.raw_os_error() {
            Some(code) => {
                let suffix = format!(" (os error {code})");
                let text = message.strip_suffix(&suffix).unwrap_or(&message);
                PyOSError::new_err((code, text.to_owned(), path.as_os_str().to_owned()))
            }
            None => PyOSError::new_err(message),
        }
    }
    // ANCHOR_END: stat

    // ANCHOR: optional
    /// Split `text` into words: on runs of whitespace when `sep` is None,
    /// otherwise on every occurrence of `sep`.
    #[pyfunction]
    #[pyo3(signature = (text, sep = None))]
    fn split_words(text: &str, sep: Option<&str>) -> PyResult<Vec<String>> {
        match sep {
            None => Ok(text.split_whitespace().map(str::to_owned).collect()),
            Some("") => Err(PyValueError::new_err("empty separator")),
            Some(sep) => Ok(text.split(sep).map(str::to_owned).collect()),
        }
    }

    /// The same without `= None`: `sep` may be None, but must be passed.
    #[pyfunction]
    fn split_words_required(text: &str, sep: Option<&str>) -> PyResult<Vec<String>> {
        split_words(text, sep)
    }
    // ANCHOR_END: optional

    // ANCHOR: positional-only
    /// Render an HTML-like start tag: `tag("a", href="/")` is `<a href="/">`.
    ///
    /// `name` is positional-only, so `name=...` can be an attribute.
    #[pyfunction]
    #[pyo3(signature = (name, /, **attributes))]
    fn tag(name: &str, attributes: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        let mut out = format!("<{name}");
        // `**attributes` is None when the caller passed no keyword arguments.
        if let Some(attributes) = attributes {
            for (key, value) in attributes.iter() {
                let key = key.cast::<PyString>()?;
                out.push_str(&format!(" {key}=\"{}\"", value.str()?));
            }
        }
        out.push('>');
        Ok(out)
    }
    // ANCHOR_END: positional-only

    // ANCHOR: args
    /// Add up any number of integers, starting from `start`.
    #[pyfunction]
    #[pyo3(signature = (*numbers, start = 0))]
    fn total(numbers: &Bound<'_, PyTuple>, start: i64) -> PyResult<i64> {
        let mut sum = start;
        for (index, item) in numbers.iter().enumerate() {
            if !item.is_instance_of::<PyInt>() {
                let type_name = item.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "argument {index} must be an int, not {type_name}"
                )));
            }
            // An int too large for i64 raises OverflowError here.
            let value: i64 = item.extract()?;
            sum = sum
                .checked_add(value)
                .ok_or_else(|| PyValueError::new_err("total does not fit in 64 bits"))?;
        }
        Ok(sum)
    }

    /// Report how the arguments arrived in Rust.
    #[pyfunction]
    #[pyo3(signature = (*args, **kwargs))]
    fn arrived(args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> String {
        let kwargs = match kwargs {
            Some(dict) => format!("Some(dict of {})", dict.len()),
            None => "None".to_owned(),
        };
        format!("args: tuple of {}, kwargs: {kwargs}", args.len())
    }
    // ANCHOR_END: args

    // ANCHOR: args-converted
    /// The same sum, with `*numbers` converted by PyO3 into a `Vec<i64>`.
    #[pyfunction]
    #[pyo3(signature = (*numbers, start = 0))]
    fn total_converted(numbers: Vec<i64>, start: i64) -> PyResult<i64> {
        numbers
            .into_iter()
            .try_fold(start, i64::checked_add)
            .ok_or_else(|| PyValueError::new_err("total does not fit in 64 bits"))
    }
    // ANCHOR_END: args-converted

    // ANCHOR: defaults-shown
    /// Limit `value` to the range from `low` to `high`.
    #[pyfunction]
    #[pyo3(signature = (value, low = -1.0, high = 1.0))]
    fn clamp(value: f64, low: f64, high: f64) -> PyResult<f64> {
        // f64::clamp panics on NaN bounds or low > high: check first.
        if low.is_nan() || high.is_nan() || low > high {
            return Err(PyValueError::new_err(format!(
                "need low <= high, got low={low:?}, high={high:?}"
            )));
        }
        Ok(value.clamp(low, high))
    }

    /// The same, with the signature text written by hand.
    #[pyfunction]
    #[pyo3(
        signature = (value, low = -1.0, high = 1.0),
        text_signature = "(value, low=-1.0, high=1.0)"
    )]
    fn clamp_documented(value: f64, low: f64, high: f64) -> PyResult<f64> {
        clamp(value, low, high)
    }
    // ANCHOR_END: defaults-shown
}
