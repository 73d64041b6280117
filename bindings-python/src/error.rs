//! The core's error table, exported so the Python layer derives its classes and codes from it.

use pyo3::prelude::*;

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
