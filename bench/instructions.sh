#!/usr/bin/env bash
# Instructions per echo tools/call, the figure bench/ANALYSIS.md quotes: callgrind user-space
# instructions of a 1 500-call run minus a 500-call run (start-up and handshake cancel out),
# C=1, PYTHONHASHSEED=0. Instruction counts do not drift with machine load, so two builds can be
# compared on a busy machine.
#
#   bash bench/instructions.sh PYTHON SERVER.py [SERVER.py ...]
#
# PYTHON has ferromcp installed; each server file runs as `PYTHON -m ferromcp run FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${1:?usage: instructions.sh PYTHON SERVER.py...}
shift
loadgen=target/release/loadgen
test -x "$loadgen" || cargo build -q --release -p ferromcp-bench
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for server in "$@"; do
  total() {
    PYTHONHASHSEED=0 "$loadgen" --workload echo --concurrency 1 --calls "$1" --warmup 0 \
      --timeout 600 -- valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" \
      "$py" -m ferromcp run "$server" > /dev/null 2>&1
    callgrind_annotate "$out/cg.$1" 2>/dev/null | awk '/TOTALS/ && !done {gsub(",", "", $1); print $1; done = 1}'
  }
  small=$(total 500)
  large=$(total 1500)
  echo "$(basename "$server") $(( (large - small) / 1000 ))"
done
