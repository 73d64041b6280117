//! Starting a handler's coroutine as its asyncio task, with the first step run at once, so a
//! handler that never suspends is answered in the loop iteration that read its request.
//!
//! * Python 3.12+: `asyncio.Task(..., eager_start=True)`.
//! * Python 3.11: a [`LazyTask`] — the step runs under a `ferromcp._tasks.HandlerTask` that
//!   becomes an initialised Task only when the handler suspends or something uses it as one
//!   (the module's docstring says why and how).
//! * Python 3.10: a Task whose first `loop.call_soon` is caught from its constructor and run in
//!   place.
//!
//! Each way, `current_task()` inside the handler is the task that answers the request for its
//! whole life, so `asyncio.timeout`, `TaskGroup`, anyio and cancellation behave.

use pyo3::exceptions::{PyException, PyRuntimeError};
use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};
use std::sync::OnceLock;

use crate::model::bare_instance;
use crate::runtime;

static ASYNCIO_TASK: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static CURRENT_TASKS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static HANDLER_TASK: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static RESUME: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static CANCELLED_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

// Public C API since CPython 3.7 with unchanged signatures, outside the limited API that the
// abi3 build otherwise keeps to (pyo3 leaves them out there). Used on Python 3.11 only.
unsafe extern "C" {
    fn PyContext_CopyCurrent() -> *mut ffi::PyObject;
    fn PyContext_Enter(ctx: *mut ffi::PyObject) -> std::ffi::c_int;
    fn PyContext_Exit(ctx: *mut ffi::PyObject) -> std::ffi::c_int;
    fn PyContextVar_Set(var: *mut ffi::PyObject, value: *mut ffi::PyObject) -> *mut ffi::PyObject;
}

/// Sets `var` to `value` in the current context (the token is not kept).
fn set_var(py: Python<'_>, (var, value): Preset<'_, '_>) -> PyResult<()> {
    // SAFETY: `var` is a ContextVar and `value` a live object; the call returns a new reference
    // (the token) or NULL with an exception set.
    unsafe { Bound::from_owned_ptr_or_err(py, PyContextVar_Set(var.as_ptr(), value.as_ptr())) }
        .map(drop)
}

/// A copy of the current context with `var` set to `value` in it, for a task to run in.
fn context_with<'py>(py: Python<'py>, preset: Preset<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: PyContext_CopyCurrent returns a new reference or NULL; the copy is entered and
    // exited in a pair on this thread.
    unsafe {
        let ctx = Bound::from_owned_ptr_or_err(py, PyContext_CopyCurrent())?;
        if PyContext_Enter(ctx.as_ptr()) < 0 {
            return Err(PyErr::fetch(py));
        }
        let set = set_var(py, preset);
        if PyContext_Exit(ctx.as_ptr()) < 0 {
            return Err(PyErr::fetch(py));
        }
        set.map(|()| ctx)
    }
}

/// A context variable and the value it takes in a new task's context (the request's
/// `request_ctx`), set there before the coroutine's first step.
pub type Preset<'a, 'py> = (&'a Bound<'py, PyAny>, &'a Bound<'py, PyAny>);

/// How starting a handler's task went.
pub enum Started<'py> {
    /// The task is running: its coroutine suspended.
    Running(Bound<'py, PyAny>),
    /// The coroutine returned this in its first step.
    Returned(Bound<'py, PyAny>),
    /// The coroutine raised this in its first step.
    Raised(Bound<'py, PyAny>),
}

impl<'py> Started<'py> {
    /// The task while it runs (for the core to cancel). A runner, which reports through its
    /// slot, raising is a defect: it is reported as asyncio reports a task's exception nobody
    /// retrieved (KeyboardInterrupt and SystemExit propagate).
    pub fn runner_task(
        self,
        py: Python<'py>,
        event_loop: &Bound<'py, PyAny>,
        name: &Bound<'py, PyString>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self {
            Self::Running(task) => Ok(Some(task)),
            Self::Returned(_) => Ok(None),
            Self::Raised(e) => {
                let Some(e) = to_answer(py, e)? else {
                    return Ok(None);
                };
                let report = PyDict::new(py);
                report.set_item(
                    "message",
                    format!("Task {name} raised an exception nobody retrieved"),
                )?;
                report.set_item("exception", &e)?;
                event_loop.call_method1(intern!(py, "call_exception_handler"), (report,))?;
                Ok(None)
            }
        }
    }
}

/// What a handler's task raised, as far as an answer goes: an `Exception` is to be answered;
/// a cancellation needs none (the request is gone, nobody waits for it); KeyboardInterrupt and
/// SystemExit propagate, as out of any task step.
pub fn to_answer<'py>(
    py: Python<'py>,
    e: Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    if e.is_instance(CANCELLED_ERROR.import(py, "asyncio", "CancelledError")?)? {
        return Ok(None);
    }
    if !e.is_instance_of::<PyException>() {
        return Err(PyErr::from_value(e));
    }
    Ok(Some(e))
}

