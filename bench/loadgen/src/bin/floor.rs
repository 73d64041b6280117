//! `floor`: a zero-work native MCP "server" for the echo workload.
//!
//! It answers newline-delimited JSON-RPC on stdin with as little work as a real
//! round trip allows: no JSON parsing, just a byte scan for `"id":`, `"method":"`
//! and (for `tools/call`) the `"text":"` argument, which is copied back still
//! escaped. What remains is the physical cost of a stdio round trip — two process
//! wake-ups and the pipe syscalls — which `bench/run.py` reports as the floor.
//!
//! It relies on the compact JSON that `loadgen` sends; it is not a general server.

use std::io::{self, BufRead, BufReader, Write};

#[path = "floor/scan.rs"]
mod scan;

use scan::answer;

fn main() -> io::Result<()> {
    let mut input = BufReader::with_capacity(64 * 1024, io::stdin());
    let mut stdout = io::stdout();
    let mut line = Vec::with_capacity(4096);
    let mut out = Vec::with_capacity(64 * 1024);
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        answer(&line, &mut out);
        // Answer a burst with one write once every line already read is handled.
        if input.buffer().is_empty() && !out.is_empty() {
            stdout.write_all(&out)?;
            stdout.flush()?;
            out.clear();
        }
    }
}
