//! The byte scan both floors answer with: no JSON parsing, just a search for `"id":`,
//! `"method":"` and (for `tools/call`) the `"text":"` argument, which is copied back still
//! escaped. It relies on the compact JSON that `loadgen` sends; it is not a general server.

const INITIALIZE_RESULT: &[u8] = br#"{"protocolVersion":"2025-11-25","capabilities":{"tools":{"listChanged":false}},"serverInfo":{"name":"ferromcp-bench-floor","version":"0.1.0"}}"#;
const TOOLS_LIST_RESULT: &[u8] = br#"{"tools":[{"name":"echo","inputSchema":{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}}]}"#;

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The raw JSON of the top-level `id` (number or string), if the message has one.
pub(crate) fn raw_id(line: &[u8]) -> Option<&[u8]> {
    let start = find(line, b"\"id\":")? + 5;
    let rest = line[start..].trim_ascii_start();
    let len = if rest.first() == Some(&b'"') {
        rest[1..].iter().position(|&b| b == b'"')? + 2
    } else {
        rest.iter()
            .position(|&b| matches!(b, b',' | b'}') || b.is_ascii_whitespace())
            .unwrap_or(rest.len())
    };
    Some(&rest[..len])
}

/// The bytes of a string value that starts right after `key`, still JSON-escaped.
pub(crate) fn raw_string_after<'a>(line: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let start = find(line, key)? + key.len();
    let rest = &line[start..];
    let mut escaped = false;
    for (i, &b) in rest.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return Some(&rest[..i]),
            _ => {}
        }
    }
    None
}

/// Appends the answer to one request line to `out` (nothing for notifications).
pub(crate) fn answer(line: &[u8], out: &mut Vec<u8>) {
    let Some(id) = raw_id(line) else { return };
    out.extend_from_slice(b"{\"jsonrpc\":\"2.0\",\"id\":");
    out.extend_from_slice(id);
    out.extend_from_slice(b",\"result\":");
    match raw_string_after(line, b"\"method\":\"") {
        Some(b"tools/call") => {
            let text = raw_string_after(line, b"\"text\":\"").unwrap_or_default();
            out.extend_from_slice(b"{\"content\":[{\"type\":\"text\",\"text\":\"");
            out.extend_from_slice(text);
            out.extend_from_slice(b"\"}],\"isError\":false}");
        }
        Some(b"initialize") => out.extend_from_slice(INITIALIZE_RESULT),
        Some(b"tools/list") => out.extend_from_slice(TOOLS_LIST_RESULT),
        _ => out.extend_from_slice(b"{}"),
    }
    out.extend_from_slice(b"}\n");
}
