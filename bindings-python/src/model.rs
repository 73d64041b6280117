//! The constructor of `ferromcp.types` models. Handlers build a model or two on every request
//! (`TextContent`, `CallToolResult`…); in Python, `__init__(self, **kw)` costs ~7 k instructions
//! per object on CPython 3.11 — a sixth of an echo call — most of it calling convention. Here it
//! is a C-level `tp_init` reading the class's field table, which `ferromcp.types` builds once per
//! class (`_init_spec`).

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

/// How a field without a keyword gets its value (`_init_spec`'s third column).
const REQUIRED: u8 = 0;
const DEFAULT: u8 = 1;
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
    how: u8,
    default: Py<PyAny>,
    converter: Option<Converter>,
}

/// How a given nested value is shaped: `ferromcp.types`' `_one(kind)` / `_many(kind)` (given
/// as `("one" | "many", kind)`: dicts, alone or as list items, become `kind(dict)`, calling
/// Python only for the dicts themselves), or any callable.
enum Converter {
    One(Py<PyAny>),
    Many(Py<PyAny>),
    Call(Py<PyAny>),
}

impl Converter {
    fn new(conv: Py<PyAny>, py: Python<'_>) -> PyResult<Self> {
        if let Ok((how, kind)) = conv.bind(py).extract::<(String, Py<PyAny>)>() {
            return match how.as_str() {
                "one" => Ok(Self::One(kind)),
                "many" => Ok(Self::Many(kind)),
                _ => Err(PyTypeError::new_err(format!("unknown converter {how:?}"))),
            };
        }
        Ok(Self::Call(conv))
    }

