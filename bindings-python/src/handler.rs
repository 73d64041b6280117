//! Python callables as core handlers. The Python layer hands the core one *runner* coroutine
//! function per method, `runner(slot, ctx, params)`, built at registration for the API generation
//! the server is written in; it calls the author's function, shapes the result, and reports back
//! through the [`Slot`]. Here we start it as an asyncio task and await the slot. When the
//! author's function is an `async def`, the runner also describes that work ([`Direct`]) and the
//! binding does it itself, with no runner coroutine per request.

use futures::channel::oneshot;
use futures::future::BoxFuture;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use serde_json::Value;
use std::sync::{Arc, Mutex};

use ferromcp_core::handler::{HandlerResult, NotificationHandler, Reply};
use ferromcp_core::intercept::{Call, Interceptor, Next, NextNotification, Outcome};
use ferromcp_core::{
    ErrorCode, ErrorData, Handler, HandlerError, Policy, RequestContext, RequestId, Route, Session,
};

use crate::convert::{encode, encode_content, encode_text_result, from_py, to_py};
use crate::error::raised;
use crate::model::{ModelBase, bare_instance, model_from};
use crate::runtime::{self, Executor};
use crate::server::{PyRequestContext, PySession};
use crate::tasks::{self, Started};
use pyo3::exceptions::{PyException, PyRuntimeError, PyValueError};

static COROUTINE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Whether `obj` is a native coroutine (what an `async def` function returns).
fn is_coroutine(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    Ok(obj
        .get_type()
        .is(COROUTINE.import(py, "types", "CoroutineType")?))
}

/// Where a runner reports its outcome.
#[pyclass(name = "Slot", module = "ferromcp._core", frozen)]
pub struct Slot {
    tx: Mutex<Option<oneshot::Sender<HandlerResult>>>,
    exec: Arc<Executor>,
    /// The method served, for the log line of a failure.
    method: Arc<str>,
    /// The request answered (None for a middleware chain's own slot).
    id: Option<RequestId>,
}

impl Slot {
    /// A tool whose output is a string returned `text` (see [`encode_text_result`]), its
    /// result carrying `meta` as `_meta` when given.
    fn done_text(
        &self,
        text: &Bound<'_, PyString>,
        meta: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        self.answer(text, encode_text_result(text, meta))
    }

    /// Sends `written`, the answer made from `result`; `result` is freed once it is written.
    fn answer(&self, result: &Bound<'_, PyAny>, written: PyResult<Reply>) -> PyResult<()> {
        self.exec.release_later([result.clone().unbind()]);
        let r = written.map_err(|e| HandlerError::failed(format!("Internal error: {e}")));
        self.exec.complete(result.py(), || self.finish(r))
    }

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
        self.answer(result, encode(result))
    }

    /// A 1.x tool handler produced `result`: a list of content blocks is the common answer and
    /// is wrapped here; anything else is shaped by `shape` (a Python function).
    fn done_v1_tool(&self, result: &Bound<'_, PyAny>, shape: &Bound<'_, PyAny>) -> PyResult<()> {
        let written = if result.is_exact_instance_of::<PyList>() {
            encode_content(result)
        } else {
            shape.call1((result,)).and_then(|shaped| encode(&shaped))
        };
        self.answer(result, written)
    }

    /// A 2.x handler returned `result`: a model or a dict is the answer, None an empty one;
    /// anything else is the author's mistake (2.x does not wrap), answered as 2.x does.
    fn done_v2(&self, result: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = result.py();
        if result.is_none() {
            return self.done(&PyDict::new(py));
        }
        if result.is_instance_of::<PyDict>()
            || result.is_instance_of::<ModelBase>()
            || result.hasattr(intern!(py, "model_dump"))?
        {
            return self.done(result);
        }
        let message = format!(
            "handler returned {}; expected BaseModel, dict, or None",
            result.get_type().name()?
        );
        self.fail(py, message, Some(0), None)
    }

    /// The handler raised `exc`: the core answers it by the policy of the generation the
    /// handler was written for.
    fn raised(&self, exc: &Bound<'_, PyAny>) -> PyResult<()> {
        let r = raised(exc);
        if !matches!(r, HandlerError::Rpc(_)) {
            log_failure(&self.method, exc);
        }
        if let Some(id) = &self.id {
            self.exec.keep_raised(id, exc);
        }
        self.exec.complete(exc.py(), || self.finish(Err(r)))
    }

    /// The handler failed; `code` given means exactly that JSON-RPC error, otherwise a failure
    /// whose message becomes an `isError` result (tools) or -32603 (other methods).
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

static LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Logs what a handler raised to Python's `logging` (logger `ferromcp.server`): an MCP error the
/// author raised on purpose as a warning, anything else as an error with its traceback.
fn log_failure(method: &str, exc: &Bound<'_, PyAny>) {
    let py = exc.py();
    let logged = LOGGER
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import(intern!(py, "logging"))?
                .call_method1(intern!(py, "getLogger"), ("ferromcp.server",))?
                .unbind())
        })
        .and_then(|logger| {
            let logger = logger.bind(py);
            let deliberate = exc.hasattr(intern!(py, "error"))?
                && exc.get_type().mro().iter().any(|c| {
                    c.getattr(intern!(py, "__name__")).is_ok_and(|n| {
                        n.extract::<String>()
                            .is_ok_and(|n| n == "McpError" || n == "MCPError")
                    })
                });
            if deliberate {
                logger.call_method1(
                    intern!(py, "warning"),
                    ("%s answered with an MCP error: %s", method, exc),
                )?;
            } else {
                let kwargs = PyDict::new(py);
                kwargs.set_item(intern!(py, "exc_info"), exc)?;
                logger.call_method(
                    intern!(py, "error"),
                    ("Error handling %s", method),
                    Some(&kwargs),
                )?;
            }
            Ok(())
        });
    if let Err(e) = logged {
        e.display(py);
    }
}

/// A Python runner coroutine function serving one method (or one registered element).
pub struct PyHandler {
    runner: Py<PyAny>,
    /// The author's coroutine function, when the binding can call and drive it itself.
    direct: Option<Arc<Direct>>,
    /// For 2.x handlers, what the runner is called with besides the slot and the core context:
    /// see [`Typed`].
    typed: Option<Typed>,
    /// Its tasks' name, `ferromcp:<method>`, made on the first request.
    task_name: PyOnceLock<Py<PyString>>,
    /// The answer rules of the generation the handler was written for, when the runner names
    /// one (`__ferromcp_flavor__`); else the server's.
    pub policy: Option<Policy>,
}

/// A runner whose `__ferromcp_typed__` is `(params_type | None, context_type)` is called as
/// `runner(slot, core_ctx, ctx, params)`: `ctx` a `context_type` holding the core context as
/// `_core_ctx`, `params` a `params_type` model (or the dict). Built here, that is two objects
/// less made by Python calls on every 2.x request.
struct Typed {
    params: Option<Py<PyType>>,
    context: Py<PyType>,
}

/// A handler whose runner describes, in `__ferromcp_direct__` (a dict), the author's `async def`
/// function and what the runner would do around it; the binding then does it itself, and the
/// handler's task runs the author's coroutine: one coroutine and frame fewer per request.
/// Python 3.10 keeps the runner.
///
/// * `function`, `var`: the function; the context variable set to the core context in the
///   task's context before the first step (`request_ctx`).
/// * `call`: how it is called — `"name_arguments"` (1.x `call_tool(name, arguments)`),
///   `"typed"` (2.x `(ctx, params)`, see [`Typed`]) or `"keywords"` (`function(**arguments)`,
///   the arguments as they are when `plain` (a [`PlainArguments`]) says they need no
///   conversion, else `convert(arguments)`).
/// * `finish`: how its result is answered — `"v1_tool"` (shaped by `shape`, see
///   [`Slot::done_v1_tool`]), `"v2"` ([`Slot::done_v2`]) or `"tool"` (`done(slot, result)`; a
///   `str` result of a tool whose output is a string, `text_output`, is written here).
///
/// What the function raises is reported to the core ([`Slot::raised`]), which answers it.
struct Direct {
    function: Py<PyAny>,
    var: Py<PyAny>,
    call: CallStyle,
    finish: FinishStyle,
}

