# Native third-party libraries from Debian packages (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(ZLIB REQUIRED)
find_package(zstd CONFIG REQUIRED)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
find_package(Snappy CONFIG REQUIRED)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)

if(TARGET zstd::libzstd_shared)
  set(SPARKDX_ZSTD_TARGET zstd::libzstd_shared)
else()
  set(SPARKDX_ZSTD_TARGET zstd::libzstd_static)
endif()

target_link_libraries(sparkdx_deps INTERFACE
  simdjson::simdjson ZLIB::ZLIB ${SPARKDX_ZSTD_TARGET} PkgConfig::LZ4 Snappy::snappy nlohmann_json::nlohmann_json)
