//! Placeholder.
#[pyo3::pymodule]
mod _type_conversions_rs {}
