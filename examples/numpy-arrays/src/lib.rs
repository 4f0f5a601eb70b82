//! NumPy arrays from Rust with the numpy crate: borrowed views, new arrays,
//! and which of them copy.

/// Borrowed views of NumPy arrays, and new arrays made in Rust.
#[pyo3::pymodule]
mod _numpy_arrays_rs {
    use numpy::ndarray::{Array1, Zip};
    use numpy::{
        IntoPyArray, PyArray1, PyReadonlyArray1, PyReadonlyArray2, PyReadwriteArray1, ToPyArray,
    };
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    // ANCHOR: readonly
    /// Sum of the elements, read where they are.
    #[pyfunction]
    fn total(values: PyReadonlyArray1<'_, f64>) -> f64 {
        values.as_array().sum()
    }

    /// Sum of each row of a matrix.
    #[pyfunction]
    fn row_totals<'py>(
        py: Python<'py>,
        matrix: PyReadonlyArray2<'py, f64>,
    ) -> Bound<'py, PyArray1<f64>> {
        let matrix = matrix.as_array();
        let totals: Array1<f64> = matrix.rows().into_iter().map(|row| row.sum()).collect();
        totals.into_pyarray(py)
    }

    /// Where the first element that Rust reads is in memory.
    #[pyfunction]
    fn data_address(values: PyReadonlyArray1<'_, f64>) -> usize {
        values.as_array().as_ptr() as usize
    }
    // ANCHOR_END: readonly

    // ANCHOR: readwrite
    /// Multiply every element by `factor`, in the caller's array.
    #[pyfunction]
    fn scale_in_place(mut values: PyReadwriteArray1<'_, f64>, factor: f64) {
        values.as_array_mut().mapv_inplace(|value| value * factor);
    }

    /// Add `source` to `target`, element by element, in `target`.
    #[pyfunction]
    fn add_into(
        source: PyReadonlyArray1<'_, f64>,
        mut target: PyReadwriteArray1<'_, f64>,
    ) -> PyResult<()> {
        let source = source.as_array();
        let mut target = target.as_array_mut();
        if source.len() != target.len() {
            return Err(PyValueError::new_err(format!(
                "source has {} elements, target has {}",
                source.len(),
                target.len()
            )));
        }
        target += &source;
        Ok(())
    }
    // ANCHOR_END: readwrite

    // ANCHOR: new-arrays
    /// The squares of `values` in a new array that takes over the buffer
    /// Rust allocated for them; and where that buffer was.
    #[pyfunction]
    fn squares_moved<'py>(
        py: Python<'py>,
        values: PyReadonlyArray1<'py, f64>,
    ) -> (Bound<'py, PyArray1<f64>>, usize) {
        let squares: Array1<f64> = values.as_array().mapv(|v| v * v);
        let address = squares.as_ptr() as usize;
        (squares.into_pyarray(py), address)
    }

    /// The same squares, copied into an array that NumPy allocates.
    #[pyfunction]
    fn squares_copied<'py>(
        py: Python<'py>,
        values: PyReadonlyArray1<'py, f64>,
    ) -> (Bound<'py, PyArray1<f64>>, usize) {
        let squares: Array1<f64> = values.as_array().mapv(|v| v * v);
        let address = squares.as_ptr() as usize;
        (squares.to_pyarray(py), address)
    }
    // ANCHOR_END: new-arrays

    // ANCHOR: hypot
    /// `sqrt(x**2 + y**2)` for each pair, in one pass and one new array.
    #[pyfunction]
    fn hypot<'py>(
        py: Python<'py>,
        x: PyReadonlyArray1<'py, f64>,
        y: PyReadonlyArray1<'py, f64>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let (x, y) = (x.as_array(), y.as_array());
        if x.len() != y.len() {
            return Err(PyValueError::new_err(format!(
                "x has {} elements, y has {}",
                x.len(),
                y.len()
            )));
        }
        let result = Zip::from(&x)
            .and(&y)
            .map_collect(|a, b| (a * a + b * b).sqrt());
        Ok(result.into_pyarray(py))
    }
    // ANCHOR_END: hypot
}