enum CallStyle {
    NameArguments,
    Typed,
    Keywords {
        plain: Option<Py<PlainArguments>>,
        convert: Py<PyAny>,
    },
}

enum FinishStyle {
    V1Tool {
        shape: Py<PyAny>,
    },
    V2,
    Tool {
        text_output: bool,
        done: Py<PyAny>,
        /// `_meta` of every result (fastmcp's `wrap_result`), or None.
        meta: Option<Py<PyAny>>,
    },
}

impl Direct {
    fn from_runner(runner: &Bound<'_, PyAny>, typed: bool) -> PyResult<Option<Self>> {
        let py = runner.py();
        if !tasks::presets_supported(py) {
            return Ok(None);
        }
        let Ok(spec) = runner.getattr(intern!(py, "__ferromcp_direct__")) else {
            return Ok(None);
        };
        let spec = spec.cast_into::<PyDict>()?;
        let item = |key: &str| -> PyResult<Bound<'_, PyAny>> {
            spec.get_item(key)?
                .ok_or_else(|| PyRuntimeError::new_err(format!("__ferromcp_direct__ lacks {key}")))
        };
        let call = match item("call")?.extract::<String>()?.as_str() {
            "name_arguments" => CallStyle::NameArguments,
            "typed" if !typed => {
                return Err(PyRuntimeError::new_err(
                    "a typed call style needs __ferromcp_typed__",
                ));
            }
            "typed" => CallStyle::Typed,
            "keywords" => CallStyle::Keywords {
                // A tool whose signature never passes arguments as they are has a plain
                // Python function that says so.
                plain: item("plain")?
                    .cast_into::<PlainArguments>()
                    .ok()
                    .map(Bound::unbind),
                convert: item("convert")?.unbind(),
            },
            other => {
                return Err(PyRuntimeError::new_err(format!(
                    "unknown call style {other}"
                )));
            }
        };
        let finish = match item("finish")?.extract::<String>()?.as_str() {
            "v1_tool" => FinishStyle::V1Tool {
                shape: item("shape")?.unbind(),
            },
            "v2" => FinishStyle::V2,
            "tool" => FinishStyle::Tool {
                text_output: item("text_output")?.extract()?,
                done: item("done")?.unbind(),
                meta: spec
                    .get_item("result_meta")?
                    .filter(|m| !m.is_none())
                    .map(Bound::unbind),
            },
            other => return Err(PyRuntimeError::new_err(format!("unknown finish {other}"))),
        };
        Ok(Some(Self {
            function: item("function")?.unbind(),
            var: item("var")?.unbind(),
            call,
            finish,
        }))
    }

    /// Calls the author's function: a coroutine, or what it raised.
    fn call<'py>(
        &self,
        typed: Option<&Typed>,
        exec: &Executor,
        pctx: &Bound<'py, PyAny>,
        params: Bound<'py, PyAny>,
    ) -> PyResult<PyResult<Bound<'py, PyAny>>> {
        let py = pctx.py();
        let function = self.function.bind(py);
        let arguments = |params: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
            Ok(
                match params
                    .cast::<PyDict>()?
                    .get_item(intern!(py, "arguments"))?
                {
                    Some(a) if a.is_truthy()? => a,
                    _ => PyDict::new(py).into_any(),
                },
            )
        };
        Ok(match &self.call {
            CallStyle::NameArguments => {
                let name = params
                    .cast::<PyDict>()?
                    .get_item(intern!(py, "name"))?
                    .unwrap_or_else(|| py.None().into_bound(py));
                function.call1((name, arguments(&params)?))
            }
            CallStyle::Typed => {
                let typed = typed.expect("a typed call style comes with its types");
                // Params the model refuses are answered as the function's own failure.
                typed
                    .args(exec, pctx, params)
                    .and_then(|args| function.call1(args))
            }
            CallStyle::Keywords { plain, convert } => {
                let args = arguments(&params)?;
                let kwargs = match plain {
                    Some(p) if p.get().__call__(&args)? => Ok(args.cast_into::<PyDict>()?),
                    _ => convert
                        .bind(py)
                        .call1((args,))
                        .and_then(|k| Ok(k.cast_into::<PyDict>()?)),
                };
                kwargs.and_then(|kwargs| function.call((), Some(&kwargs)))
            }
        })
    }

    /// Reports how the first step went, or has the task report when it finishes; the task
    /// while it runs.
    fn report<'py>(
        self: &Arc<Self>,
        slot: &Bound<'py, Slot>,
        started: Started<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = slot.py();
        match started {
            Started::Running(task) => {
                let done = DirectDone {
                    direct: self.clone(),
                    slot: slot.clone().unbind(),
                };
                task.call_method1(intern!(py, "add_done_callback"), (done,))?;
                Ok(Some(task))
            }
            ended => self.outcome(slot, ended).map(|()| None),
        }
    }

    fn outcome(&self, slot: &Bound<'_, Slot>, ended: Started<'_>) -> PyResult<()> {
        let py = slot.py();
        match ended {
            Started::Returned(result) => match &self.finish {
                FinishStyle::V1Tool { shape } => slot.get().done_v1_tool(&result, shape.bind(py)),
                FinishStyle::V2 => slot.get().done_v2(&result),
                FinishStyle::Tool {
                    text_output,
                    done,
                    meta,
                } => match result.cast_exact::<PyString>() {
                    Ok(text) if *text_output => slot
                        .get()
                        .done_text(text, meta.as_ref().map(|m| m.bind(py))),
                    _ => done.bind(py).call1((slot, result)).map(drop),
                },
            },
            Started::Raised(e) => match tasks::to_answer(py, e)? {
                Some(e) => slot.get().raised(&e),
                None => Ok(()),
            },
            Started::Running(_) => Ok(()),
        }
    }
}

