//! Values across the boundary: JSON → Python with pythonize, Python → JSON by walking the
//! objects once. ferromcp's own models keep their fields under wire names in `__dict__`, so they
//! convert without a detour; pydantic models (official `mcp.types` objects) go through
//! `model_dump(by_alias=True, exclude_none=True, mode="json")`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::model::ModelBase;

/// JSON value → Python object (dicts, lists, str, int, float, bool, None).
pub fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, v).map_err(|e| PyValueError::new_err(e.to_string()))
}

const MAX_DEPTH: usize = 128;

/// Python object → JSON value.
pub fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    walk(obj, 0)
}

fn walk(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err("value nests too deeply to serialize"));
    }
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast_exact::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if let Ok(b) = obj.cast_exact::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        if obj.is_instance_of::<PyBool>() {
            return Ok(Value::Bool(obj.is_truthy()?));
        }
        return Ok(match i.extract::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => match i.extract::<u64>() {
                Ok(n) => Value::from(n),
                Err(_) => Value::from(i.extract::<f64>()?),
            },
        });
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let f = f.value();
        return Ok(Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict(d, depth, false);
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|x| walk(&x, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|x| walk(&x, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if obj.is_instance_of::<ModelBase>() {
        let d = obj.getattr(intern!(py, "__dict__"))?;
        return dict(d.cast::<PyDict>()?, depth, true);
    }
    let ty = obj.get_type();
    if ty.hasattr(intern!(py, "model_dump"))? {
        let kwargs = PyDict::new(py);
        kwargs.set_item(intern!(py, "by_alias"), true)?;
        kwargs.set_item(intern!(py, "exclude_none"), true)?;
        kwargs.set_item(intern!(py, "mode"), intern!(py, "json"))?;
        let dumped = obj.call_method(intern!(py, "model_dump"), (), Some(&kwargs))?;
        return walk(&dumped, depth + 1);
    }
    if let Ok(v) = obj.getattr(intern!(py, "value"))
        && ty.is_subclass(&py.import("enum")?.getattr("Enum")?)?
    {
        return walk(&v, depth + 1);
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a {} to the client; return ferromcp.types objects, dicts, lists or scalars",
        ty.name()?
    )))
}

/// A dict; for ferromcp models, keys holding `None` are left out (unset optional fields).
fn dict(d: &Bound<'_, PyDict>, depth: usize, skip_none: bool) -> PyResult<Value> {
    let mut m = Map::with_capacity(d.len());
    for (k, v) in d.iter() {
        if skip_none && v.is_none() {
            continue;
        }
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_str()?.to_owned(),
            Err(_) => k.str()?.to_str()?.to_owned(),
        };
        m.insert(key, walk(&v, depth + 1)?);
    }
    Ok(Value::Object(m))
}
