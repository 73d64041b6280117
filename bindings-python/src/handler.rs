//! Python callables as core handlers. The Python layer hands the core one *runner* coroutine
//! function per method, `runner(slot, ctx, params)`, built at registration for the API generation
//! the server is written in; it calls the author's function, shapes the result, and reports back
//! through the [`Slot`]. Here we only start it as an asyncio task and await the slot.

use futures::channel::oneshot;
use futures::future::BoxFuture;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use serde_json::Value;
use std::sync::{Arc, Mutex};

use ferromcp_core::handler::{HandlerResult, NotificationHandler};
use ferromcp_core::{ErrorCode, ErrorData, Handler, HandlerError, RequestContext, Session};

use crate::convert::{encode, encode_content, from_py, to_py};
use crate::model::{bare_instance, model_from};
use crate::runtime::{self, Executor};
use crate::server::{PyRequestContext, PySession};
use crate::tasks;
use pyo3::exceptions::PyRuntimeError;

/// Where a runner reports its outcome.
#[pyclass(name = "Slot", module = "ferromcp._core", frozen)]
pub struct Slot {
    tx: Mutex<Option<oneshot::Sender<HandlerResult>>>,
    exec: Arc<Executor>,
}

impl Slot {
    fn finish(&self, r: HandlerResult) {
        let tx = self.tx.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(tx) = tx {
            // The request may have been cancelled meanwhile; then nobody listens.
            let _ = tx.send(r);
        }
    }
}

#[pymethods]
impl Slot {
    /// The handler produced `result` (any JSON-able value or model).
    fn done(&self, result: &Bound<'_, PyAny>) -> PyResult<()> {
        self.exec.release_later([result.clone().unbind()]);
        let r = encode(result).map_err(|e| HandlerError::failed(format!("Internal error: {e}")));
        self.exec.complete(result.py(), || self.finish(r))
    }

    /// A 1.x tool handler produced `result`: a list of content blocks is the common answer and
    /// is wrapped here; anything else is shaped by `shape` (a Python function).
    fn done_v1_tool(&self, result: &Bound<'_, PyAny>, shape: &Bound<'_, PyAny>) -> PyResult<()> {
        self.exec.release_later([result.clone().unbind()]);
        let r = if result.is_exact_instance_of::<PyList>() {
            encode_content(result)
        } else {
            shape.call1((result,)).and_then(|shaped| encode(&shaped))
        };
        let r = r.map_err(|e| HandlerError::failed(format!("Internal error: {e}")));
        self.exec.complete(result.py(), || self.finish(r))
    }

    /// The handler failed; `code` given means a JSON-RPC error, otherwise a failure whose
    /// message becomes an `isError` result (tools) or -32603 (other methods).
    #[pyo3(signature = (message, code=None, data=None))]
    fn fail(
        &self,
        py: Python<'_>,
        message: String,
        code: Option<i64>,
        data: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let r = match code {
            None => HandlerError::Failed(message),
            Some(code) => {
                let mut e = ErrorData::new(ErrorCode(code), message);
                if let Some(d) = data.filter(|d| !d.is_none()) {
                    e.data = Some(from_py(d).unwrap_or(Value::Null));
                }
                HandlerError::Rpc(e)
            }
        };
        self.exec.complete(py, || self.finish(Err(r)))
    }
}

/// A Python runner coroutine function serving one method (or one registered element).
pub struct PyHandler {
    runner: Py<PyAny>,
    /// For 2.x handlers, what the runner is called with besides the slot and the core context:
    /// see [`Typed`].
    typed: Option<Typed>,
    /// Its tasks' name, `ferromcp:<method>`, made on the first request.
    task_name: PyOnceLock<Py<PyString>>,
}

/// A runner whose `__ferromcp_typed__` is `(params_type | None, context_type)` is called as
/// `runner(slot, core_ctx, ctx, params)`: `ctx` a `context_type` holding the core context as
/// `_core_ctx`, `params` a `params_type` model (or the dict). Built here, that is two objects
/// less made by Python calls on every 2.x request.
struct Typed {
    params: Option<Py<PyType>>,
    context: Py<PyType>,
}