/// Whether a tool call's arguments can be the function's keyword arguments as they are: a dict
/// of only its parameters, each exactly of its simple type, the required ones present. Built
/// once per tool from `(name, type, required)` rows (`ferromcp._schema` derives them); called
/// as `plain(arguments)` by a tool's runner, and natively on the binding-driven path.
#[pyclass(module = "ferromcp._core", name = "PlainArguments", frozen)]
pub struct PlainArguments {
    params: Vec<(Py<PyString>, Py<PyType>, bool)>,
}

#[pymethods]
impl PlainArguments {
    #[new]
    fn new(params: Vec<(Py<PyString>, Py<PyType>, bool)>) -> Self {
        Self { params }
    }

    fn __call__(&self, args: &Bound<'_, PyAny>) -> PyResult<bool> {
        let py = args.py();
        let Ok(args) = args.cast_exact::<PyDict>() else {
            return Ok(false);
        };
        let mut found = 0;
        for (name, tp, required) in &self.params {
            match args.get_item(name.bind(py))? {
                Some(v) if v.get_type().is(tp.bind(py)) => found += 1,
                Some(_) => return Ok(false),
                None if *required => return Ok(false),
                None => {}
            }
        }
        Ok(found == args.len())
    }
}

/// Reports a direct handler's outcome when its task, which had suspended, finishes.
#[pyclass(module = "ferromcp._core", frozen)]
struct DirectDone {
    direct: Arc<Direct>,
    slot: Py<Slot>,
}

