//! The core's error table, exported so the Python layer derives its classes and codes from it.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use ferromcp_core::ErrorKind;

/// `[(name, code or None), ...]` for every error kind, in table order.
#[pyfunction]
pub fn error_kinds() -> Vec<(&'static str, Option<i64>)> {
    ErrorKind::ALL
        .iter()
        .map(|k| (k.name(), k.code().map(|c| c.0)))
        .collect()
}

/// The protocol revisions the core negotiates, oldest first.
#[pyfunction]
pub fn supported_versions() -> Vec<&'static str> {
    ferromcp_core::protocol::SUPPORTED_VERSIONS.to_vec()
}

static CLASSES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A local core error as the matching `ferromcp.errors` exception, keeping the cause's text.
pub fn to_py_err(py: Python<'_>, e: ferromcp_core::Error) -> PyErr {
    let kind = e.kind();
    let class = CLASSES
        .import(py, "ferromcp.errors", "CLASSES")
        .and_then(|classes| classes.get_item(kind.name()))
        .and_then(|c| c.cast_into::<PyType>().map_err(PyErr::from));
    match class {
        Ok(class) => PyErr::from_type(class, (e.to_string(),)),
        Err(lookup) => lookup,
    }
}
