//! The constructor of `ferromcp.types` models. Handlers build a model or two on every request
//! (`TextContent`, `CallToolResult`…); in Python, `__init__(self, **kw)` costs ~7 k instructions
//! per object on CPython 3.11 — a sixth of an echo call — most of it calling convention. Here it
//! is a C-level `tp_init` reading the class's field table, which `ferromcp.types` builds once per
//! class (`_init_spec`).

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFrozenSet, PyList, PyString, PyTuple};

/// How a field without a keyword gets its value (`_init_spec`'s third column).
const REQUIRED: u8 = 0;
const EMPTY_LIST: u8 = 2;

/// One field as `ferromcp.types` describes it: `(wire, snake_or_None, how, default,
/// converter_or_None)`.
type FieldRow = (
    Py<PyString>,
    Option<Py<PyString>>,
    u8,
    Py<PyAny>,
    Option<Py<PyAny>>,
);

/// One field of a model class.
struct Field {
    wire: Py<PyString>,
    snake: Option<Py<PyString>>,
    how: u8,
    default: Py<PyAny>,
    converter: Option<Py<PyAny>>,
}

/// A model class's field table, built once per class by `ferromcp.types` (`_init_spec`).
#[pyclass(frozen, module = "ferromcp._core", name = "InitSpec")]
pub struct InitSpec {
    fields: Vec<Field>,
    /// Every accepted spelling, to tell unknown keywords apart.
    known: Py<PyFrozenSet>,
    /// `missing(instance, wire)` raises the error for a missing required field.
    missing: Py<PyAny>,
}

#[pymethods]
impl InitSpec {
    #[new]
    fn new(rows: Vec<FieldRow>, known: Py<PyFrozenSet>, missing: Py<PyAny>) -> PyResult<Self> {
        let fields = rows
            .into_iter()
            .map(|(wire, snake, how, default, converter)| {
                if how > EMPTY_LIST {
                    return Err(PyTypeError::new_err("unknown default kind"));
                }
                Ok(Field {
                    wire,
                    snake,
                    how,
                    default,
                    converter,
                })
            })
            .collect::<PyResult<_>>()?;
        Ok(Self {
            fields,
            known,
            missing,
        })
    }
}

/// Base of `ferromcp.types._Model`. Instances keep their fields in `__dict__` under wire
/// names; the Python subclass provides the dict.
#[pyclass(subclass, module = "ferromcp._core", name = "ModelBase")]
pub struct ModelBase;

#[pymethods]
impl ModelBase {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Self {
        Self
    }

    /// Fills `__dict__` from the keywords, per `type(self)._init_spec` (an [`InitSpec`]).
    /// A field is taken from its wire name, else its snake_case name, else its default;
    /// `converter(value)` shapes nested values; unknown keywords are kept as given.
    #[pyo3(signature = (*args, **kwargs))]
    fn __init__(
        slf: &Bound<'_, Self>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let py = slf.py();
        let this = slf.as_any();
        if !args.is_empty() {
            return Err(PyTypeError::new_err(format!(
                "{}() takes keyword arguments only",
                this.get_type().name()?
            )));
        }
        let spec = this.get_type().getattr(intern!(py, "_init_spec"))?;
        let spec = spec.cast::<InitSpec>()?.get();
        let d = this.getattr(intern!(py, "__dict__"))?;
        let d = d.cast::<PyDict>()?;
        let mut taken = 0;
        for f in &spec.fields {
            let wire = f.wire.bind(py);
            let mut value = None;
            if let Some(kw) = kwargs {
                value = kw.get_item(wire)?;
                if value.is_none()
                    && let Some(snake) = &f.snake
                {
                    value = kw.get_item(snake.bind(py))?;
                }
            }
            let value = match value {
                Some(v) => {
                    taken += 1;
                    match &f.converter {
                        Some(conv) => conv.bind(py).call1((v,))?,
                        None => v,
                    }
                }
                None => match f.how {
                    REQUIRED => {
                        spec.missing.bind(py).call1((this, wire))?;
                        return Err(PyTypeError::new_err("missing required field"));
                    }
                    EMPTY_LIST => PyList::empty(py).into_any(),
                    _ => f.default.bind(py).clone(),
                },
            };
            d.set_item(wire, value)?;
        }
        if let Some(kw) = kwargs
            && kw.len() > taken
        {
            let known = spec.known.bind(py);
            for (k, v) in kw.iter() {
                if !known.contains(&k)? {
                    d.set_item(k, v)?;
                }
            }
        }
        Ok(())
    }
}
