//! OAuth-protected HTTP for Python servers: the author's `TokenVerifier` (an object with
//! `async verify_token(token) -> AccessToken | None`, as `mcp.server.auth.provider` defines it)
//! as the core's [`TokenVerifier`], and the token a request was authorized with as handlers read
//! it — the official `auth_context_var`, set in the context a handler's task starts from.
//!
//! The core checks tokens on its HTTP threads (the built-in server) or on the loop's thread (an
//! ASGI app); either way the coroutine runs on the server's asyncio loop
//! (`asyncio.run_coroutine_threadsafe`) and a done-callback hands the verdict back.

use futures::future::BoxFuture;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList};
use std::sync::Arc;

use ferromcp_core::Session;
use ferromcp_core::transport::http::{
    AccessToken, AuthOptions, ProtectedResource, TokenVerifier, Verdict, VerifierError,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::convert::{from_py, to_py};

static ISCOROUTINE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static AUTH_VAR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static AUTH_USER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The author's verifier, called on the server's loop.
struct PyTokenVerifier {
    verifier: Py<PyAny>,
    event_loop: Py<PyAny>,
}

impl TokenVerifier for PyTokenVerifier {
    fn verify(&self, token: &str) -> BoxFuture<'static, Verdict> {
        let scheduled = Python::attach(|py| -> PyResult<Result<Verdict, _>> {
            let verdict = self
                .verifier
                .bind(py)
                .call_method1(intern!(py, "verify_token"), (token,))?;
            let coroutine = ISCOROUTINE
                .import(py, "asyncio", "iscoroutine")?
                .call1((&verdict,))?
                .is_truthy()?;
            if !coroutine {
                // A plain `def verify_token`: its value is the verdict.
                return Ok(Ok(settle(py, Ok(verdict))));
            }
            crate::runtime::on_loop(self.event_loop.bind(py), verdict).map(Err)
        });
        match scheduled {
            Ok(Ok(verdict)) => Box::pin(std::future::ready(verdict)),
            Ok(Err(rx)) => Box::pin(async move {
                match rx.await {
                    Ok(outcome) => {
                        Python::attach(|py| settle(py, outcome.map(|v| v.into_bound(py))))
                    }
                    Err(_) => Err(VerifierError(
                        "the verifier's coroutine ended without an answer".into(),
                    )),
                }
            }),
            Err(e) => {
                let message = Python::attach(|py| {
                    log_failure(py, &e);
                    e.to_string()
                });
                Box::pin(async move { Err(VerifierError(message)) })
            }
        }
    }
}

/// The verdict `verify_token` gave: the token's facts, `None`, or the verifier's failure
/// (logged).
fn settle(py: Python<'_>, outcome: PyResult<Bound<'_, PyAny>>) -> Verdict {
    outcome.and_then(|v| access_token(&v)).map_err(|e| {
        log_failure(py, &e);
        VerifierError(e.to_string())
    })
}

/// What `verify_token` returned, as the core's token: an `AccessToken` (any pydantic model, or
/// a dict, with its members) or `None`.
fn access_token(v: &Bound<'_, PyAny>) -> PyResult<Option<AccessToken>> {
    let py = v.py();
    if v.is_none() {
        return Ok(None);
    }
    let json = if v.hasattr(intern!(py, "model_dump"))? {
        let kwargs = PyDict::new(py);
        kwargs.set_item(intern!(py, "mode"), "json")?;
        v.call_method(intern!(py, "model_dump"), (), Some(&kwargs))?
    } else if v.is_instance_of::<PyDict>() {
        v.clone()
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "verify_token returned {}; expected an AccessToken or None",
            v.get_type().name()?
        )));
    };
    AccessToken::from_json(from_py(&json)?)
        .map(Some)
        .map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "verify_token returned an access token the server cannot read: {e}"
            ))
        })
}

/// Logs a verifier's failure with its traceback (logger `ferromcp.server.auth`): the request is
/// answered 500, as the official server answers an exception in its auth middleware.
fn log_failure(py: Python<'_>, e: &PyErr) {
    let logged = LOGGER
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import(intern!(py, "logging"))?
                .call_method1(intern!(py, "getLogger"), ("ferromcp.server.auth",))?
                .unbind())
        })
        .and_then(|logger| {
            let kwargs = PyDict::new(py);
            kwargs.set_item(intern!(py, "exc_info"), e.value(py))?;
            logger.bind(py).call_method(
                intern!(py, "error"),
                ("the token verifier failed",),
                Some(&kwargs),
            )?;
            Ok(())
        });
    if let Err(e) = logged {
        e.display(py);
    }
}