/// How a task that finished ended, read from the task.
pub fn finished<'py>(py: Python<'py>, task: Bound<'py, PyAny>) -> PyResult<Started<'py>> {
    if task.call_method0(intern!(py, "cancelled"))?.is_truthy()? {
        let cancelled = CANCELLED_ERROR.import(py, "asyncio", "CancelledError")?;
        return Ok(Started::Raised(cancelled.call0()?));
    }
    let e = task.call_method0(intern!(py, "exception"))?;
    if !e.is_none() {
        return Ok(Started::Raised(e));
    }
    Ok(Started::Returned(task.call_method0(intern!(py, "result"))?))
}

/// A scheduled callback: the function, its arguments and the context to run it in.
type Callback = (Py<PyAny>, Py<PyTuple>, Option<Py<PyAny>>);

/// Holds `loop.call_soon` while a Task is constructed, keeping the first step it schedules.
#[pyclass(module = "ferromcp._core")]
pub struct FirstStep {
    step: Option<Callback>,
}

#[pymethods]
impl FirstStep {
    #[pyo3(signature = (callback, *args, context=None))]
    fn __call__(&mut self, callback: Py<PyAny>, args: Py<PyTuple>, context: Option<Py<PyAny>>) {
        self.step = Some((callback, args, context));
    }
}

/// Runs `construct` (which builds a Task on `event_loop`) with the loop's `call_soon` caught,
/// and returns the first step the Task scheduled. A loop without instance attributes (uvloop)
/// keeps the step scheduled: `None`.
fn catching_first_step<'py, R>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
    construct: impl FnOnce() -> PyResult<R>,
) -> PyResult<(R, Option<Callback>)> {
    let catch = Bound::new(py, FirstStep { step: None })?;
    if event_loop
        .setattr(intern!(py, "call_soon"), &catch)
        .is_err()
    {
        return Ok((construct()?, None));
    }
    let built = construct();
    event_loop.delattr(intern!(py, "call_soon"))?;
    let step = catch.borrow_mut().step.take();
    Ok((built?, step))
}

/// Runs a caught first step in place. `task` ended by raising through it (KeyboardInterrupt,
/// SystemExit): that error is returned. A step that could not run here at all is scheduled as
/// the constructor meant to, or the task would wait forever.
fn run_step(
    py: Python<'_>,
    event_loop: &Bound<'_, PyAny>,
    task: &Bound<'_, PyAny>,
    (callback, args, context): Callback,
) -> PyResult<()> {
    let callback = callback.into_bound(py);
    let args = args.into_bound(py);
    let ran = match &context {
        Some(ctx) => {
            let mut all = vec![callback.clone()];
            all.extend(args.iter());
            ctx.bind(py)
                .call_method1(intern!(py, "run"), PyTuple::new(py, all)?)
                .map(drop)
        }
        None => callback.call1(&args).map(drop),
    };
    match ran {
        Ok(()) => Ok(()),
        Err(e) if task.call_method0(intern!(py, "done"))?.is_truthy()? => Err(e),
        Err(_) => {
            let kwargs = PyDict::new(py);
            kwargs.set_item(intern!(py, "context"), context)?;
            let mut all = vec![callback];
            all.extend(args.iter());
            event_loop
                .call_method(
                    intern!(py, "call_soon"),
                    PyTuple::new(py, all)?,
                    Some(&kwargs),
                )
                .map(drop)
        }
    }
}

