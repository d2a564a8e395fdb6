# Third-party libraries for the WebAssembly build, compiled from the Debian
# source packages that scripts/fetch-wasm-deps.sh unpacks into
# ${SPARKDX_DEPS_DIR}/src (no emsdk, no Emscripten ports, nothing from
# /usr/include). Included by the root CMakeLists.txt when EMSCRIPTEN; fills
# the interface target sparkdx_deps exactly like NativeDeps.cmake does for
# the native build, so the core's sources and includes are identical:
#   <simdjson.h> <zlib.h> <zstd.h> <lz4.h> <lz4frame.h> <snappy.h> <nlohmann/json.hpp>
# Recipe and versions: TOOLCHAIN.md, Appendix B.

# --- flags for every WebAssembly translation unit (core, deps, bindings) ---
# This file is included in the root directory scope before core/ and wasm/
# are added, so directory-wide options set here reach every target.
# -msimd128 is off: measured in node 20 it changed throughput by less than the
# noise (about 410 MB/s plain, 365 MB/s zstd either way; the time goes to
# simdjson's scalar fallback kernel) and made the wasm 4% larger.
option(SPARKDX_SIMD "WebAssembly: compile with -msimd128 (auto-vectorisation)" OFF)
if(SPARKDX_SIMD)
  add_compile_options(-msimd128)
endif()
# Exceptions: Emscripten's default (catching disabled). The core never throws
# or catches: errors are values, simdjson runs with SIMDJSON_EXCEPTIONS=0 and
# nlohmann with allow_exceptions=false and the replace error handler. A throw
# can only come from a bug or from running out of memory (operator new);
# either way the module aborts and JS sees an exception, which the caller
# must treat as fatal (drop the module and create a new one). Measured:
# -fexceptions makes the wasm 23% larger (605 vs 493 KB: JS invoke_*
# trampolines) and -fwasm-exceptions 8% larger, for catch blocks nobody
# writes; neither changed throughput measurably.

# --- locate the unpacked source trees ---
set(_sparkdx_deps_hint "Run scripts/fetch-wasm-deps.sh (or scripts/build-wasm.sh), or point -DSPARKDX_DEPS_DIR=<dir> at its output")
function(_sparkdx_find_source var package probe)
  file(GLOB _candidates LIST_DIRECTORIES true "${SPARKDX_DEPS_DIR}/src/${package}-*")
  set(_found "")
  foreach(_dir IN LISTS _candidates)
    if(IS_DIRECTORY "${_dir}" AND EXISTS "${_dir}/${probe}")
      set(_found "${_dir}")
    endif()
  endforeach()
  if(NOT _found)
    message(FATAL_ERROR "WebAssembly build: the ${package} sources are missing "
                        "(looked for ${SPARKDX_DEPS_DIR}/src/${package}-*/${probe}). ${_sparkdx_deps_hint}")
  endif()
  set(${var} "${_found}" PARENT_SCOPE)
  # Re-run CMake if the sources are re-fetched (a new version directory).
  set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_found}/${probe}")
endfunction()

if(NOT IS_DIRECTORY "${SPARKDX_DEPS_DIR}/src")
  message(FATAL_ERROR "WebAssembly build: ${SPARKDX_DEPS_DIR}/src does not exist. ${_sparkdx_deps_hint}")
endif()
_sparkdx_find_source(SIMDJSON_SRC simdjson singleheader/simdjson.cpp)
_sparkdx_find_source(ZLIB_SRC zlib inflate.c)
_sparkdx_find_source(ZSTD_SRC libzstd lib/decompress/zstd_decompress.c)
_sparkdx_find_source(LZ4_SRC lz4 lib/lz4frame.c)
_sparkdx_find_source(SNAPPY_SRC snappy snappy.cc)
_sparkdx_find_source(NLOHMANN_SRC nlohmann-json3 single_include/nlohmann/json.hpp)

# Third-party code is compiled at -O2 and without warnings (Release adds -O3
# before it; the last -O wins).
function(_sparkdx_third_party target)
  target_compile_options(${target} PRIVATE -O2 -w)
endfunction()