/// The core's auth options from the Python settings (`ferromcp.server._auth.core_options`): the
/// verifier under `verifier`, the rest as [`AuthOptions::from_json`] reads it.
pub fn options(d: &Bound<'_, PyDict>, event_loop: &Py<PyAny>) -> PyResult<AuthOptions> {
    let py = d.py();
    let d = d.copy()?;
    let verifier = d
        .get_item("verifier")?
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("auth options need a verifier"))?;
    d.del_item("verifier")?;
    let verifier = Arc::new(PyTokenVerifier {
        verifier: verifier.unbind(),
        event_loop: event_loop.clone_ref(py),
    });
    Ok(AuthOptions::from_json(verifier, &from_py(d.as_any())?))
}

/// The auth context variable set to the caller for the handler started while it lives.
pub struct AuthScope<'py> {
    var: Bound<'py, PyAny>,
    token: Bound<'py, PyAny>,
}

impl Drop for AuthScope<'_> {
    fn drop(&mut self) {
        let py = self.var.py();
        if let Err(e) = self.var.call_method1(intern!(py, "reset"), (&self.token,)) {
            e.display(py);
        }
    }
}

/// Sets the auth context variable (`mcp.server.auth.middleware.auth_context.auth_context_var`,
/// or ferromcp's own without the official package) to the user `session`'s latest request was
/// authorized as, until the scope is dropped: a handler's task started meanwhile copies the
/// context, so `get_access_token()` answers in it. Nothing without authorization.
pub fn enter<'py>(py: Python<'py>, session: &Session) -> PyResult<Option<AuthScope<'py>>> {
    let Some(token) = session.auth() else {
        return Ok(None);
    };
    let var = AUTH_VAR
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("ferromcp.server._auth")?
                .call_method0("context_var")?
                .unbind())
        })?
        .bind(py)
        .clone();
    let user = AUTH_USER
        .import(py, "ferromcp.server._auth", "authenticated_user")?
        .call1((to_py(py, &token)?,))?;
    let token = var.call_method1(intern!(py, "set"), (user,))?;
    Ok(Some(AuthScope { var, token }))
}

/// The RFC 9728 metadata of a protected server, answered by the core for an ASGI app's
/// well-known routes (the core's own HTTP server answers them itself).
#[pyclass(name = "ResourceMetadata", module = "ferromcp._core", frozen)]
pub struct PyResourceMetadata {
    resource: ProtectedResource,
}

#[pymethods]
impl PyResourceMetadata {
    /// The metadata described by `options` (the keys of `ferromcp.server._auth.core_options`).
    #[new]
    fn new(options: &Bound<'_, PyDict>) -> PyResult<Self> {
        let d = options.copy()?;
        if d.contains("verifier")? {
            d.del_item("verifier")?;
        }
        let resource = ProtectedResource::from_json(&from_py(d.as_any())?).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err("the metadata needs resourceServerUrl")
        })?;
        Ok(Self { resource })
    }

    /// The paths the metadata is served at.
    fn paths(&self) -> Vec<String> {
        self.resource.paths()
    }

    /// The answer to a request for `path`, `(status, headers, body)`, or `None` when `path` is
    /// not one of [`Self::paths`]; `headers` are `(name, value)` bytes pairs.
    #[allow(clippy::type_complexity)]
    fn answer<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        path: &str,
        headers: &Bound<'py, PyAny>,
    ) -> PyResult<Option<(u16, Bound<'py, PyList>, Bound<'py, PyBytes>)>> {
        let method = Method::from_bytes(method.as_bytes())
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let mut map = HeaderMap::new();
        for pair in headers.try_iter()? {
            let pair = pair?;
            let name = pair.get_item(0)?;
            let value = pair.get_item(1)?;
            if let (Ok(n), Ok(v)) = (
                HeaderName::from_bytes(name.cast::<PyBytes>()?.as_bytes()),
                HeaderValue::from_bytes(value.cast::<PyBytes>()?.as_bytes()),
            ) {
                map.append(n, v);
            }
        }
        let Some(r) = self.resource.answer(&method, path, &map) else {
            return Ok(None);
        };
        let (parts, body) = r.into_parts();
        let out = PyList::empty(py);
        for (name, value) in &parts.headers {
            out.append((
                PyBytes::new(py, name.as_str().as_bytes()),
                PyBytes::new(py, value.as_bytes()),
            ))?;
        }
        out.append((
            PyBytes::new(py, b"content-length"),
            PyBytes::new(py, body.len().to_string().as_bytes()),
        ))?;
        Ok(Some((parts.status.as_u16(), out, PyBytes::new(py, &body))))
    }
}
