#!/usr/bin/env bash
# Installs what sparkdx needs to build and test, from Debian packages and the
# npm registry only. Idempotent and quick when everything is present.
# Expects Debian bookworm with Node.js >= 20.19 already installed (Debian's own
# nodejs 18 is too old for Vite; see docs/toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # native build and tests
  build-essential cmake ninja-build pkg-config
  libsimdjson-dev nlohmann-json3-dev zlib1g-dev libzstd-dev liblz4-dev libsnappy-dev
  libgtest-dev libgmock-dev zstd libxxhash0
  # sanitizers and libFuzzer (clang-14 also comes with emscripten)
  clang-14 libclang-rt-14-dev
  # WebAssembly build (Debian's emscripten; acorn for its JS optimizer)
  emscripten node-acorn
  # the web page's browser tests (web/e2e/, driven by playwright-core)
  chromium
  # fetching logs (native/fetch): libcrypto for AWS SigV4, cpp-httplib for HTTP(S), and botocore, AWS's
  # own signer, to test it against
  libssl-dev libcpp-httplib-dev python3-botocore
  # authentic codec fixtures written by the Java libraries Spark itself uses
  default-jdk-headless liblz4-java libsnappy-java libcompress-lzf-java libzstd-jni-java
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup: these Debian packages are missing and I cannot install them without root:" >&2
    echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

if ! command -v node >/dev/null 2>&1; then
  echo "setup: Node.js >= 20.19 is required (it is not installed)" >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("setup: Node.js >= 20.19 is required, found "+process.versions.node); process.exit(1); }'

# npm packages for the web page and its browser tests, when the page exists.
if [ -f web/package.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules ]; then
    (cd web && npm ci --no-audit --no-fund)
  fi
fi
