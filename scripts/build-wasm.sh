#!/bin/sh
# Builds the WebAssembly core with Debian's Emscripten:
#   web/src/wasm/sparkdx.mjs + sparkdx.wasm       (ES6 module for the web worker)
#   build-wasm/bin/sparkdx-node.cjs + .wasm       (CommonJS, for node tests and benchmarks)
#
#   scripts/build-wasm.sh [extra cmake -D options...]
#     e.g. scripts/build-wasm.sh -DSPARKDX_SIMD=ON
#          scripts/build-wasm.sh -DSPARKDX_WASM_LINK_OPT=-O1     (fast links while iterating)
#
# Environment: BUILD_DIR (default build-wasm), SPARKDX_DEPS_DIR (default .deps),
# JOBS (default 2). The build directory is kept between runs, so ninja rebuilds
# the third-party libraries only when their sources or flags change.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-build-wasm}
DEPS_DIR=${SPARKDX_DEPS_DIR:-$ROOT/.deps}
JOBS=${JOBS:-2}

# emcc's JS optimizer needs Debian's acorn; the preinstalled node 20 does not
# search /usr/share/nodejs by itself (TOOLCHAIN pitfall 1).
NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export NODE_PATH

command -v emcmake >/dev/null 2>&1 || { echo "build-wasm: emcmake not found (apt-get install emscripten)" >&2; exit 1; }

# Idempotent and returns at once when everything is there.
"$ROOT/scripts/fetch-wasm-deps.sh" "$DEPS_DIR"

# emcmake would set CMAKE_CROSSCOMPILING_EMULATOR to "node;--experimental-wasm-threads",
# which node 20 rejects (pitfall 4). Configure only when needed, or when options are given.
if [ ! -f "$BUILD_DIR/build.ninja" ] || [ $# -gt 0 ]; then
  emcmake cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_CROSSCOMPILING_EMULATOR=node -DCMAKE_BUILD_TYPE=Release \
    -DSPARKDX_DEPS_DIR="$DEPS_DIR" "$@"
fi
cmake --build "$BUILD_DIR" -j"$JOBS"
