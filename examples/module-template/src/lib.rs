//! The module template: one extension module with a docstring, functions,
//! a class and a submodule, in PyO3's declarative `#[pymodule]` form.

// ANCHOR: module
/// Parse and compare semantic version numbers such as "1.4.2".
#[pyo3::pymodule]
mod _module_template_rs {
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    /// The highest version part this module accepts.
    #[pymodule_export]
    const MAX_PART: u64 = u32::MAX as u64;

    /// A version number made of major, minor and patch parts.
    #[pyclass(frozen, eq, ord, hash, from_py_object)]
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Version {
        #[pyo3(get)]
        major: u64,
        #[pyo3(get)]
        minor: u64,
        #[pyo3(get)]
        patch: u64,
    }

    #[pymethods]
    impl Version {
        #[new]
        fn new(major: u64, minor: u64, patch: u64) -> PyResult<Self> {
            for part in [major, minor, patch] {
                if part > MAX_PART {
                    return Err(PyValueError::new_err(format!(
                        "version part {part} is larger than {MAX_PART}"
                    )));
                }
            }
            Ok(Self {
                major,
                minor,
                patch,
            })
        }

        fn __repr__(&self) -> String {
            format!("Version({}, {}, {})", self.major, self.minor, self.patch)
        }

        fn __str__(&self) -> String {
            format!("{}.{}.{}", self.major, self.minor, self.patch)
        }
    }

    /// Parse "MAJOR.MINOR.PATCH" into a Version.
    #[pyfunction]
    fn parse(text: &str) -> PyResult<Version> {
        let parts: Vec<&str> = text.trim().split('.').collect();
        let [major, minor, patch] = parts[..] else {
            return Err(PyValueError::new_err(format!(
                "expected MAJOR.MINOR.PATCH, got {text:?}"
            )));
        };
        let number = |part: &str| {
            part.parse::<u64>()
                .map_err(|_| PyValueError::new_err(format!("{part:?} is not a whole number")))
        };
        Version::new(number(major)?, number(minor)?, number(patch)?)
    }

    /// Questions about sets of versions.
    #[pymodule]
    mod compare {
        use super::Version;
        use pyo3::prelude::*;

        /// Return the newest of the given versions, or None if there are none.
        #[pyfunction]
        fn newest(versions: Vec<Version>) -> Option<Version> {
            versions.into_iter().max()
        }
    }
}
// ANCHOR_END: module
