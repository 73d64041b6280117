#!/usr/bin/env bash
# Create the virtual environments the benchmark runs the official SDKs in.
#
#   bench/.venvs/mcp2      mcp==2.3.0      (low-level Server, MCPServer)
#   bench/.venvs/mcp1      mcp==1.30.0     (low-level Server, FastMCP)
#   bench/.venvs/fastmcp4  fastmcp==4.1.7  (newest 4.1.x on PyPI when this was written)
#   bench/.venvs/plot      matplotlib      (only for bench/results.png)
#   bench/.node            @modelcontextprotocol/sdk 1.32.2, /server 2.4.0, /node 2.1.2 (the TypeScript SDK, HTTP rows; needs npm)
#
# Idempotent: a venv that already holds the pinned version is left alone; one
# with another version is recreated. Override the interpreter with PYTHON=...
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venvs="$here/.venvs"
if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

MCP2_VERSION=2.3.0
MCP1_VERSION=1.30.0
FASTMCP4_VERSION=4.1.7
TS_SDK_VERSION=1.32.2
# The v2 packages (bench/servers/ts_v2_echo.cjs), as the Node tests pin them.
TS_V2_PACKAGES=("@modelcontextprotocol/server@2.4.0" "@modelcontextprotocol/node@2.1.2" "zod@4.6.7")

# ensure_venv NAME DIST VERSION [EXTRA_REQUIREMENT...]
# Makes $venvs/NAME hold DIST==VERSION (VERSION "*" means any version).
ensure_venv() {
    local name="$1" dist="$2" version="$3"
    shift 3
    local dir="$venvs/$name" have=""
    if [[ -x "$dir/bin/python" ]]; then
        have="$("$dir/bin/python" -c "import importlib.metadata as m; print(m.version('$dist'))" 2>/dev/null || true)"
    fi
    if [[ -n "$have" && ( "$version" == "*" || "$have" == "$version" ) ]]; then
        echo "setup: $name already has $dist $have"
        return
    fi
    local req="$dist"
    [[ "$version" != "*" ]] && req="$dist==$version"
    echo "setup: creating $name with $req ${*:-}"
    "$PYTHON" -m venv --clear "$dir"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "$req" "$@"
    echo "setup: $name now has $dist $("$dir/bin/python" -c "import importlib.metadata as m; print(m.version('$dist'))")"
}

# The official TypeScript SDK, v1 and v2, pinned, in bench/.node (bench/servers/ts_echo.cjs and
# ts_v2_echo.cjs find them through NODE_PATH). Without node and npm its rows are skipped.
ensure_ts_sdk() {
    local dir="$here/.node" have=""
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "setup: node/npm not found: the TypeScript SDK rows of the HTTP bench will be skipped"
        return
    fi
    have="$(node -p "['sdk', 'server'].map((p) => require('$dir/node_modules/@modelcontextprotocol/' + p + '/package.json').version).join(' ')" 2>/dev/null || true)"
    if [[ "$have" == "$TS_SDK_VERSION 2.4.0" ]]; then
        echo "setup: .node already has @modelcontextprotocol/sdk and /server ($have)"
        return
    fi
    echo "setup: installing @modelcontextprotocol/sdk@$TS_SDK_VERSION ${TS_V2_PACKAGES[*]} into .node"
    mkdir -p "$dir"
    npm install --prefix "$dir" --save-exact --no-audit --no-fund --silent \
        "@modelcontextprotocol/sdk@$TS_SDK_VERSION" "${TS_V2_PACKAGES[@]}"
}

mkdir -p "$venvs"
ensure_venv mcp2 mcp "$MCP2_VERSION"
ensure_venv mcp1 mcp "$MCP1_VERSION"
ensure_venv fastmcp4 fastmcp "$FASTMCP4_VERSION"
# The plot venv only draws bench/results.png: BENCH_PLOT=0 (the smoke run) leaves it out.
if [[ "${BENCH_PLOT:-1}" != 0 ]]; then ensure_venv plot matplotlib "*"; fi
ensure_ts_sdk
echo "setup: done ($venvs)"
