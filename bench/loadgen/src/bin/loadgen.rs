//! `loadgen`: drives one MCP server over stdio with raw JSON-RPC (no SDK), or over
//! Streamable HTTP (`--transport http`, see `loadgen/http.rs`), and prints one JSON report
//! on stdout.
//!
//! ```text
//! loadgen [--workload echo|validate20|big|many|sleep] [--concurrency C] [--calls N]
//!         [--warmup W] [--timeout SECONDS] [--stderr inherit|null] -- <server command...>
//! loadgen --transport http --url http://127.0.0.1:{port}/mcp [--sessions S] [--concurrency C]
//!         [--idle-sessions I] [--process-tree] ... -- <server command with {port}...>
//! ```
//!
//! Flow: spawn → `initialize` (timed: spawn-to-answer) → `notifications/initialized` →
//! W sequential warm-up calls → N timed calls with C in flight → read the server's
//! peak RSS → close stdin → wait for exit (bounded, then kill).
//!
//! Every answer is checked: right id, a `result`, no `isError`, and the expected
//! content for the workload. Server CPU is taken from `/proc/PID/task/*/schedstat`
//! (ns resolution) just before the first timed request and just after the last answer.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "loadgen/http.rs"]
mod http;

/// Number of filler tools (`tool_000`..) the bench servers expose.
const FILLER_TOOLS: usize = 200;
/// Length of the text the `big` tool returns.
const BIG_LEN: usize = 100_000;
/// Capacity of the buffer the server's stdout is read through.
const READ_BUF: usize = 256 * 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Workload {
    Echo,
    Validate20,
    Big,
    Many,
    Sleep,
}

