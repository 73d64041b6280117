//! The core's error table, exported so the Python layer derives its classes and codes from it.

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use serde_json::Value;

use ferromcp_core::{ErrorCode, ErrorData, ErrorKind, Flavor, HandlerError, Policy, Raised};

use crate::convert::{from_py, to_py};

/// `[(name, code or None), ...]` for every error kind, in table order.
#[pyfunction]
pub fn error_kinds() -> Vec<(&'static str, Option<i64>)> {
    ErrorKind::ALL
        .iter()
        .map(|k| (k.name(), k.code().map(|c| c.0)))
        .collect()
}

/// -1, 0 or 1 as component version `a` orders before, with or after `b` (`None`:
/// unversioned); see `ferromcp_core::versions`.
#[pyfunction]
#[pyo3(signature = (a, b, *, spelling=true))]
pub fn compare_versions(a: Option<&str>, b: Option<&str>, spelling: bool) -> i32 {
    use ferromcp_core::versions::{VersionKey, compare};
    let order = if spelling {
        compare(a, b)
    } else {
        VersionKey::of(a).cmp(&VersionKey::of(b))
    };
    order as i32
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

static NATIVE_MCP_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// What a handler raised, as the core's policy reads it: the class names of its MRO, its text,
/// and the JSON-RPC error an MCP error (ferromcp's, or an official SDK's installed beside it)
/// carries. The core decides what the client sees.
pub fn raised(exc: &Bound<'_, PyAny>) -> HandlerError {
    let py = exc.py();
    // A handler's exception the core already answered, re-raised out of middleware: the same
    // answer.
    if let Ok(answer) = exc.getattr(intern!(py, "__ferromcp_answer__"))
        && let Ok((code, message, data)) = answer.extract::<(i64, String, Bound<'_, PyAny>)>()
    {
        let mut e = ErrorData::new(ErrorCode(code), message);
        if !data.is_none() {
            e.data = Some(from_py(&data).unwrap_or(Value::Null));
        }
        return HandlerError::Rpc(e);
    }
    let classes = exc
        .get_type()
        .mro()
        .iter()
        .filter_map(|c| c.getattr(intern!(py, "__name__")).ok()?.extract().ok())
        .collect::<Vec<String>>();
    let message = exc
        .str()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mcp = classes.iter().any(|c| c == "McpError" || c == "MCPError");
    let error = mcp
        .then(|| exc.getattr(intern!(py, "error")).ok())
        .flatten()
        .and_then(|e| {
            let code = e.getattr(intern!(py, "code")).ok()?.extract::<i64>().ok()?;
            let message = e
                .getattr(intern!(py, "message"))
                .ok()?
                .extract::<String>()
                .ok()?;
            let mut data = ErrorData::new(ErrorCode(code), message);
            data.data = e
                .getattr(intern!(py, "data"))
                .ok()
                .filter(|d| !d.is_none())
                .map(|d| from_py(&d).unwrap_or(Value::Null));
            Some(data)
        });
    let native = error.is_some()
        && NATIVE_MCP_ERROR
            .import(py, "ferromcp.shared.exceptions", "McpError")
            .is_ok_and(|c| exc.is_instance(c).unwrap_or(false));
    HandlerError::Raised(Box::new(Raised {
        classes,
        message,
        error,
        native,
    }))
}

/// The answer policy named by the Python layer (`flavor`, `mask`).
pub fn policy(flavor: &str, mask: Option<bool>) -> PyResult<Policy> {
    let f = Flavor::parse(flavor)
        .ok_or_else(|| PyValueError::new_err(format!("unknown answer flavor {flavor:?}")))?;
    let p = Policy::new(f);
    Ok(match mask {
        Some(m) => p.masked(m),
        None => p,
    })
}

/// How a server of `flavor` answers `exc` raised by tool `tool`, for calls made in process:
/// `(None, text)` for an `isError` result, `(code, message)` for a JSON-RPC error.
#[pyfunction]
#[pyo3(signature = (flavor, mask, tool, exc))]
pub fn tool_failure(
    flavor: &str,
    mask: Option<bool>,
    tool: &str,
    exc: &Bound<'_, PyAny>,
) -> PyResult<(Option<i64>, String)> {
    Ok(
        match policy(flavor, mask)?.tool_failure(tool, raised(exc)) {
            Ok(result) => (
                None,
                result["content"][0]["text"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            ),
            Err(e) => (Some(e.code.0), e.message),
        },
    )
}

/// The capabilities a server→client request (`{"method", "params"}`) needs that the client
/// did not declare (`declared`), as the `requiredCapabilities` of a -32021 error, or None.
#[pyfunction]
pub fn missing_client_capabilities<'py>(
    py: Python<'py>,
    request: &Bound<'py, PyAny>,
    declared: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let declared = if declared.is_none() {
        Value::Object(Default::default())
    } else {
        from_py(declared)?
    };
    ferromcp_core::era::missing_request_capabilities(&from_py(request)?, &declared)
        .map(|v| to_py(py, &v))
        .transpose()
}