/// How the first step of a lazily started handler ended.
const YIELDED: u8 = 0;
const RETURNED: u8 = 1;
const RAISED: u8 = 2;

enum Phase {
    /// The first step is running.
    Stepping,
    /// It ended so (kind, value).
    Ended(u8, Py<PyAny>),
}

/// What a `HandlerTask` needs to become a Task (kept in its `_ferromcp_lazy` attribute).
#[pyclass(module = "ferromcp._core")]
pub struct LazyTask {
    #[pyo3(get)]
    event_loop: Py<PyAny>,
    #[pyo3(get, set)]
    name: Py<PyString>,
    #[pyo3(get)]
    coro: Py<PyAny>,
    context: Py<PyAny>,
    phase: Phase,
    /// The Task's first step, caught when it was initialised during the handler's first step.
    held: Option<Callback>,
    /// The `Resume` the Task runs, once initialised.
    resume: Option<Py<PyAny>>,
}

#[pymethods]
impl LazyTask {
    /// How the first step ended, `(kind, value)`, once it did.
    #[getter]
    fn outcome<'py>(&self, py: Python<'py>) -> Option<(u8, Bound<'py, PyAny>)> {
        match &self.phase {
            Phase::Stepping => None,
            Phase::Ended(kind, value) => Some((*kind, value.bind(py).clone())),
        }
    }

    /// Initialises `task` (a `HandlerTask`) as the Task that runs the rest of the handler.
    fn materialize(&mut self, task: &Bound<'_, PyAny>) -> PyResult<()> {
        if self.resume.is_some() {
            return Ok(());
        }
        if let Some(step) = self.init(task)? {
            self.held = Some(step);
        }
        Ok(())
    }
}

impl LazyTask {
    /// `asyncio.Task.__init__` on `task`, running a `Resume` of the coroutine (told how the
    /// first step ended, when it has). The Task's own first step is caught and returned: it
    /// runs once the handler's step is over, never inside it.
    fn init(&mut self, task: &Bound<'_, PyAny>) -> PyResult<Option<Callback>> {
        let py = task.py();
        let resume = RESUME
            .import(py, "ferromcp._tasks", "Resume")?
            .call1((self.coro.bind(py),))?;
        if let Phase::Ended(kind, value) = &self.phase {
            resume.setattr(intern!(py, "outcome"), (*kind, value.bind(py)))?;
        }
        self.resume = Some(resume.clone().unbind());
        let event_loop = self.event_loop.bind(py);
        let kwargs = PyDict::new(py);
        kwargs.set_item(intern!(py, "loop"), event_loop)?;
        kwargs.set_item(intern!(py, "name"), self.name.bind(py))?;
        kwargs.set_item(intern!(py, "context"), self.context.bind(py))?;
        let task_init = ASYNCIO_TASK
            .import(py, "asyncio", "Task")?
            .getattr(intern!(py, "__init__"))?;
        let init = || task_init.call((task, &resume), Some(&kwargs));
        Ok(catching_first_step(py, event_loop, init)?.1)
    }
}

/// Which way handlers start on this interpreter.
#[derive(Clone, Copy, PartialEq)]
enum Start {
    Eager,
    Lazy,
    Caught,
}

fn start_kind(py: Python<'_>) -> Start {
    static KIND: OnceLock<Start> = OnceLock::new();
    *KIND.get_or_init(|| {
        let v = py.version_info();
        if v >= (3, 12) {
            Start::Eager
        } else if v >= (3, 11) {
            Start::Lazy
        } else {
            Start::Caught
        }
    })
}

