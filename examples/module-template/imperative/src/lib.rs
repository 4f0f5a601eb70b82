//! The module template in the older, imperative style: a function that
//! receives the module object and adds each item to it by hand.  It still
//! compiles with today's PyO3; the session on the page shows what it does
//! differently from the declarative form.

use pyo3::prelude::*;

#[pyfunction]
fn double(x: i64) -> i64 {
    x.saturating_mul(2)
}

#[pyclass(frozen)]
struct Counter {
    #[pyo3(get)]
    start: i64,
}

// ANCHOR: imperative
#[pymodule]
fn _module_template_imperative_rs(py: Python<'_>, m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__doc__", "Documentation set by hand.")?;
    m.add_function(wrap_pyfunction!(double, m)?)?;
    m.add_class::<Counter>()?;

    let helpers = PyModule::new(py, "helpers")?;
    helpers.add_function(wrap_pyfunction!(double, &helpers)?)?;
    m.add_submodule(&helpers)?;
    Ok(())
}
// ANCHOR_END: imperative