impl Workload {
    fn parse(s: &str) -> Result<Self, String> {
        Ok(match s {
            "echo" => Self::Echo,
            "validate20" => Self::Validate20,
            "big" => Self::Big,
            "many" => Self::Many,
            "sleep" => Self::Sleep,
            _ => return Err(format!("unknown workload {s:?}")),
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Echo => "echo",
            Self::Validate20 => "validate20",
            Self::Big => "big",
            Self::Many => "many",
            Self::Sleep => "sleep",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Transport {
    Stdio,
    Http,
}

struct Options {
    transport: Transport,
    /// HTTP: the server's endpoint (`{port}` is replaced by a free port, as in the command).
    url: Option<String>,
    /// HTTP: client sessions, each with `concurrency` connections and requests in flight.
    sessions: usize,
    /// HTTP: sessions opened after the timed window to measure memory per idle session.
    idle_sessions: usize,
    workload: Workload,
    concurrency: usize,
    calls: usize,
    warmup: usize,
    /// A run with no answer for this long is aborted and the server killed.
    timeout: Duration,
    /// Give the server our stderr (true) or /dev/null (false).
    inherit_stderr: bool,
    /// HTTP: server CPU, threads and peak RSS summed over the spawned process and every process
    /// below it (a launcher of replicas, a proxy, Redis), each also reported on its own.
    process_tree: bool,
    /// HTTP: speak the sessionless 2026-07-28 revision (no `initialize`, an envelope and the
    /// routing headers on every request) instead of opening sessions.
    sessionless: bool,
    command: Vec<String>,
}

const USAGE: &str = "usage: loadgen [--transport stdio|http] [--url http://127.0.0.1:{port}/mcp] \
[--sessions S] [--idle-sessions I] [--process-tree] [--era handshake|2026-07-28] [--workload echo|validate20|big|many|sleep] \
[--concurrency C] [--calls N] [--warmup W] [--timeout SECONDS] [--stderr inherit|null] \
-- <server command...>";

fn parse_args() -> Result<Options, String> {
    let mut opts = Options {
        transport: Transport::Stdio,
        url: None,
        sessions: 1,
        idle_sessions: 0,
        workload: Workload::Echo,
        concurrency: 1,
        calls: 2000,
        warmup: 50,
        timeout: Duration::from_secs(60),
        inherit_stderr: true,
        process_tree: false,
        sessionless: false,
        command: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            opts.command = args.collect();
            break;
        }
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{arg}: {e}"));
        match arg.as_str() {
            "--transport" => {
                opts.transport = match value()?.as_str() {
                    "stdio" => Transport::Stdio,
                    "http" => Transport::Http,
                    other => {
                        return Err(format!(
                            "--transport: expected stdio or http, got {other:?}"
                        ));
                    }
                }
            }
            "--url" => opts.url = Some(value()?),
            "--sessions" => opts.sessions = number(value()?)?.max(1),
            "--idle-sessions" => opts.idle_sessions = number(value()?)?,
            "--process-tree" => opts.process_tree = true,
            "--era" => {
                opts.sessionless = match value()?.as_str() {
                    "handshake" => false,
                    "2026-07-28" => true,
                    other => {
                        return Err(format!(
                            "--era: expected handshake or 2026-07-28, got {other:?}"
                        ));
                    }
                }
            }
            "--workload" => opts.workload = Workload::parse(&value()?)?,
            "--concurrency" => opts.concurrency = number(value()?)?.max(1),
            "--calls" => opts.calls = number(value()?)?.max(1),
            "--warmup" => opts.warmup = number(value()?)?,
            "--timeout" => {
                let secs: f64 = value()?.parse().map_err(|e| format!("--timeout: {e}"))?;
                opts.timeout = Duration::from_secs_f64(secs.max(0.1));
            }
            "--stderr" => {
                opts.inherit_stderr = match value()?.as_str() {
                    "inherit" => true,
                    "null" => false,
                    other => {
                        return Err(format!("--stderr: expected inherit or null, got {other:?}"));
                    }
                }
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            _ => return Err(format!("unknown option {arg:?}\n{USAGE}")),
        }
    }
    if opts.command.is_empty() {
        return Err(format!("no server command given\n{USAGE}"));
    }
    Ok(opts)
}

/// What a correct answer to one request must contain.
enum Expect {
    /// `result.content[0].text` equals this.
    Text(String),
    /// `result.content[0].text` has this many characters.
    TextLen(usize),
    /// `result.tools` has at least this many entries.
    ToolsAtLeast(usize),
}

/// One pre-serialised request line (with its trailing newline) and its check.
struct Request {
    line: String,
    expect: Expect,
}

fn tools_call(id: u64, name: &str, arguments: &str) -> String {
    format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/call\",\"params\":{{\"name\":\"{name}\",\"arguments\":{arguments}}}}}\n"
    )
}

/// The 20-field argument object of `validate20`; `seq` varies one field per call.
fn validate20_arguments(seq: u64) -> String {
    json!({
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "city": "London",
        "country": "GB",
        "tag": "bench",
        "note": "twenty fields, all required",
        "age": 36,
        "count": seq,
        "limit": 100,
        "offset": 0,
        "year": 1843,
        "priority": 2,
        "active": true,
        "verified": false,
        "admin": false,
        "archived": true,
        "subscribed": true,
        "locked": false,
        "address": {"street": "12 St James's Square", "zip": "SW1Y 4JH", "number": 12},
        "items": [1, 2, 3, 5, 8, 13],
    })
    .to_string()
}

/// Builds request number `seq` of a workload, with JSON-RPC id `id`.
fn make_request(workload: Workload, seq: u64, id: u64) -> Request {
    match workload {
        Workload::Echo => {
            let text = format!("echo #{seq}");
            Request {
                line: tools_call(id, "echo", &format!("{{\"text\":\"{text}\"}}")),
                expect: Expect::Text(text),
            }
        }
        Workload::Validate20 => Request {
            line: tools_call(id, "validate20", &validate20_arguments(seq)),
            expect: Expect::Text("ok".to_owned()),
        },
        Workload::Big => Request {
            line: tools_call(id, "big", "{}"),
            expect: Expect::TextLen(BIG_LEN),
        },
        Workload::Sleep => Request {
            line: tools_call(id, "sleep", "{}"),
            expect: Expect::Text("ok".to_owned()),
        },
        Workload::Many if seq % 2 == 0 => Request {
            line: format!("{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"tools/list\"}}\n"),
            expect: Expect::ToolsAtLeast(FILLER_TOOLS),
        },
        Workload::Many => {
            let name = format!("tool_{:03}", (seq / 2) as usize % FILLER_TOOLS);
            Request {
                line: tools_call(id, &name, "{}"),
                expect: Expect::Text(name),
            }
        }
    }
}

/// Checks one answer against what its request expects.
fn check(msg: &Value, expect: &Expect) -> Result<(), String> {
    let Some(result) = msg.get("result") else {
        return Err(match msg.get("error") {
            Some(err) => format!("JSON-RPC error: {err}"),
            None => "answer has neither result nor error".to_owned(),
        });
    };
    if result.get("isError").and_then(Value::as_bool) == Some(true) {
        return Err(format!(
            "isError result: {}",
            abbreviate(&result.to_string())
        ));
    }
    let text = || {
        result
            .pointer("/content/0/text")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("no text content in {}", abbreviate(&result.to_string())))
    };
    match expect {
        Expect::Text(want) => {
            let got = text()?;
            if got != want {
                return Err(format!("text {:?}, expected {want:?}", abbreviate(got)));
            }
        }
        Expect::TextLen(want) => {
            let got = text()?.chars().count();
            if got != *want {
                return Err(format!("text of {got} chars, expected {want}"));
            }
        }
        Expect::ToolsAtLeast(want) => {
            let got = result
                .get("tools")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if got < *want {
                return Err(format!("{got} tools listed, expected at least {want}"));
            }
        }
    }
    Ok(())
}

fn abbreviate(s: &str) -> String {
    const MAX: usize = 200;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// Reads newline-delimited JSON-RPC messages from the server.
struct MessageReader {
    inner: BufReader<ChildStdout>,
    line: Vec<u8>,
}

impl MessageReader {
    fn new(stdout: ChildStdout) -> Self {
        Self {
            inner: BufReader::with_capacity(READ_BUF, stdout),
            line: Vec::with_capacity(4096),
        }
    }

    /// The next answer (a message with an `id` and no `method`); server
    /// notifications and requests are skipped. `Err` on EOF or bad JSON.
    fn next_answer(&mut self) -> Result<(u64, Value), String> {
        loop {
            self.line.clear();
            let n = self
                .inner
                .read_until(b'\n', &mut self.line)
                .map_err(|e| format!("reading server stdout: {e}"))?;
            if n == 0 {
                return Err("server closed its stdout".to_owned());
            }
            if self.line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let msg: Value = serde_json::from_slice(&self.line).map_err(|e| {
                format!(
                    "unparseable line from server ({e}): {}",
                    abbreviate(&String::from_utf8_lossy(&self.line))
                )
            })?;
            if msg.get("method").is_some() {
                continue;
            }
            let id = msg.get("id").and_then(Value::as_u64).ok_or_else(|| {
                format!(
                    "answer without a numeric id: {}",
                    abbreviate(&msg.to_string())
                )
            })?;
            return Ok((id, msg));
        }
    }
}

/// Sum of the first `schedstat` field (ns on CPU) over all threads of `pid`.
fn cpu_ns(pid: u32) -> Option<u64> {
    let mut total = 0u64;
    for entry in fs::read_dir(format!("/proc/{pid}/task")).ok()?.flatten() {
        let Ok(stat) = fs::read_to_string(entry.path().join("schedstat")) else {
            continue; // the thread exited meanwhile
        };
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// utime + stime of `pid` from `/proc/PID/stat`, in µs (tick resolution, but it
/// also counts threads that have already exited).
fn stat_cpu_us(pid: u32) -> Option<u64> {
    const USER_HZ: u64 = 100;
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split_whitespace();
    // After "pid (comm) ", utime and stime are the 12th and 13th fields.
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) * 1_000_000 / USER_HZ)
}

/// `pid` and every process below it, root first (parents before their children), from the
/// parent pids in `/proc/*/stat`.
fn process_tree(pid: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue; // gone meanwhile
        };
        // After "pid (comm) ": the state, then the parent's pid.
        let ppid = stat
            .rfind(')')
            .and_then(|i| stat.get(i + 2..))
            .and_then(|rest| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parent_of.push((child, ppid));
        }
    }
    let mut tree = vec![pid];
    let mut next = 0;
    while next < tree.len() {
        let parent = tree[next];
        tree.extend(
            parent_of
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        next += 1;
    }
    tree
}

/// The program name of `pid` (`/proc/PID/comm`).
fn comm(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim_end().to_owned())
        .unwrap_or_default()
}

fn thread_count(pid: u32) -> Option<usize> {
    Some(fs::read_dir(format!("/proc/{pid}/task")).ok()?.count())
}

/// Peak resident set size (`VmHWM`) of `pid`, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Kills the server when no answer has arrived for `timeout`.
struct Watchdog {
    progress: Arc<AtomicU64>,
    fired: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Watchdog {
    fn start(child: Arc<Mutex<Child>>, timeout: Duration) -> Self {
        let progress = Arc::new(AtomicU64::new(0));
        let fired = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, f, s) = (progress.clone(), fired.clone(), stop.clone());
        let thread = thread::spawn(move || {
            let tick = Duration::from_millis(250).min(timeout);
            let (mut seen, mut since) = (0, Instant::now());
            while !s.load(Ordering::Acquire) {
                thread::park_timeout(tick);
                let now = p.load(Ordering::Relaxed);
                if now != seen {
                    (seen, since) = (now, Instant::now());
                } else if since.elapsed() >= timeout && !s.load(Ordering::Acquire) {
                    f.store(true, Ordering::Release);
                    if let Ok(mut child) = child.lock() {
                        let _ = child.kill();
                    }
                    return;
                }
            }
        });
        Self {
            progress,
            fired,
            stop,
            thread: Some(thread),
        }
    }