#[pymethods]
impl DirectDone {
    fn __call__(&self, task: Bound<'_, PyAny>) -> PyResult<()> {
        let py = task.py();
        self.direct
            .outcome(self.slot.bind(py), tasks::finished(py, task)?)
    }
}

impl PyHandler {
    pub fn new(runner: Py<PyAny>) -> PyResult<Self> {
        let (typed, direct, policy) = Python::attach(|py| -> PyResult<_> {
            let r = runner.bind(py);
            let policy = match r.getattr(intern!(py, "__ferromcp_flavor__")) {
                Ok(f) => Some(crate::error::policy(&f.extract::<String>()?, None)?),
                Err(_) => None,
            };
            let typed = r
                .getattr(intern!(py, "__ferromcp_typed__"))
                .ok()
                .and_then(|spec| spec.extract::<(Option<Py<PyType>>, Py<PyType>)>().ok())
                .map(|(params, context)| Typed { params, context });
            let direct = Direct::from_runner(r, typed.is_some())?.map(Arc::new);
            Ok((typed, direct, policy))
        })?;
        Ok(Self {
            runner,
            direct,
            typed,
            task_name: PyOnceLock::new(),
            policy,
        })
    }
}

impl Typed {
    /// The handler's `(ctx, params)` for a request (freed once the answer is written).
    fn args<'py>(
        &self,
        exec: &Executor,
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
        exec.release_later([ctx.clone().unbind(), params.clone().unbind()]);
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
            // The caller's access token, in the context the handler's task starts from.
            let _auth = crate::auth::enter(py, &ctx.session)?;
            let slot = Slot {
                tx: Mutex::new(Some(tx)),
                exec: exec.clone(),
                method: ctx.method.clone(),
                id: Some(ctx.request_id.clone()),
            };
            let name = self
                .task_name
                .get_or_init(py, || {
                    PyString::new(py, &format!("ferromcp:{}", ctx.method)).unbind()
                })
                .bind(py);
            let pctx = PyRequestContext::new(ctx, exec.clone());
            let slot = Bound::new(py, slot)?;
            let pctx = Bound::new(py, pctx)?.into_any();
            let py_params = to_py(py, &params)?;
            exec.drop_later(params);
            // Freed once the answer is written, with the task's own leftovers (tasks.rs).
            exec.release_later([
                slot.clone().into_any().unbind(),
                pctx.clone().unbind(),
                py_params.clone().unbind(),
            ]);
            let event_loop = exec.event_loop().bind(py);
            if let Some(direct) = &self.direct {
                let started = match direct.call(self.typed.as_ref(), &exec, &pctx, py_params)? {
                    Ok(coro) if is_coroutine(&coro)? => {
                        let preset = (direct.var.bind(py), &pctx);
                        tasks::start_task(py, event_loop, coro, name, Some(preset))?
                    }
                    Ok(other) => Started::Returned(other),
                    Err(e) => Started::Raised(e.into_value(py).into_bound(py).into_any()),
                };
                return direct.report(&slot, started).map(|t| t.map(Bound::unbind));
            }
            let runner = self.runner.bind(py);
            let coro = match &self.typed {
                None => runner.call1((slot, pctx, py_params))?,
                Some(typed) => {
                    let (ctx, typed) = typed.args(&exec, &pctx, py_params)?;
                    runner.call1((slot, pctx, ctx, typed))?
                }
            };
            tasks::start_task(py, event_loop, coro, name, None)?
                .runner_task(py, event_loop, name)
                .map(|t| t.map(Bound::unbind))
        });
        match started {
            Err(e) => {
                // SystemExit and KeyboardInterrupt end the server, as they would anywhere else
                // in its loop: the entry point that called the handler raises them.
                let fatal = Python::attach(|py| !e.is_instance_of::<PyException>(py));
                let message = format!("Internal error: {e}");
                if fatal && let Some(exec) = runtime::current() {
                    exec.raise_later(e);
                }
                Box::pin(async move { Err(HandlerError::failed(message)) })
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
                let s = PySession::new(session, self.exec.clone(), Route::Standalone);
                self.func.call1(py, (s, p))
            });
            if let Err(e) = r {
                e.display(py);
            }
        });
    }
}

