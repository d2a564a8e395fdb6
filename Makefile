# sparkdx developer entry points. A newcomer needs two:
#   make demo   build, run sparkdx on a bundled sample, then serve the web page
#   make test   build everything (native, WebAssembly, web page) and run every test
# Both install what is missing first (scripts/setup.sh: Debian packages and npm only).

SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
WASM_BUILD ?= build-wasm
DEMO_SAMPLE ?= samples/demo/app-20250301120000-0007.zstd
DEMO_PORT ?= 8080
# Native builds use clang, like the WebAssembly build: on the event-parsing
# hot path it is about 20% faster than GCC 12 (docs/performance.md).
NATIVE_CC ?= clang-14
NATIVE_CXX ?= clang++-14

.PHONY: all setup build wasm web test test-native test-wasm test-web test-sanitize fuzz demo bench format clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_C_COMPILER=$(NATIVE_CC) -DCMAKE_CXX_COMPILER=$(NATIVE_CXX) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

wasm: setup
	@scripts/build-wasm.sh

# The web page (web/): type-check and bundle into web/dist/ (a static site).
web: wasm
	@cd web && npm run --silent build

# Each step says how long it took (scripts/timed.sh), so CI logs show where the time goes.
test:
	@scripts/timed.sh "native build" $(MAKE) --no-print-directory build
	@scripts/timed.sh "WebAssembly build" $(MAKE) --no-print-directory wasm
	@scripts/timed.sh "native tests" $(MAKE) --no-print-directory test-native
	@scripts/timed.sh "WebAssembly parity" $(MAKE) --no-print-directory test-wasm
	@scripts/timed.sh "web page build and Chromium tests" $(MAKE) --no-print-directory test-web
	@scripts/timed.sh "sanitizers and fuzzing" $(MAKE) --no-print-directory test-sanitize

test-native:
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-wasm:
	node tests/wasm/wasm_parity.test.cjs $(WASM_BUILD)/bin/sparkdx-node.cjs $(BUILD)/bin/sparkdx

# The page in Chromium (web/e2e/run.mjs): page and exports vs the CLI, a 2 GB log.
test-web: web build
	node web/e2e/run.mjs --cli $(BUILD)/bin/sparkdx --gen $(BUILD)/bin/gen_eventlog

# Unit tests under ASan + UBSan (clang) and a deterministic fuzzing run.
test-sanitize: setup
	scripts/fuzz.sh --ci

fuzz: setup
	scripts/fuzz.sh $(or $(SECONDS),300)

demo: build web
	@echo "== sparkdx analyze $(DEMO_SAMPLE)"
	@$(BUILD)/bin/sparkdx analyze $(DEMO_SAMPLE)
	@echo "== more: one sample per pathology, e.g. $(BUILD)/bin/sparkdx analyze samples/diagnosis/task_skew_shuffle_key.zstd"
	@echo "   (the list: samples/diagnosis/README.md)"
	@echo "== the web page (drop a log; it never leaves this machine). Ctrl-C stops the server."
	@node web/scripts/serve.mjs web/dist --port $(DEMO_PORT)

bench: build
	bench/run_bench.sh

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(WASM_BUILD) web/dist