    fn apply<'py>(&self, v: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = v.py();
        match self {
            Self::Call(f) => f.bind(py).call1((v,)),
            Self::One(kind) if v.is_exact_instance_of::<PyDict>() => kind.bind(py).call1((v,)),
            Self::One(_) => Ok(v),
            Self::Many(kind) => {
                let Ok(items) = v.cast_exact::<PyList>() else {
                    return Ok(v);
                };
                if !items.iter().any(|x| x.is_exact_instance_of::<PyDict>()) {
                    return Ok(v);
                }
                let kind = kind.bind(py);
                let shaped = items
                    .iter()
                    .map(|x| {
                        if x.is_exact_instance_of::<PyDict>() {
                            kind.call1((x,))
                        } else {
                            Ok(x)
                        }
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(PyList::new(py, shaped)?.into_any())
            }
        }
    }
}

/// Marks a field the keywords must fill (or that needs a fresh list) in [`InitSpec::template`].
#[pyclass(frozen, module = "ferromcp._core")]
struct Unset;

/// A model class's field table, built once per class by `ferromcp.types` (`_init_spec`).
#[pyclass(frozen, module = "ferromcp._core", name = "InitSpec")]
pub struct InitSpec {
    fields: Vec<Field>,
    /// Wire name → default, in field order: what an instance's `__dict__` starts as.
    template: Py<PyDict>,
    /// `(snake_case name, field)` for the fields spelled differently on the wire.
    aliases: Vec<(Py<PyString>, usize)>,
    /// The fields that need a look after the keywords are in: required, list, converted.
    special: Vec<usize>,
    unset: Py<Unset>,
    /// `missing(instance, wire)` raises the error for a missing required field.
    missing: Py<PyAny>,
}

#[pymethods]
impl InitSpec {
    #[new]
    fn new(py: Python<'_>, rows: Vec<FieldRow>, missing: Py<PyAny>) -> PyResult<Self> {
        let unset = Py::new(py, Unset)?;
        let template = PyDict::new(py);
        let mut fields = Vec::with_capacity(rows.len());
        let mut aliases = Vec::new();
        let mut special = Vec::new();
        for (i, (wire, snake, how, default, converter)) in rows.into_iter().enumerate() {
            if how > EMPTY_LIST {
                return Err(PyTypeError::new_err("unknown default kind"));
            }
            // Interned, as keyword names are: finding a field is then a pointer compare.
            let wire = PyString::intern(py, wire.bind(py).to_str()?).unbind();
            let snake = match snake {
                Some(s) => Some(PyString::intern(py, s.bind(py).to_str()?).unbind()),
                None => None,
            };
            if how == DEFAULT {
                template.set_item(&wire, &default)?;
            } else {
                template.set_item(&wire, &unset)?;
            }
            if how != DEFAULT || converter.is_some() {
                special.push(i);
            }
            if let Some(snake) = snake {
                aliases.push((snake, i));
            }
            let converter = converter.map(|c| Converter::new(c, py)).transpose()?;
            fields.push(Field {
                wire,
                how,
                default,
                converter,
            });
        }
        Ok(Self {
            fields,
            template: template.unbind(),
            aliases,
            special,
            unset,
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

    /// Sets `__dict__` from the keywords, per `type(self)._init_spec` (an [`InitSpec`]): the
    /// class's defaults updated with the keywords (a field is taken from its wire name, else
    /// its snake_case name); `converter(value)` shapes given nested values; unknown keywords
    /// are kept as given.
    #[pyo3(signature = (*args, **kwargs))]
    fn __init__(
        slf: &Bound<'_, Self>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let this = slf.as_any();
        if !args.is_empty() {
            return Err(PyTypeError::new_err(format!(
                "{}() takes keyword arguments only",
                this.get_type().name()?
            )));
        }
        fill(this, kwargs)
    }
}

/// Sets `this.__dict__` from `kwargs` per its class's [`InitSpec`] (see `ModelBase.__init__`).
fn fill(this: &Bound<'_, PyAny>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    let py = this.py();
    let spec = this.get_type().getattr(intern!(py, "_init_spec"))?;
    let spec = spec.cast::<InitSpec>()?.get();
    let d = spec.template.bind(py).copy()?;
    if let Some(kw) = kwargs {
        // Item by item: the given fields replace their defaults in place, where a dict update
        // would first grow the table to hold both dicts' entries.
        for (k, v) in kw.iter() {
            d.set_item(k, v)?;
        }
        if d.len() > spec.fields.len() {
            // Extra keys: snake_case spellings (the wire spelling wins) or unknown ones.
            for (snake, i) in &spec.aliases {
                let snake = snake.bind(py);
                if let Some(v) = d.get_item(snake)? {
                    d.del_item(snake)?;
                    let wire = spec.fields[*i].wire.bind(py);
                    if !kw.contains(wire)? {
                        d.set_item(wire, v)?;
                    }
                }
            }
        }
    }
    let unset = spec.unset.bind(py);
    for &i in &spec.special {
        let f = &spec.fields[i];
        let wire = f.wire.bind(py);
        let Some(v) = d.get_item(wire)? else { continue };
        if v.is(unset) {
            if f.how == REQUIRED {
                spec.missing.bind(py).call1((this, wire))?;
                return Err(PyTypeError::new_err("missing required field"));
            }
            d.set_item(wire, PyList::empty(py))?;
            continue;
        }
        if let Some(conv) = &f.converter
            && !v.is(f.default.bind(py))
        {
            d.set_item(wire, conv.apply(v)?)?;
        }
    }
    // SAFETY: `this` is a live model instance (its class has a `__dict__`) and `d` a dict.
    let rc =
        unsafe { ffi::PyObject_GenericSetDict(this.as_ptr(), d.as_ptr(), std::ptr::null_mut()) };
    if rc == 0 {
        Ok(())
    } else {
        Err(PyErr::fetch(py))
    }
}

/// A model instance's `__dict__`, read without looking the attribute up through its class.
pub fn fields<'py>(model: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    // SAFETY: `model` is a live object; the call returns a new reference or NULL with an
    // exception set (also when the object has no `__dict__`).
    let d = unsafe {
        Bound::from_owned_ptr_or_err(
            model.py(),
            ffi::PyObject_GenericGetDict(model.as_ptr(), std::ptr::null_mut()),
        )?
    };
    Ok(d.cast_into::<PyDict>()?)
}

/// `cls(**d)` for a model class, without the keyword-call machinery: 2.x low-level handlers
/// get their typed params this way on every request. Other classes are simply called.
pub fn model_from<'py>(
    cls: &Bound<'py, PyType>,
    d: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyAny>> {
    if !cls.is_subclass_of::<ModelBase>()? {
        return cls.call((), Some(d));
    }
    let obj = bare_instance(cls)?;
    fill(&obj, Some(d))?;
    Ok(obj)
}

/// An instance of `ty` made by its `tp_new` alone, without `__init__` (for types whose `tp_new`
/// takes `(type, args, kwargs)` and needs nothing from them: models, `HandlerTask`).
pub fn bare_instance<'py>(ty: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
    let py = ty.py();
    // SAFETY: `ty` is a live type object; its tp_new slot, when present, has the `newfunc`
    // signature, and returns a new reference or NULL with an exception set.
    unsafe {
        let slot = ffi::PyType_GetSlot(ty.as_type_ptr(), ffi::Py_tp_new);
        if slot.is_null() {
            return Err(PyTypeError::new_err(format!(
                "{} cannot be created",
                ty.name()?
            )));
        }
        let tp_new: ffi::newfunc = std::mem::transmute(slot);
        let args = PyTuple::empty(py);
        Bound::from_owned_ptr_or_err(
            py,
            tp_new(ty.as_type_ptr(), args.as_ptr(), std::ptr::null_mut()),
        )
    }
}
