//! Submodules chosen at import time and registered in `sys.modules`, so that
//! `import _submodules_rs.text` works like it does for a Python package.

// ANCHOR: functions
/// The functions of the submodules. They live outside the `#[pymodule]`
/// `mod`, which would otherwise add each one to the top-level module.
mod functions {
    use pyo3::prelude::*;

    /// Upper-case the text and add an exclamation mark.
    #[pyfunction]
    pub fn shout(text: &str) -> String {
        format!("{}!", text.to_uppercase())
    }

    /// The arithmetic mean, or None for no values.
    #[pyfunction]
    pub fn mean(values: Vec<f64>) -> Option<f64> {
        if values.is_empty() {
            return None;
        }
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }

    /// The Adler-32 checksum of the bytes.
    #[pyfunction]
    pub fn adler32(data: &[u8]) -> u32 {
        const MOD: u32 = 65_521;
        let (mut a, mut b) = (1_u32, 0_u32);
        for &byte in data {
            a = (a + u32::from(byte)) % MOD;
            b = (b + a) % MOD;
        }
        (b << 16) | a
    }
}
// ANCHOR_END: functions

/// Small helpers in three submodules; `SUBMODULES_RS_SELECT` picks which exist.
#[pyo3::pymodule]
mod _submodules_rs {
    use pyo3::exceptions::PyImportError;
    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    use super::functions::{adler32, mean, shout};

    // ANCHOR: builders
    /// Builds the contents of one submodule into an empty module.
    type Builder = fn(&Bound<'_, PyModule>) -> PyResult<()>;

    /// Every submodule this extension can create, in creation order.
    const SUBMODULES: [(&str, Builder); 3] = [
        ("text", build_text),
        ("stats", build_stats),
        ("checksum", build_checksum),
    ];

    fn build_text(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.setattr("__doc__", "Text helpers.")?;
        module.add_function(wrap_pyfunction!(shout, module)?)
    }
    // ANCHOR_END: builders

    fn build_stats(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.setattr("__doc__", "Statistics helpers.")?;
        module.add_function(wrap_pyfunction!(mean, module)?)
    }

    fn build_checksum(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.setattr("__doc__", "Checksums.")?;
        module.add_function(wrap_pyfunction!(adler32, module)?)
    }

    // ANCHOR: select
    /// The environment variable that chooses the submodules.
    const SELECT_VARIABLE: &str = "SUBMODULES_RS_SELECT";

    /// The names listed in SUBMODULES_RS_SELECT, or every name if it is unset
    /// or empty. An unknown name is an ImportError that lists the known ones.
    fn selected() -> PyResult<Vec<&'static str>> {
        let all = SUBMODULES.map(|(name, _)| name);
        let Some(value) = std::env::var_os(SELECT_VARIABLE) else {
            return Ok(all.to_vec());
        };
        let value = value.to_str().ok_or_else(|| {
            PyImportError::new_err(format!("{SELECT_VARIABLE} is not valid UTF-8"))
        })?;
        if value.trim().is_empty() {
            return Ok(all.to_vec());
        }
        let mut chosen = Vec::new();
        for wanted in value.split(',').map(str::trim) {
            let Some(name) = all.iter().find(|name| **name == wanted) else {
                return Err(PyImportError::new_err(format!(
                    "{SELECT_VARIABLE}: unknown submodule {wanted:?}; known: {}",
                    all.join(", ")
                )));
            };
            if !chosen.contains(name) {
                chosen.push(*name);
            }
        }
        Ok(chosen)
    }
    // ANCHOR_END: select

    // ANCHOR: init
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        let sys_modules = py.import("sys")?.getattr("modules")?;
        let own_name = m.name()?;
        let own_name = own_name.to_cow()?;
        let public = public_name(&own_name);
        let chosen = selected()?;
        for (name, build) in SUBMODULES {
            if !chosen.contains(&name) {
                continue;
            }
            // The dotted name is __name__, the functions' __module__, and
            // the key that `import _submodules_rs.text` finds in sys.modules.
            let full_name = format!("{public}.{name}");
            let submodule = PyModule::new(py, &full_name)?;
            build(&submodule)?;
            // Stored on the parent under the last part of its name, `name`.
            m.add_submodule(&submodule)?;
            sys_modules.set_item(&full_name, &submodule)?;
        }
        m.add("SELECTED", PyTuple::new(py, chosen)?)?;
        m.add("SELECT_VARIABLE", SELECT_VARIABLE)
    }

    /// The name users import. maturin installs this extension as
    /// `_submodules_rs/_submodules_rs.abi3.so` inside a package that
    /// re-exports it, so the extension's own name is
    /// "_submodules_rs._submodules_rs" and the public one is its package.
    fn public_name(own_name: &str) -> &str {
        match own_name.rsplit_once('.') {
            Some((package, _)) => package,
            None => own_name,
        }
    }
    // ANCHOR_END: init
}
