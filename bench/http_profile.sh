#!/usr/bin/env bash
# Per-call costs of one Streamable HTTP server, for bench/ANALYSIS-http.md: context switches
# and on-CPU time (perf stat, software events), syscalls by name (strace -c -f), each the
# difference between a LARGE-call and a SMALL-call loadgen run against one running server
# (sessions, handshakes and warm-up cancel out). Server on CPU 1, loadgen on CPU 0.
#
#   bash bench/http_profile.sh [-s SESSIONS] [-c IN_FLIGHT] [-n SMALL,LARGE] -- SERVER {port} ...
#
# e.g. bash bench/http_profile.sh -s 16 -c 1 -- bench/.venvs/ferromcp/bin/python -m ferromcp run \
#        bench/servers/mcpserver_v2.py --port {port}
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=1 inflight=1 small=2000 large=6000
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    -s) sessions=$2; shift 2 ;;
    -c) inflight=$2; shift 2 ;;
    -n) small=${2%,*}; large=${2#*,}; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
shift
loadgen=target/release/loadgen
test -x "$loadgen" || cargo build -q --release -p ferromcp-bench
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cmd=("${@//\{port\}/$port}")
out=$(mktemp -d)
taskset -c 1 "${cmd[@]}" > "$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
drive() {
  taskset -c 0 "$loadgen" --transport http --url "http://127.0.0.1:$port/mcp" --sessions "$sessions" \
    --concurrency "$inflight" --calls "$1" --warmup 0 --stderr null -- sleep 600
}
drive 2000 > /dev/null  # warm up the server
declare -A cs cpu sys
for n in "$small" "$large"; do
  perf stat -x, -e context-switches,task-clock -p "$pid" -o "$out/perf.$n" -- \
    bash -c "$(declare -f drive); loadgen=$loadgen port=$port sessions=$sessions inflight=$inflight drive $n" \
    > "$out/report.$n"
  cs[$n]=$(awk -F, '/context-switches/ {print $1}' "$out/perf.$n")
  cpu[$n]=$(awk -F, '/task-clock/ {print $1}' "$out/perf.$n")  # ms
  strace -f -c -o "$out/strace.$n" -p "$pid" 2>/dev/null &
  spid=$!
  sleep 0.5
  drive "$n" > /dev/null
  kill -INT $spid; wait $spid 2>/dev/null || true
done
d=$((large - small))
rate=$(python3 -c "import json; print(json.load(open('$out/report.$large'))['calls_per_s'])")
echo "server: ${cmd[*]}"
echo "S×C ${sessions}×${inflight}; per call over $d calls (runs of $large and $small); $rate calls/s in the large run (under perf)"
python3 - "$out" "$small" "$large" "${cs[$small]}" "${cs[$large]}" "${cpu[$small]}" "${cpu[$large]}" <<'PY'
import sys, re
out, small, large, cs_s, cs_l, cpu_s, cpu_l = sys.argv[1:]
d = int(large) - int(small)
print(f"context switches per call: {(float(cs_l) - float(cs_s)) / d:.2f}")
print(f"server on-CPU µs per call: {(float(cpu_l) - float(cpu_s)) * 1000 / d:.1f}")
def calls(path):
    counts = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != "total":
            counts[parts[-1]] = int(parts[3])
    return counts
a, b = calls(f"{out}/strace.{small}"), calls(f"{out}/strace.{large}")
per = {k: (b.get(k, 0) - a.get(k, 0)) / d for k in set(a) | set(b)}
per = {k: v for k, v in per.items() if v >= 0.05}
print(f"syscalls per call: {sum(per.values()):.2f} = " + ", ".join(
    f"{k} {v:.2f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1])))
PY
