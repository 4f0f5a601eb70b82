//! Conversions between Python objects and Rust values: what each Rust type
//! accepts, which conversions copy, holding Python objects in Rust, and the
//! `FromPyObject` / `IntoPyObject` traits and their derives.

/// Which Python values become which Rust values, and at what cost.
#[pyo3::pymodule]
mod _type_conversions_rs {
    use std::borrow::Cow;
    use std::convert::Infallible;

    use pyo3::IntoPyObjectExt;
    use pyo3::prelude::*;
    use pyo3::types::{PyBytes, PyFloat, PyList};

    // ANCHOR: primitives
    /// Return the argument after converting it to a Rust i64.
    #[pyfunction]
    fn as_i64(value: i64) -> i64 {
        value
    }

    /// Return the argument after converting it to a Rust u8.
    #[pyfunction]
    fn as_u8(value: u8) -> u8 {
        value
    }

    /// Return the argument after converting it to a Rust f64.
    #[pyfunction]
    fn as_f64(value: f64) -> f64 {
        value
    }

    /// Return the argument after converting it to a Rust bool.
    #[pyfunction]
    fn as_bool(value: bool) -> bool {
        value
    }

    /// Return the argument after converting it to a Rust String.
    #[pyfunction]
    fn as_string(value: String) -> String {
        value
    }
    // ANCHOR_END: primitives

    // ANCHOR: borrow-or-copy
    /// "borrowed" if the text points into the Python str, "copied" if not.
    #[pyfunction]
    fn str_storage(text: Cow<'_, str>) -> &'static str {
        match text {
            Cow::Borrowed(_) => "borrowed",
            Cow::Owned(_) => "copied",
        }
    }

    /// "borrowed" if the data points into the Python object, "copied" if not.
    #[pyfunction]
    fn bytes_storage(data: Cow<'_, [u8]>) -> &'static str {
        match data {
            Cow::Borrowed(_) => "borrowed",
            Cow::Owned(_) => "copied",
        }
    }

    /// Sum of the bytes, read in place: accepts `bytes` only.
    #[pyfunction]
    fn sum_slice(data: &[u8]) -> u64 {
        data.iter().map(|&byte| u64::from(byte)).sum()
    }

    /// Sum of the bytes, from an owned copy: bytes, bytearray or a list of ints.
    #[pyfunction]
    fn sum_vec(data: Vec<u8>) -> u64 {
        data.iter().map(|&byte| u64::from(byte)).sum()
    }

    /// Sum of the bytes of a `bytes` object, through the object itself.
    #[pyfunction]
    fn sum_pybytes(data: &Bound<'_, PyBytes>) -> u64 {
        data.as_bytes().iter().map(|&byte| u64::from(byte)).sum()
    }
    // ANCHOR_END: borrow-or-copy

    // ANCHOR: lists
    /// Append to a Rust copy of the list and return the copy.
    #[pyfunction]
    fn append_to_copy(mut items: Vec<i64>, value: i64) -> Vec<i64> {
        items.push(value);
        items
    }

    /// Append to the caller's list itself.
    #[pyfunction]
    fn append_in_place(items: &Bound<'_, PyList>, value: i64) -> PyResult<()> {
        items.append(value)
    }

    /// Return the very object that was passed in.
    #[pyfunction]
    fn same_object<'py>(obj: Bound<'py, PyAny>) -> Bound<'py, PyAny> {
        obj
    }
    // ANCHOR_END: lists

    // ANCHOR: from-py-object
    /// A point given as a pair, a dict with "x" and "y", or any object with
    /// `.x` and `.y` attributes. The variants are tried in this order.
    #[derive(FromPyObject)]
    enum Point {
        Pair(f64, f64),
        Mapping {
            #[pyo3(item)]
            x: f64,
            #[pyo3(item)]
            y: f64,
        },
        Attributes {
            x: f64,
            y: f64,
        },
    }

    impl Point {
        fn xy(&self) -> (f64, f64) {
            match *self {
                Point::Pair(x, y) | Point::Mapping { x, y } | Point::Attributes { x, y } => (x, y),
            }
        }
    }

    /// The straight-line distance between two points.
    #[pyfunction]
    fn distance(a: Point, b: Point) -> f64 {
        let ((ax, ay), (bx, by)) = (a.xy(), b.xy());
        (ax - bx).hypot(ay - by)
    }

    /// Retry settings read from a dict; a missing "retries" key means 3.
    #[derive(FromPyObject)]
    struct RetryPolicy {
        #[pyo3(item)]
        name: String,
        #[pyo3(item, default = 3)]
        retries: u32,
    }

    /// Describe a retry policy given as a dict.
    #[pyfunction]
    fn describe_policy(policy: RetryPolicy) -> String {
        format!("{}: {} retries", policy.name, policy.retries)
    }
    // ANCHOR_END: from-py-object

    // ANCHOR: into-py-object
    /// Converted to a dict with the field names as keys.
    #[derive(IntoPyObject)]
    struct Summary {
        count: usize,
        mean: Option<f64>,
    }

    /// Count and mean of the values, returned as a dict.
    #[pyfunction]
    fn summarize(values: Vec<f64>) -> Summary {
        let count = values.len();
        let mean = (count > 0).then(|| values.iter().sum::<f64>() / count as f64);
        Summary { count, mean }
    }

    /// A temperature kept in kelvin, given to Python in degrees Celsius.
    struct Kelvin(f64);

    impl<'py> IntoPyObject<'py> for Kelvin {
        type Target = PyFloat;
        type Output = Bound<'py, PyFloat>;
        type Error = Infallible;

        fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
            Ok(PyFloat::new(py, self.0 - 273.15))
        }
    }

    /// Water's boiling point, stored in kelvin, returned in Celsius.
    #[pyfunction]
    fn boiling_point() -> Kelvin {
        Kelvin(373.15)
    }

    /// An int for a number-like label, else the text: two Python types.
    #[pyfunction]
    fn parse_label(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
        match text.parse::<i64>() {
            Ok(number) => number.into_py_any(py),
            Err(_) => text.into_py_any(py),
        }
    }
    // ANCHOR_END: into-py-object
}