    fn fired(&self) -> bool {
        self.fired.load(Ordering::Acquire)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// Results of the timed window.
#[derive(Default)]
struct Window {
    latencies_ns: Vec<u64>,
    errors: usize,
    first_error: Option<String>,
    fatal: Option<String>,
    seconds: f64,
}

impl Window {
    fn record(&mut self, latency_ns: u64, outcome: Result<(), String>) {
        self.latencies_ns.push(latency_ns);
        if let Err(e) = outcome {
            self.errors += 1;
            self.first_error.get_or_insert(e);
        }
    }
}

/// Sends the requests one at a time, reading each answer on this thread.
fn run_sequential(
    stdin: &mut ChildStdin,
    reader: &mut MessageReader,
    requests: &[Request],
    first_id: u64,
    progress: &AtomicU64,
) -> Window {
    let mut window = Window {
        latencies_ns: Vec::with_capacity(requests.len()),
        ..Window::default()
    };
    let start = Instant::now();
    for (id, req) in (first_id..).zip(requests) {
        let sent = Instant::now();
        if let Err(e) = stdin.write_all(req.line.as_bytes()) {
            window.fatal = Some(format!("writing to server stdin: {e}"));
            break;
        }
        let answer = loop {
            match reader.next_answer() {
                Ok((got, msg)) if got == id => break Ok(msg),
                Ok(_) => {
                    window.errors += 1;
                    window.first_error.get_or_insert_with(|| {
                        format!("answer with an unexpected id while waiting for {id}")
                    });
                }
                Err(e) => break Err(e),
            }
        };
        let latency = sent.elapsed().as_nanos() as u64;
        match answer {
            Ok(msg) => window.record(latency, check(&msg, &req.expect)),
            Err(e) => {
                window.fatal = Some(e);
                break;
            }
        }
        progress.fetch_add(1, Ordering::Relaxed);
    }
    window.seconds = start.elapsed().as_secs_f64();
    window
}

/// Keeps `concurrency` requests outstanding: this thread writes (one write per
/// burst), a reader thread matches answers to requests by id.
fn run_pipelined(
    stdin: &mut ChildStdin,
    reader: &mut MessageReader,
    requests: &[Request],
    first_id: u64,
    concurrency: usize,
    progress: &AtomicU64,
) -> Window {
    let total = requests.len();
    let origin = Instant::now();
    let sent_at: Vec<AtomicU64> = (0..total).map(|_| AtomicU64::new(0)).collect();
    let (done_tx, done_rx) = mpsc::channel::<()>();

    thread::scope(|scope| {
        let sent_at = &sent_at;
        let reader_thread = scope.spawn(move || {
            let mut window = Window {
                latencies_ns: Vec::with_capacity(total),
                ..Window::default()
            };
            let mut answered = vec![false; total];
            while window.latencies_ns.len() < total {
                let (id, msg) = match reader.next_answer() {
                    Ok(answer) => answer,
                    Err(e) => {
                        window.fatal = Some(e);
                        break;
                    }
                };
                let now = origin.elapsed().as_nanos() as u64;
                let index = id
                    .checked_sub(first_id)
                    .map(|i| i as usize)
                    .filter(|&i| i < total);
                match index {
                    Some(i) if !answered[i] => {
                        answered[i] = true;
                        let latency = now.saturating_sub(sent_at[i].load(Ordering::Acquire));
                        window.record(latency, check(&msg, &requests[i].expect));
                        progress.fetch_add(1, Ordering::Relaxed);
                        if done_tx.send(()).is_err() {
                            break;
                        }
                    }
                    _ => {
                        window.errors += 1;
                        window.first_error.get_or_insert_with(|| {
                            format!("unexpected or duplicate answer id {id}")
                        });
                    }
                }
            }
            window
        });

        let start = Instant::now();
        let mut burst = String::new();
        let (mut next, mut in_flight) = (0usize, 0usize);
        let mut write_error = None;
        loop {
            burst.clear();
            let stamp = origin.elapsed().as_nanos() as u64;
            while next < total && in_flight < concurrency {
                burst.push_str(&requests[next].line);
                sent_at[next].store(stamp, Ordering::Release);
                next += 1;
                in_flight += 1;
            }
            if !burst.is_empty()
                && let Err(e) = stdin.write_all(burst.as_bytes())
            {
                write_error = Some(format!("writing to server stdin: {e}"));
                break;
            }
            if next == total {
                break;
            }
            // Wait for one answer, then also count every other one already in.
            if done_rx.recv().is_err() {
                break; // the reader stopped: its window says why
            }
            in_flight -= 1;
            while done_rx.try_recv().is_ok() {
                in_flight -= 1;
            }
        }
        // If writing failed the reader may wait forever: the watchdog ends it.
        let mut window = reader_thread.join().unwrap_or_else(|_| Window {
            fatal: Some("reader thread panicked".to_owned()),
            ..Window::default()
        });
        window.seconds = start.elapsed().as_secs_f64();
        if window.fatal.is_none() {
            window.fatal = write_error;
        }
        window
    })
}

/// Percentile by nearest rank over sorted values, in µs.
fn percentile_us(sorted_ns: &[u64], p: f64) -> f64 {
    if sorted_ns.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted_ns.len() as f64).ceil() as usize;
    sorted_ns[rank.clamp(1, sorted_ns.len()) - 1] as f64 / 1000.0
}

fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// Waits up to `limit` for the server to exit after its stdin closed, then kills it.
fn reap(child: &Mutex<Child>, limit: Duration) -> String {
    let deadline = Instant::now() + limit;
    let describe = |status: ExitStatus| match status.code() {
        Some(code) => format!("exit {code}"),
        None => format!("{status}"),
    };
    loop {
        let Ok(mut child) = child.lock() else {
            return "unknown".to_owned();
        };
        match child.try_wait() {
            Ok(Some(status)) => return describe(status),
            Ok(None) if Instant::now() < deadline => {}
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return format!(
                    "killed: still running {:.1} s after stdin closed",
                    limit.as_secs_f64()
                );
            }
            Err(e) => return format!("wait failed: {e}"),
        }
        drop(child);
        thread::sleep(Duration::from_millis(5));
    }
}

fn emit(report: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{report}");
    let _ = out.flush();
}

fn main() {
    let opts = match parse_args() {
        Ok(opts) => opts,
        Err(msg) => {
            eprintln!("loadgen: {msg}");
            std::process::exit(2);
        }
    };
    std::process::exit(match opts.transport {
        Transport::Stdio => run(&opts),
        Transport::Http => http::run(&opts),
    });
}

/// Runs the whole benchmark; returns the process exit code
/// (0 clean, 1 some answers wrong, 2 aborted).
fn run(opts: &Options) -> i32 {
    let mut report = json!({
        "workload": opts.workload.name(),
        "concurrency": opts.concurrency,
        "command": opts.command,
    });
    let fail = |mut report: Value, msg: String| {
        report["ok"] = json!(false);
        report["fatal"] = json!(msg);
        emit(&report);
        2
    };

    let spawned_at = Instant::now();
    let spawn = Command::new(&opts.command[0])
        .args(&opts.command[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(if opts.inherit_stderr {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn();
    let mut child = match spawn {
        Ok(child) => child,
        Err(e) => return fail(report, format!("cannot start {:?}: {e}", opts.command[0])),
    };
    let pid = child.id();
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return fail(report, "child has no stdio pipes".to_owned());
    };
    let child = Arc::new(Mutex::new(child));
    let watchdog = Watchdog::start(child.clone(), opts.timeout);
    let mut reader = MessageReader::new(stdout);

    let outcome = session(
        opts,
        pid,
        &mut stdin,
        &mut reader,
        &watchdog,
        spawned_at,
        &mut report,
    );
    // Peak RSS is read while the server is still alive.
    if let Some(kib) = peak_rss_kib(pid) {
        report["server_peak_rss_kib"] = json!(kib);
        report["server_peak_rss_mib"] = json!(round(kib as f64 / 1024.0, 1));
    }
    drop(stdin);
    drop(reader);
    let timed_out = watchdog.fired();
    drop(watchdog);
    report["server_exit"] = json!(reap(&child, Duration::from_secs(5)));

    match outcome {
        Err(msg) => {
            let msg = if timed_out {
                format!(
                    "no answer for {:.0} s (server killed): {msg}",
                    opts.timeout.as_secs_f64()
                )
            } else {
                msg
            };
            fail(report, msg)
        }
        Ok(errors) => {
            report["ok"] = json!(true);
            report["fatal"] = Value::Null;
            emit(&report);
            i32::from(errors > 0)
        }
    }
}

/// Handshake, warm-up and the timed window; fills `report`, returns the number
/// of wrong answers in the timed window or the reason the run was aborted.
fn session(
    opts: &Options,
    pid: u32,
    stdin: &mut ChildStdin,
    reader: &mut MessageReader,
    watchdog: &Watchdog,
    spawned_at: Instant,
    report: &mut Value,
) -> Result<usize, String> {
    let initialize = json!({
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-11-25",
            "capabilities": {},
            "clientInfo": {"name": "ferromcp-bench-loadgen", "version": env!("CARGO_PKG_VERSION")},
        },
    });
    let write = |stdin: &mut ChildStdin, line: &str| {
        stdin
            .write_all(line.as_bytes())
            .map_err(|e| format!("writing to server stdin: {e}"))
    };
    write(stdin, &format!("{initialize}\n"))?;
    let (id, answer) = reader
        .next_answer()
        .map_err(|e| format!("during initialize: {e}"))?;
    let spawn_to_init = spawned_at.elapsed();
    let Some(result) = answer.get("result").filter(|_| id == 0) else {
        return Err(format!(
            "bad initialize answer: {}",
            abbreviate(&answer.to_string())
        ));
    };
    report["spawn_to_init_ms"] = json!(round(spawn_to_init.as_secs_f64() * 1e3, 2));
    report["server_info"] = result.get("serverInfo").cloned().unwrap_or(Value::Null);
    report["protocol_version"] = result
        .get("protocolVersion")
        .cloned()
        .unwrap_or(Value::Null);
    write(
        stdin,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n",
    )?;
    watchdog.progress.fetch_add(1, Ordering::Relaxed);

    // Warm-up: sequential, checked, not timed.
    let mut next_id = 1u64;
    let warmup: Vec<Request> = (0..opts.warmup as u64)
        .map(|seq| make_request(opts.workload, seq, next_id + seq))
        .collect();
    let warm = run_sequential(stdin, reader, &warmup, next_id, &watchdog.progress);
    next_id += warmup.len() as u64;
    report["warmup"] = json!(opts.warmup);
    report["warmup_errors"] = json!(warm.errors);
    if let Some(e) = warm.fatal {
        return Err(format!("during warm-up: {e}"));
    }
    if let Some(e) = warm.first_error {
        report["first_warmup_error"] = json!(e);
    }

    let requests: Vec<Request> = (0..opts.calls as u64)
        .map(|i| make_request(opts.workload, opts.warmup as u64 + i, next_id + i))
        .collect();
    let self_pid = std::process::id();
    let (cpu_before, stat_before, client_before) =
        (cpu_ns(pid), stat_cpu_us(pid), cpu_ns(self_pid));
    let window = if opts.concurrency == 1 {
        run_sequential(stdin, reader, &requests, next_id, &watchdog.progress)
    } else {
        run_pipelined(
            stdin,
            reader,
            &requests,
            next_id,
            opts.concurrency,
            &watchdog.progress,
        )
    };
    let (cpu_after, stat_after, client_after) = (cpu_ns(pid), stat_cpu_us(pid), cpu_ns(self_pid));

    let calls = window.latencies_ns.len();
    let per_call = |before: Option<u64>, after: Option<u64>, unit_per_us: f64| match (before, after)
    {
        (Some(b), Some(a)) if calls > 0 => json!(round(
            a.saturating_sub(b) as f64 / unit_per_us / calls as f64,
            2
        )),
        _ => Value::Null,
    };
    let mut sorted = window.latencies_ns;
    sorted.sort_unstable();
    let mean_us = if calls > 0 {
        sorted.iter().sum::<u64>() as f64 / calls as f64 / 1000.0
    } else {
        0.0
    };
    let fields = json!({
        "calls": calls,
        "seconds": round(window.seconds, 6),
        "calls_per_s": if window.seconds > 0.0 { round(calls as f64 / window.seconds, 1) } else { 0.0 },
        "p50_us": round(percentile_us(&sorted, 50.0), 1),
        "p90_us": round(percentile_us(&sorted, 90.0), 1),
        "p99_us": round(percentile_us(&sorted, 99.0), 1),
        "max_us": round(percentile_us(&sorted, 100.0), 1),
        "mean_us": round(mean_us, 1),
        "errors": window.errors,
        "first_error": window.first_error,
        "server_cpu_us_per_call": per_call(cpu_before, cpu_after, 1000.0),
        "server_cpu_stat_us_per_call": per_call(stat_before, stat_after, 1.0),
        "client_cpu_us_per_call": per_call(client_before, client_after, 1000.0),
        "server_threads": thread_count(pid),
    });
    if let (Value::Object(dst), Value::Object(src)) = (&mut *report, fields) {
        dst.extend(src);
    }
    match window.fatal {
        Some(e) => Err(format!("after {calls} timed calls: {e}")),
        None => Ok(window.errors),
    }
}
