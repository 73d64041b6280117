//! Values across the boundary: JSON → Python by one walk (with member names reused), Python → JSON by walking the
//! objects once — into a value ([`from_py`]) or, for handler results, straight into JSON text
//! ([`encode`]). ferromcp's own models keep their fields under wire names in `__dict__`, so they
//! convert without a detour; pydantic models (official `mcp.types` objects) go through
//! `model_dump(by_alias=True, exclude_none=True, mode="json")`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::Mutex;

use crate::model::{ModelBase, fields};
use ferromcp_core::handler::Reply;
use ferromcp_core::jsonrpc::ObjectWriter;

static JSONABLE: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();

/// A number outside 64-bit integers: an exact `int` when written as an integer, else a
/// `float` (`1e400` is `inf`, as Python's own JSON reading has it).
fn big_number<'py>(py: Python<'py>, n: &Number) -> PyResult<Bound<'py, PyAny>> {
    let text = n.to_string();
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return py.get_type::<PyInt>().call1((text,));
    }
    Ok(PyFloat::new(py, text.parse::<f64>().unwrap_or(f64::NAN)).into_any())
}

/// JSON value → Python object (dicts, lists, str, int, float, bool, None).
pub fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => big_number(py, n)?,
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let items = items
                .iter()
                .map(|x| to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(members) => {
            let d = PyDict::new(py);
            for (k, x) in members {
                d.set_item(key(py, k), to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A member name as a Python string. The names clients send are few (`name`, `arguments`,
/// `text`, …), so short ones are made once and reused: a new string would also be hashed anew
/// by the dict it goes into.
fn key<'py>(py: Python<'py>, k: &str) -> Bound<'py, PyString> {
    type Keys = HashMap<Box<str>, Py<PyString>, foldhash::fast::RandomState>;
    static KEYS: Mutex<Option<Keys>> = Mutex::new(None);
    const LONGEST: usize = 32;
    const MOST: usize = 1024;
    if k.len() > LONGEST {
        return PyString::new(py, k);
    }
    let mut keys = KEYS.lock().unwrap_or_else(|p| p.into_inner());
    let keys = keys.get_or_insert_with(Keys::default);
    if let Some(s) = keys.get(k) {
        return s.bind(py).clone();
    }
    let s = PyString::intern(py, k);
    if keys.len() < MOST {
        keys.insert(k.into(), s.clone().unbind());
    }
    s
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
                // Beyond 64 bits: its digits, exactly (the core keeps numbers as written).
                Err(_) => Value::Number(
                    i.str()?
                        .to_str()?
                        .parse::<Number>()
                        .map_err(|e| PyValueError::new_err(e.to_string()))?,
                ),
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
        return dict(&fields(obj)?, depth, true);
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
    // URLs, datetimes, UUIDs, paths, decimals, bytes, sets, dataclasses…: as pydantic sends them.
    if let Ok(to_jsonable) = JSONABLE.import(py, "ferromcp._jsonable", "to_jsonable") {
        let plain = to_jsonable.call1((obj,))?;
        if !plain.is(obj) {
            return walk(&plain, depth + 1);
        }
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a {} to the client; return ferromcp.types objects, dicts, lists or scalars",
        ty.name()?
    )))
}

/// A dict; for ferromcp models, keys holding `None` are left out (unset optional fields).
fn dict(d: &Bound<'_, PyDict>, depth: usize, skip_none: bool) -> PyResult<Value> {
    let mut m = Map::with_capacity(d.len());
    for_members(d, skip_none, |k, v| {
        m.insert(k.to_owned(), walk(&v, depth + 1)?);
        Ok(())
    })?;
    Ok(Value::Object(m))
}

/// Each member of a dict as JSON sees it: its key as a string (`str(key)` for other keys); for
/// ferromcp models, members holding `None` (unset optional fields) are left out.
fn for_members<'py>(
    d: &Bound<'py, PyDict>,
    skip_none: bool,
    mut f: impl FnMut(&str, Bound<'py, PyAny>) -> PyResult<()>,
) -> PyResult<()> {
    for (k, v) in d.iter() {
        if skip_none && v.is_none() {
            continue;
        }
        match k.cast::<PyString>() {
            Ok(s) => f(s.to_str()?, v)?,
            Err(_) => f(k.str()?.to_str()?, v)?,
        }
    }
    Ok(())
}

/// The dict `obj` is written from as a JSON object, and whether its `None`s are left out: a
/// dict as it is, a ferromcp model by its fields.
fn object_fields<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<(Bound<'py, PyDict>, bool)>> {
    if let Ok(d) = obj.cast_exact::<PyDict>() {
        Ok(Some((d.clone(), false)))
    } else if obj.is_instance_of::<ModelBase>() {
        Ok(Some((fields(obj)?, true)))
    } else {
        Ok(None)
    }
}

/// A handler's result as the core's [`Reply`]: a dict or a ferromcp model is written straight
/// to JSON text, member by member (what [`from_py`] gives, without building the value);
/// anything else goes through [`from_py`].
pub fn encode(obj: &Bound<'_, PyAny>) -> PyResult<Reply> {
    let Some((d, skip_none)) = object_fields(obj)? else {
        return from_py(obj).map(Reply::Value);
    };
    let mut w = ObjectWriter::new();
    for_members(&d, skip_none, |k, v| write(&v, w.member(k), 1))?;
    finish(w)
}

/// `{"content": items, "isError": false}`: a 1.x tool's list of content blocks, written.
pub fn encode_content(items: &Bound<'_, PyAny>) -> PyResult<Reply> {
    let mut w = ObjectWriter::new();
    write(items, w.member("content"), 1)?;
    w.member("isError").extend_from_slice(b"false");
    finish(w)
}

/// `{"content": [{"type": "text", "text": text}], "structuredContent": {"result": text},
/// "isError": false}`: what a tool whose output is a string answers with its string, written.
pub fn encode_text_result(
    text: &Bound<'_, PyString>,
    meta: Option<&Bound<'_, PyAny>>,
) -> PyResult<Reply> {
    let text = text.to_str()?;
    let mut w = ObjectWriter::new();
    if let Some(meta) = meta {
        write(meta, w.member("_meta"), 0)?;
    }
    let out = w.member("content");
    out.extend_from_slice(br#"[{"type":"text","text":"#);
    write_str(out, text);
    out.extend_from_slice(b"}]");
    let out = w.member("structuredContent");
    out.extend_from_slice(br#"{"result":"#);
    write_str(out, text);
    out.push(b'}');
    w.member("isError").extend_from_slice(b"false");
    finish(w)
}

fn finish(w: ObjectWriter) -> PyResult<Reply> {
    let o = w
        .finish()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(Reply::Object(o))
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("writing to a Vec cannot fail");
}

fn write(obj: &Bound<'_, PyAny>, out: &mut Vec<u8>, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err("value nests too deeply to serialize"));
    }
    if let Ok(s) = obj.cast_exact::<PyString>() {
        write_str(out, s.to_str()?);
    } else if obj.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(l) = obj.cast_exact::<PyList>() {
        write_items(l.iter(), out, depth)?;
    } else if let Some((d, skip_none)) = object_fields(obj)? {
        write_dict(&d, out, depth, skip_none)?;
    } else {
        // Everything else as `from_py` sees it: numbers, subclasses, pydantic models, enums.
        let v = walk(obj, depth)?;
        serde_json::to_writer(&mut *out, &v).expect("writing to a Vec cannot fail");
    }
    Ok(())
}

fn write_items<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    out: &mut Vec<u8>,
    depth: usize,
) -> PyResult<()> {
    out.push(b'[');
    for (i, x) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(&x, out, depth + 1)?;
    }
    out.push(b']');
    Ok(())
}

/// A dict as an object (see [`for_members`]).
fn write_dict(
    d: &Bound<'_, PyDict>,
    out: &mut Vec<u8>,
    depth: usize,
    skip_none: bool,
) -> PyResult<()> {
    out.push(b'{');
    let mut first = true;
    for_members(d, skip_none, |k, v| {
        if !first {
            out.push(b',');
        }
        first = false;
        write_str(out, k);
        out.push(b':');
        write(&v, out, depth + 1)
    })?;
    out.push(b'}');
    Ok(())
}