/// Starts a handler's coroutine as described at the top of this module, with `preset` set in
/// its task's context first.
///
/// `name` names the task (asyncio would otherwise format a fresh `Task-N` for every request).
pub fn start_task<'py>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
    coro: Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
    preset: Option<Preset<'_, 'py>>,
) -> PyResult<Started<'py>> {
    let kind = start_kind(py);
    if kind == Start::Eager {
        let kwargs = PyDict::new(py);
        kwargs.set_item(intern!(py, "loop"), event_loop)?;
        kwargs.set_item(intern!(py, "name"), name)?;
        kwargs.set_item(intern!(py, "eager_start"), true)?;
        if let Some(preset) = preset {
            kwargs.set_item(intern!(py, "context"), context_with(py, preset)?)?;
        }
        let task_type = ASYNCIO_TASK.import(py, "asyncio", "Task")?;
        let task = task_type.call((coro,), Some(&kwargs))?;
        if task.call_method0(intern!(py, "done"))?.is_truthy()? {
            return finished(py, task);
        }
        return Ok(Started::Running(task));
    }
    if current_tasks(py)?.contains(event_loop)? {
        // Inside another task's step no task can be entered: schedule it.
        let kwargs = PyDict::new(py);
        if let Some(preset) = preset {
            kwargs.set_item(intern!(py, "context"), context_with(py, preset)?)?;
        }
        return event_loop
            .call_method(intern!(py, "create_task"), (coro,), Some(&kwargs))
            .map(Started::Running);
    }
    if kind == Start::Lazy {
        return start_lazy(py, event_loop, coro, name, preset);
    }
    if preset.is_some() {
        return Err(PyRuntimeError::new_err(
            "a context preset needs Python 3.11 or later",
        ));
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item(intern!(py, "loop"), event_loop)?;
    kwargs.set_item(intern!(py, "name"), name)?;
    let task_type = ASYNCIO_TASK.import(py, "asyncio", "Task")?;
    let (task, step) =
        catching_first_step(py, event_loop, || task_type.call((coro,), Some(&kwargs)))?;
    if let Some(step) = step {
        run_step(py, event_loop, &task, step)?;
    }
    Ok(Started::Running(task))
}

/// Whether [`start_task`] takes a context preset on this interpreter (3.11 and later).
pub fn presets_supported(py: Python<'_>) -> bool {
    start_kind(py) != Start::Caught
}

/// A `HandlerTask` object, not initialised (its type's `tp_new` only).
fn uninitialised_task<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let ty = HANDLER_TASK.import(py, "ferromcp._tasks", "HandlerTask")?;
    bare_instance(ty.cast::<PyType>()?)
}

/// The handler whose first step is running on this thread, without a Task yet.
struct Stepping {
    /// Taken once the step is over, so the task's reference count tells who else kept it.
    task: Option<Py<PyAny>>,
    event_loop: Py<PyAny>,
    name: Py<PyString>,
    coro: Py<PyAny>,
    context: Py<PyAny>,
    /// Made when Python asks for it ([`stepping_lazy`]).
    lazy: Option<Py<LazyTask>>,
}

impl Stepping {
    /// Its `LazyTask`, made on first use.
    fn lazy(&mut self, py: Python<'_>) -> PyResult<Py<LazyTask>> {
        if let Some(l) = &self.lazy {
            return Ok(l.clone_ref(py));
        }
        let l = Py::new(
            py,
            LazyTask {
                event_loop: self.event_loop.clone_ref(py),
                name: self.name.clone_ref(py),
                coro: self.coro.clone_ref(py),
                context: self.context.clone_ref(py),
                phase: Phase::Stepping,
                held: None,
                resume: None,
            },
        )?;
        self.lazy = Some(l.clone_ref(py));
        Ok(l)
    }
}