/// The Python side of [`Interceptor`]: the server's middleware chain, run as one coroutine per
/// message, `run(slot, session, request_id, method, params, call_next)`; it reports the chain's
/// result or exception through the [`Slot`]. Installed only when the server has middleware.
pub struct PyInterceptor {
    pub run: Py<PyAny>,
    pub notify: Py<PyAny>,
}

fn task_error(e: PyErr) -> Outcome {
    Some(Err(ErrorData::internal(e.to_string())))
}

impl Interceptor for PyInterceptor {
    fn request(&self, call: Call, next: Next) -> BoxFuture<'static, Outcome> {
        let (tx, rx) = oneshot::channel();
        let id = call.id.clone();
        let started = Python::attach(|py| -> PyResult<Option<Py<PyAny>>> {
            let exec = runtime::current().ok_or_else(|| {
                PyRuntimeError::new_err("middleware was called outside the event loop's executor")
            })?;
            let _auth = crate::auth::enter(py, &call.session)?;
            let route = id.clone().map_or(Route::Standalone, Route::Request);
            let slot = Bound::new(
                py,
                Slot {
                    tx: Mutex::new(Some(tx)),
                    exec: exec.clone(),
                    method: Arc::from(call.method.as_str()),
                    id: None,
                },
            )?;
            let session = PySession::new(call.session.clone(), exec.clone(), route);
            let params = call.params.as_ref().map(|p| to_py(py, p)).transpose()?;
            let request_id = match &id {
                Some(RequestId::Number(n)) => n.into_pyobject(py)?.into_any().unbind(),
                Some(RequestId::String(s)) => s.into_pyobject(py)?.into_any().unbind(),
                None => py.None(),
            };
            let call_next = CallNext {
                next: Mutex::new(Some(next)),
                exec: exec.clone(),
                id: id.clone(),
            };
            let coro = self.run.call1(
                py,
                (slot, session, request_id, &call.method, params, call_next),
            )?;
            let event_loop = exec.event_loop().bind(py);
            let name = PyString::new(py, &format!("ferromcp:middleware:{}", call.method));
            tasks::start_task(py, event_loop, coro.into_bound(py), &name, None)?
                .runner_task(py, event_loop, &name)
                .map(|t| t.map(Bound::unbind))
        });
        match started {
            Err(e) => Box::pin(std::future::ready(task_error(e))),
            Ok(task) => {
                let mut guard = TaskGuard(task);
                Box::pin(async move {
                    let r = rx.await;
                    guard.disarm();
                    match r {
                        Ok(Ok(reply)) => Some(Ok(reply)),
                        // What the chain raised, answered as the official runner does: an MCP
                        // error as itself, anything else -32603 with its text.
                        Ok(Err(e)) => Some(Err(Policy::default().failure(e))),
                        Err(_) => None,
                    }
                })
            }
        }
    }

    fn notification(&self, call: Call, next: NextNotification) {
        Python::attach(|py| {
            let started = (|| -> PyResult<()> {
                let exec = runtime::current().ok_or_else(|| {
                    PyRuntimeError::new_err("middleware was called outside the event loop")
                })?;
                let session = PySession::new(call.session.clone(), exec.clone(), Route::Standalone);
                let params = call.params.as_ref().map(|p| to_py(py, p)).transpose()?;
                let call_next = CallNextNotification {
                    next: Mutex::new(Some(next)),
                    exec: exec.clone(),
                };
                let coro = self
                    .notify
                    .call1(py, (session, &call.method, params, call_next))?;
                let name = PyString::new(py, &format!("ferromcp:middleware:{}", call.method));
                let event_loop = exec.event_loop().bind(py);
                tasks::start_task(py, event_loop, coro.into_bound(py), &name, None).map(drop)
            })();
            if let Err(e) = started {
                e.display(py);
            }
        });
    }
}