impl PyHandler {
    pub fn new(runner: Py<PyAny>) -> Self {
        let typed = Python::attach(|py| {
            let spec = runner
                .bind(py)
                .getattr(intern!(py, "__ferromcp_typed__"))
                .ok()?;
            let (params, context) = spec.extract::<(Option<Py<PyType>>, Py<PyType>)>().ok()?;
            Some(Typed { params, context })
        });
        Self {
            runner,
            typed,
            task_name: PyOnceLock::new(),
        }
    }
}

impl Typed {
    /// The runner's `(ctx, params)` for a request.
    fn args<'py>(
        &self,
        core_ctx: &Bound<'py, PyAny>,
        params: Bound<'py, PyAny>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let py = core_ctx.py();
        let ctx = bare_instance(self.context.bind(py))?;
        ctx.setattr(intern!(py, "_core_ctx"), core_ctx)?;
        let params = match &self.params {
            Some(ty) => model_from(ty.bind(py), params.cast::<PyDict>()?)?,
            None => params,
        };
        Ok((ctx, params))
    }
}

/// Cancels the handler's asyncio task if the request is dropped before it finished.
struct TaskGuard(Option<Py<PyAny>>);

impl TaskGuard {
    fn disarm(&mut self) {
        if let Some(task) = self.0.take() {
            Python::attach(|_py| drop(task));
        }
    }
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        if let Some(task) = self.0.take() {
            Python::attach(|py| {
                let t = task.bind(py);
                if !t
                    .call_method0(intern!(py, "done"))
                    .and_then(|d| d.is_truthy())
                    .unwrap_or(true)
                {
                    let _ = t.call_method0(intern!(py, "cancel"));
                }
            });
        }
    }
}

impl Handler for PyHandler {
    fn call(&self, ctx: RequestContext, params: Value) -> BoxFuture<'static, HandlerResult> {
        let (tx, rx) = oneshot::channel();
        let started = Python::attach(|py| -> PyResult<Option<Py<PyAny>>> {
            let exec = runtime::current().ok_or_else(|| {
                PyRuntimeError::new_err("a handler was called outside the event loop's executor")
            })?;
            let slot = Slot {
                tx: Mutex::new(Some(tx)),
                exec: exec.clone(),
            };
            let name = self
                .task_name
                .get_or_init(py, || {
                    PyString::new(py, &format!("ferromcp:{}", ctx.method)).unbind()
                })
                .bind(py);
            let pctx = PyRequestContext::new(ctx, exec.clone());
            let slot = Bound::new(py, slot)?.into_any();
            let pctx = Bound::new(py, pctx)?.into_any();
            let py_params = to_py(py, &params)?;
            exec.drop_later(params);
            let runner = self.runner.bind(py);
            // Freed once the answer is written, with the task's own leftovers (tasks.rs).
            let coro = match &self.typed {
                None => {
                    exec.release_later([
                        slot.clone().unbind(),
                        pctx.clone().unbind(),
                        py_params.clone().unbind(),
                    ]);
                    runner.call1((slot, pctx, py_params))?
                }
                Some(typed) => {
                    let (ctx, typed) = typed.args(&pctx, py_params)?;
                    exec.release_later([
                        slot.clone().unbind(),
                        pctx.clone().unbind(),
                        ctx.clone().unbind(),
                        typed.clone().unbind(),
                    ]);
                    runner.call1((slot, pctx, ctx, typed))?
                }
            };
            tasks::start_task(py, exec.event_loop().bind(py), coro, name)
                .map(|t| t.map(Bound::unbind))
        });
        match started {
            Err(e) => {
                Box::pin(async move { Err(HandlerError::failed(format!("Internal error: {e}"))) })
            }
            Ok(task) => {
                let mut guard = TaskGuard(task);
                Box::pin(async move {
                    let r = rx.await;
                    // Answered: the task is finishing on its own; only a dropped request cancels.
                    guard.disarm();
                    r.unwrap_or_else(|_| {
                        Err(HandlerError::failed("handler task ended without a result"))
                    })
                })
            }
        }
    }
}

/// A Python callable `(session, params)` serving a notification.
pub struct PyNotificationHandler {
    pub func: Py<PyAny>,
    pub exec: Arc<Executor>,
}

impl NotificationHandler for PyNotificationHandler {
    fn notify(&self, session: Arc<Session>, params: Value) {
        Python::attach(|py| {
            let r = to_py(py, &params).and_then(|p| {
                let s = PySession::new(session, self.exec.clone());
                self.func.call1(py, (s, p))
            });
            if let Err(e) = r {
                e.display(py);
            }
        });
    }
}
