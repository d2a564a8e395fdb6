# sparkdx developer entry points. A newcomer needs two:
#   make demo   build, then run sparkdx on a bundled sample
#   make test   build everything (native and WebAssembly) and run every test
# Both install what is missing first (scripts/setup.sh: Debian packages and npm only).

SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
WASM_BUILD ?= build-wasm
DEMO_SAMPLE ?= samples/demo/app-20250301120000-0007.zstd
# Native builds use clang, like the WebAssembly build: on the event-parsing
# hot path it is about 20% faster than GCC 12 (docs/performance.md).
NATIVE_CC ?= clang-14
NATIVE_CXX ?= clang++-14

.PHONY: all setup build wasm test test-native test-wasm test-sanitize fuzz demo bench format clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_C_COMPILER=$(NATIVE_CC) -DCMAKE_CXX_COMPILER=$(NATIVE_CXX) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

wasm: setup
	@scripts/build-wasm.sh

test: build wasm
	@$(MAKE) --no-print-directory test-native test-wasm test-sanitize

test-native:
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-wasm:
	node tests/wasm/wasm_parity.test.cjs $(WASM_BUILD)/bin/sparkdx-node.cjs $(BUILD)/bin/sparkdx

# Unit tests under ASan + UBSan (clang) and a deterministic fuzzing run.
test-sanitize: setup
	scripts/fuzz.sh --ci

fuzz: setup
	scripts/fuzz.sh $(or $(SECONDS),300)

demo: build
	@echo "== sparkdx analyze $(DEMO_SAMPLE)"
	@$(BUILD)/bin/sparkdx analyze $(DEMO_SAMPLE)
	@echo "== more: one sample per pathology, e.g. $(BUILD)/bin/sparkdx analyze samples/diagnosis/task_skew_shuffle_key.zstd"
	@echo "   (the list: samples/diagnosis/README.md)"

bench: build
	bench/run_bench.sh

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(WASM_BUILD)
