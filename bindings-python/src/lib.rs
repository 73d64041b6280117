//! `ferromcp._core`: the native half of the Python package. Registration only; the pieces live
//! in the modules below.

// The module's allocator (mimalloc).
use ferromcp_alloc as _;

mod auth;
mod convert;
mod error;
mod events;
mod handler;
mod http;
mod idle;
mod model;
mod runtime;
mod server;
mod tasks;

use pyo3::prelude::*;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    runtime::install_log_bridge();
    m.add_class::<server::StdioConnection>()?;
    m.add_class::<server::AesGcmCodec>()?;
    m.add_class::<http::HttpServer>()?;
    m.add_class::<events::PyMemoryEventStore>()?;
    m.add_class::<http::HttpApp>()?;
    m.add_class::<http::ResponseBody>()?;
    m.add_class::<auth::PyResourceMetadata>()?;
    m.add_class::<server::PySession>()?;
    m.add_class::<server::PyRequestContext>()?;
    m.add_class::<handler::Slot>()?;
    m.add_class::<handler::PlainArguments>()?;
    m.add_class::<handler::CallNext>()?;
    m.add_class::<handler::CallNextNotification>()?;
    m.add_class::<model::ModelBase>()?;
    m.add_class::<model::InitSpec>()?;
    m.add_class::<tasks::FirstStep>()?;
    m.add_class::<tasks::LazyTask>()?;
    m.add_function(wrap_pyfunction!(tasks::stepping_lazy, m)?)?;
    m.add_class::<server::PyRegistry>()?;
    m.add_function(wrap_pyfunction!(server::capabilities, m)?)?;
    m.add_function(wrap_pyfunction!(error::error_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(error::supported_versions, m)?)?;
    m.add_function(wrap_pyfunction!(error::compare_versions, m)?)?;
    m.add_function(wrap_pyfunction!(error::tool_failure, m)?)?;
    m.add_function(wrap_pyfunction!(error::missing_client_capabilities, m)?)?;
    m.add_function(wrap_pyfunction!(server::refused_variable, m)?)?;
    Ok(())
}
