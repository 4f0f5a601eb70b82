//! Small proofs for the practices page: what `#[new]` defines, and how a
//! Rust struct becomes a Python object without the removed `IntoPy` trait.

/// Proofs for the rules on the practices page.
#[pyo3::pymodule]
mod _practices_rs {
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    const ABSOLUTE_ZERO: f64 = -273.15;

    // ANCHOR: new
    /// A temperature in degrees Celsius.
    #[pyclass(frozen)]
    struct Celsius {
        #[pyo3(get)]
        degrees: f64,
    }

    #[pymethods]
    impl Celsius {
        /// Becomes `Celsius.__new__`: the object is built complete, in one step.
        #[new]
        fn new(degrees: f64) -> PyResult<Self> {
            // NaN fails this test too.
            if degrees >= ABSOLUTE_ZERO {
                Ok(Self { degrees })
            } else {
                Err(PyValueError::new_err(format!(
                    "{degrees} °C is below absolute zero"
                )))
            }
        }
    }
    // ANCHOR_END: new

    // ANCHOR: into-pyobject
    /// Derived `IntoPyObject`: a struct with named fields becomes a dict.
    #[derive(IntoPyObject)]
    struct Reading {
        celsius: f64,
        fahrenheit: f64,
    }

    /// Convert a temperature to both scales.
    #[pyfunction]
    fn reading(temperature: &Bound<'_, Celsius>) -> Reading {
        let celsius = temperature.get().degrees;
        Reading {
            celsius,
            fahrenheit: celsius * 9.0 / 5.0 + 32.0,
        }
    }
    // ANCHOR_END: into-pyobject
}