/// The rest of a middleware chain, which runs once.
fn take_once<T>(next: &Mutex<Option<T>>) -> PyResult<T> {
    next.lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
        .ok_or_else(|| PyRuntimeError::new_err("call_next may be called once"))
}

/// `call_next(ctx)` handed to the innermost middleware: continues into the core with the
/// context's method and params; an awaitable of the result dict, raising `MCPError` for an
/// error answer and `CancelledError` when the request was cancelled.
#[pyclass(module = "ferromcp._core", frozen)]
pub struct CallNext {
    next: Mutex<Option<Next>>,
    exec: Arc<Executor>,
    id: Option<RequestId>,
}

static MCP_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

#[pymethods]
impl CallNext {
    fn __call__<'py>(
        &self,
        py: Python<'py>,
        method: String,
        params: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let next = take_once(&self.next)?;
        let params = params.filter(|p| !p.is_none()).map(from_py).transpose()?;
        let fut = self
            .exec
            .event_loop()
            .call_method0(py, intern!(py, "create_future"))?;
        let target = fut.clone_ref(py);
        // Entered: a middleware that awaited before continuing runs here in a later step of the
        // loop, outside the executor's turn, and the handlers the core calls need it.
        let answer = self.exec.enter(|| next(method, params));
        let exec = self.exec.clone();
        let id = self.id.clone();
        self.exec.spawn(Box::pin(async move {
            let outcome = answer.await;
            let original = id.as_ref().and_then(|id| exec.take_raised(id));
            Python::attach(|py| {
                let f = target.bind(py);
                if f.call_method0(intern!(py, "done"))
                    .and_then(|d| d.is_truthy())
                    .unwrap_or(true)
                {
                    return;
                }
                let settled = match outcome {
                    Some(Ok(reply)) => reply
                        .into_value()
                        .map_err(|e| PyValueError::new_err(e.to_string()))
                        .and_then(|v| to_py(py, &v))
                        .and_then(|v| f.call_method1(intern!(py, "set_result"), (v,))),
                    // The handler's own exception when it raised one (as the official runner
                    // lets it through the chain), carrying the answer the core made of it;
                    // else the error answer as an MCPError.
                    Some(Err(e)) => {
                        let data = e.data.as_ref().map(|d| to_py(py, d)).transpose();
                        data.and_then(|data| match original {
                            Some(exc) => {
                                let exc = exc.into_bound(py);
                                exc.setattr(
                                    intern!(py, "__ferromcp_answer__"),
                                    (e.code.0, e.message, data),
                                )?;
                                Ok(exc)
                            }
                            None => MCP_ERROR
                                .import(py, "ferromcp.shared.exceptions", "McpError")?
                                .call1((e.code.0, e.message, data)),
                        })
                        .and_then(|exc| f.call_method1(intern!(py, "set_exception"), (exc,)))
                    }
                    None => f.call_method0(intern!(py, "cancel")),
                };
                if let Err(e) = settled {
                    let _ = f.call_method1(intern!(py, "set_exception"), (e.value(py),));
                }
            });
            None
        }));
        Ok(fut.into_bound(py))
    }
}

/// `call_next(ctx)` for a notification: continues into the core at once; returns None.
#[pyclass(module = "ferromcp._core", frozen)]
pub struct CallNextNotification {
    next: Mutex<Option<NextNotification>>,
    exec: Arc<Executor>,
}

#[pymethods]
impl CallNextNotification {
    fn __call__(&self, method: String, params: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let next = take_once(&self.next)?;
        let params = params.filter(|p| !p.is_none()).map(from_py).transpose()?;
        self.exec.enter(|| next(method, params));
        Ok(())
    }
}