# --- simdjson: the single-header build (fallback kernel on wasm) ---
add_library(tp_simdjson STATIC ${SIMDJSON_SRC}/singleheader/simdjson.cpp)
target_include_directories(tp_simdjson SYSTEM PUBLIC ${SIMDJSON_SRC}/singleheader)
# The core uses simdjson without exceptions (SIMDJSON_EXCEPTIONS=0); build it the same way.
target_compile_definitions(tp_simdjson PRIVATE SIMDJSON_EXCEPTIONS=0)
_sparkdx_third_party(tp_simdjson)

# --- zlib (gzip and zip inflate) ---
set(_zlib_sources adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate
                  inftrees trees uncompr zutil)
list(TRANSFORM _zlib_sources PREPEND ${ZLIB_SRC}/)
list(TRANSFORM _zlib_sources APPEND .c)
add_library(tp_zlib STATIC ${_zlib_sources})
target_include_directories(tp_zlib SYSTEM PUBLIC ${ZLIB_SRC})
target_compile_definitions(tp_zlib PRIVATE HAVE_UNISTD_H HAVE_STDARG_H)
_sparkdx_third_party(tp_zlib)

# --- zstd: decompression only, no legacy formats, no assembly, no threads ---
file(GLOB _zstd_sources ${ZSTD_SRC}/lib/common/*.c ${ZSTD_SRC}/lib/decompress/*.c)
add_library(tp_zstd STATIC ${_zstd_sources})
target_include_directories(tp_zstd SYSTEM PUBLIC ${ZSTD_SRC}/lib)
target_compile_definitions(tp_zstd PRIVATE ZSTD_LEGACY_SUPPORT=0 ZSTD_DISABLE_ASM ZSTD_MULTITHREAD=0)
_sparkdx_third_party(tp_zstd)

# --- lz4 (block, frame, hc); its xxhash is namespaced apart from zstd's ---
add_library(tp_lz4 STATIC ${LZ4_SRC}/lib/lz4.c ${LZ4_SRC}/lib/lz4frame.c ${LZ4_SRC}/lib/lz4hc.c
                          ${LZ4_SRC}/lib/xxhash.c)
target_include_directories(tp_lz4 SYSTEM PUBLIC ${LZ4_SRC}/lib)
target_compile_definitions(tp_lz4 PRIVATE XXH_NAMESPACE=LZ4_)
_sparkdx_third_party(tp_lz4)

# --- snappy: its two generated headers written here instead of running its
# CMakeLists (whose try-compiles and -Werror/-fno-rtti settings are unwanted) ---
set(_snappy_gen ${CMAKE_BINARY_DIR}/third_party/snappy)
function(_sparkdx_configure_snappy)  # a function, so these variables stay local
  set(HAVE_BUILTIN_EXPECT 1)
  set(HAVE_BUILTIN_CTZ 1)
  set(HAVE_ATTRIBUTE_ALWAYS_INLINE 1)
  set(HAVE_SYS_UIO_H 1)
  set(HAVE_UNISTD_H 1)
  set(HAVE_SYS_UIO_H_01 1)
  set(SNAPPY_HAVE_SSSE3 0)
  set(SNAPPY_HAVE_BMI2 0)
  set(PROJECT_VERSION_MAJOR 1)
  set(PROJECT_VERSION_MINOR 1)
  set(PROJECT_VERSION_PATCH 9)
  configure_file(${SNAPPY_SRC}/cmake/config.h.in ${_snappy_gen}/config.h)
  configure_file(${SNAPPY_SRC}/snappy-stubs-public.h.in ${_snappy_gen}/snappy-stubs-public.h)
endfunction()
_sparkdx_configure_snappy()
add_library(tp_snappy STATIC ${SNAPPY_SRC}/snappy.cc ${SNAPPY_SRC}/snappy-sinksource.cc
                             ${SNAPPY_SRC}/snappy-stubs-internal.cc ${SNAPPY_SRC}/snappy-c.cc)
target_include_directories(tp_snappy SYSTEM PUBLIC ${SNAPPY_SRC} ${_snappy_gen})
target_compile_definitions(tp_snappy PRIVATE HAVE_CONFIG_H)
_sparkdx_third_party(tp_snappy)

# --- nlohmann/json: header only ---
add_library(tp_nlohmann INTERFACE)
target_include_directories(tp_nlohmann SYSTEM INTERFACE ${NLOHMANN_SRC}/single_include)

target_link_libraries(sparkdx_deps INTERFACE tp_simdjson tp_zlib tp_zstd tp_lz4 tp_snappy tp_nlohmann)
