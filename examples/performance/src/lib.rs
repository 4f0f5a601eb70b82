//! Small functions whose only purpose is to be measured: each pair differs in
//! one thing that the performance page is about.

/// Functions that show what crossing the Python/Rust boundary costs.
#[pyo3::pymodule]
mod _performance_rs {
    use pyo3::prelude::*;

    // ANCHOR: batch
    /// Multiply one number: called once per element from a Python loop.
    #[pyfunction]
    fn scale(value: f64, factor: f64) -> f64 {
        value * factor
    }

    /// Multiply every number of a list in one call.
    #[pyfunction]
    fn scale_all(values: Vec<f64>, factor: f64) -> Vec<f64> {
        values.into_iter().map(|value| value * factor).collect()
    }
    // ANCHOR_END: batch

    // ANCHOR: detach
    /// CPU-bound work that never touches a Python object: a xorshift chain.
    fn spin(iterations: u64) -> u64 {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..std::hint::black_box(iterations) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
        }
        state
    }

    /// Run `spin` while holding the interpreter: other threads wait.
    #[pyfunction]
    fn spin_attached(iterations: u64) -> u64 {
        spin(iterations)
    }

    /// Run `spin` detached from the interpreter: other threads run meanwhile.
    #[pyfunction]
    fn spin_detached(py: Python<'_>, iterations: u64) -> u64 {
        py.detach(|| spin(iterations))
    }
    // ANCHOR_END: detach

    // ANCHOR: bytes-return
    use pyo3::exceptions::PyValueError;
    use pyo3::types::PyBytes;

    /// The largest buffer the `make_*` functions agree to build (1 GiB).
    #[pymodule_export]
    const MAX_LEN: usize = 1 << 30;

    /// Fill a buffer with a pattern, standing in for real output.
    fn fill(buffer: &mut [u8]) {
        for (index, byte) in buffer.iter_mut().enumerate() {
            *byte = (index as u8).wrapping_mul(31);
        }
    }

    fn check_len(len: usize) -> PyResult<()> {
        if len > MAX_LEN {
            return Err(PyValueError::new_err(format!(
                "len {len} is larger than {MAX_LEN}"
            )));
        }
        Ok(())
    }

    /// Build a Vec and return it: PyO3 copies it into a new bytes object.
    #[pyfunction]
    fn make_vec(len: usize) -> PyResult<Vec<u8>> {
        check_len(len)?;
        let mut buffer = vec![0; len];
        fill(&mut buffer);
        Ok(buffer)
    }

    /// Build a Vec and copy it into bytes by hand: the same single copy.
    #[pyfunction]
    fn make_pybytes(py: Python<'_>, len: usize) -> PyResult<Bound<'_, PyBytes>> {
        check_len(len)?;
        let mut buffer = vec![0; len];
        fill(&mut buffer);
        Ok(PyBytes::new(py, &buffer))
    }

    /// Write straight into the memory of a new bytes object: no copy.
    #[pyfunction]
    fn make_new_with(py: Python<'_>, len: usize) -> PyResult<Bound<'_, PyBytes>> {
        check_len(len)?;
        PyBytes::new_with(py, len, |buffer| {
            fill(buffer);
            Ok(())
        })
    }
    // ANCHOR_END: bytes-return

    // ANCHOR: bytes-params
    use std::borrow::Cow;

    fn checksum(data: &[u8]) -> u64 {
        data.iter().map(|&byte| u64::from(byte)).sum()
    }

    /// Borrow the bytes object's own memory: no copy, but only `bytes`.
    #[pyfunction]
    fn checksum_slice(data: &[u8]) -> u64 {
        checksum(data)
    }

    /// Borrow from `bytes`; copy anything else that converts to `Vec<u8>`.
    #[pyfunction]
    fn checksum_cow(data: Cow<'_, [u8]>) -> u64 {
        checksum(&data)
    }

    /// Always copy into a new Vec.
    #[pyfunction]
    fn checksum_vec(data: Vec<u8>) -> u64 {
        checksum(&data)
    }

    /// Whether a `Cow<[u8]>` argument borrowed the object's memory.
    #[pyfunction]
    fn cow_borrows(data: Cow<'_, [u8]>) -> bool {
        matches!(data, Cow::Borrowed(_))
    }

    /// The address of the memory a `&[u8]` argument points to.
    #[pyfunction]
    fn slice_address(data: &[u8]) -> usize {
        data.as_ptr() as usize
    }
    // ANCHOR_END: bytes-params
}