thread_local! {
    static STEPPING: std::cell::RefCell<Vec<Stepping>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The `LazyTask` of `task` while its first step runs (else None): how a `HandlerTask`'s
/// methods find what they need before anything was stored on it.
#[pyfunction]
pub fn stepping_lazy(task: &Bound<'_, PyAny>) -> PyResult<Option<Py<LazyTask>>> {
    STEPPING.with(|s| {
        let mut s = s.borrow_mut();
        match s.last_mut() {
            Some(st) if st.task.as_ref().is_some_and(|t| t.is(task)) => {
                st.lazy(task.py()).map(Some)
            }
            _ => Ok(None),
        }
    })
}

/// `asyncio.tasks._current_tasks`: the loop → running task map that `current_task()` reads
/// (Python 3.10/3.11, where this module uses it).
fn current_tasks(py: Python<'_>) -> PyResult<&Bound<'_, PyDict>> {
    Ok(CURRENT_TASKS
        .import(py, "asyncio.tasks", "_current_tasks")?
        .cast::<PyDict>()?)
}

fn start_lazy<'py>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
    coro: Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
    preset: Option<Preset<'_, 'py>>,
) -> PyResult<Started<'py>> {
    let running = current_tasks(py)?;
    // SAFETY: plain C-API calls on live objects; PyContext_CopyCurrent returns a new reference.
    let context = unsafe { Bound::from_owned_ptr_or_err(py, PyContext_CopyCurrent())? };
    let task = uninitialised_task(py)?;
    STEPPING.with(|s| {
        s.borrow_mut().push(Stepping {
            task: Some(task.clone().unbind()),
            event_loop: event_loop.clone().unbind(),
            name: name.clone().unbind(),
            coro: coro.clone().unbind(),
            context: context.clone().unbind(),
            lazy: None,
        })
    });
    // What a Task's step does: be the loop's current task, run the coroutine in its context.
    running.set_item(event_loop, &task)?;
    let mut out: *mut ffi::PyObject = std::ptr::null_mut();
    // SAFETY: `context` is a contextvars.Context and `coro` a live object; `out` receives a new
    // reference (or NULL with an exception set), entered/exited in pairs on this thread.
    let sent = unsafe {
        if PyContext_Enter(context.as_ptr()) < 0 {
            None
        } else {
            let r = match preset.map(|p| set_var(py, p)) {
                Some(Err(e)) => {
                    e.restore(py);
                    ffi::PySendResult::PYGEN_ERROR
                }
                _ => ffi::PyIter_Send(coro.as_ptr(), py.None().as_ptr(), &mut out),
            };
            let exited = PyContext_Exit(context.as_ptr());
            (exited == 0).then_some(r)
        }
    };
    let stepping = STEPPING.with(|s| s.borrow_mut().pop());
    let _ = running.del_item(event_loop);
    let Some(sent) = sent else {
        return Err(PyErr::fetch(py));
    };
    let (kind, value) = match sent {
        // SAFETY: on PYGEN_NEXT/PYGEN_RETURN `out` is a new reference.
        ffi::PySendResult::PYGEN_NEXT => (YIELDED, unsafe { Bound::from_owned_ptr(py, out) }),
        ffi::PySendResult::PYGEN_RETURN => (RETURNED, unsafe { Bound::from_owned_ptr(py, out) }),
        ffi::PySendResult::PYGEN_ERROR => (
            RAISED,
            PyErr::fetch(py).into_value(py).into_bound(py).into_any(),
        ),
    };
    let mut stepping = stepping.expect("pushed above");
    drop(stepping.task.take());
    if let Some(l) = &stepping.lazy {
        let mut l = l.borrow_mut(py);
        if let Some(resume) = &l.resume {
            // It became a Task during the step: hand the Task what the step ended with, then
            // let it take its first step.
            resume
                .bind(py)
                .setattr(intern!(py, "outcome"), (kind, &value))?;
            let held = l.held.take();
            drop(l);
            if let Some(step) = held {
                run_step(py, event_loop, &task, step)?;
            }
            return Ok(Started::Running(task));
        }
    }
    // SAFETY: reading the reference count of a live object.
    let kept = unsafe { ffi::Py_REFCNT(task.as_ptr()) } > 1;
    if kind == YIELDED || kept {
        let l = stepping.lazy(py)?;
        l.borrow_mut(py).phase = Phase::Ended(kind, value.clone().unbind());
        if kind == YIELDED {
            // Suspended: from here on it is a Task waiting on what the coroutine awaits.
            let step = l.borrow_mut(py).init(&task)?;
            if let Some(step) = step {
                run_step(py, event_loop, &task, step)?;
            }
            return Ok(Started::Running(task));
        }
        // Somebody kept the task (current_task() stored away): it answers as the finished task
        // it is from what is stored on it.
        task.setattr(intern!(py, "_ferromcp_lazy"), l)?;
    }
    if let Some(exec) = runtime::current() {
        // The finished task, its coroutine and context: freed once the answer is written.
        exec.release_later([task.unbind(), coro.unbind(), context.unbind()]);
    }
    Ok(if kind == RAISED {
        Started::Raised(value)
    } else {
        Started::Returned(value)
    })
}
