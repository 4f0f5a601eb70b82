//! Shipping: the module that the page builds into wheels and a source
//! distribution, and with which it measures the release profile.

/// Sums numbers from text, and panics on request.
#[pyo3::pymodule]
mod _shipping_rs {
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    // ANCHOR: sum
    /// Sum of the whitespace-separated numbers in `text`.
    ///
    /// Raises ValueError naming the first word that is not a number.
    #[pyfunction]
    fn sum_numbers(text: &str) -> PyResult<f64> {
        text.split_whitespace().try_fold(0.0, |total, word| {
            let number: f64 = word
                .parse()
                .map_err(|_| PyValueError::new_err(format!("not a number: {word:?}")))?;
            Ok(total + number)
        })
    }
    // ANCHOR_END: sum

    // ANCHOR: panic
    /// Panic with `message`, as a bug would: DON'T write this.
    ///
    /// It exists only to show what the profile's `panic` setting decides.
    #[pyfunction]
    fn panic_on_purpose(message: &str) {
        panic!("{message}");
    }
    // ANCHOR_END: panic
}
