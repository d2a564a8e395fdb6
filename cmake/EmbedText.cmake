# sparkdx_embed_text(<target> <symbol> <file>)
# Compiles the text of <file> into <target> as
#   namespace sparkdx::embedded { extern const char <symbol>[]; }
# so the core can carry data files (the report stylesheet, price catalogs)
# without reading files at run time, natively and in WebAssembly alike.
# Editing the file re-runs CMake's configure step, which regenerates it.
#
# To embed another file: one call here-like in core/CMakeLists.txt, and a
# declaration of the symbol next to the code that reads it.
function(sparkdx_embed_text target symbol file)
  set(source_path ${CMAKE_CURRENT_SOURCE_DIR}/${file})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source_path})
  file(READ ${source_path} SPARKDX_EMBED_TEXT)
  string(FIND "${SPARKDX_EMBED_TEXT}" ")sparkdx_embed\"" delimiter_at)
  if(NOT delimiter_at EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )sparkdx_embed\"")
  endif()
  set(SPARKDX_EMBED_SYMBOL ${symbol})
  set(SPARKDX_EMBED_FILE ${file})
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cc)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/embedded_text.cc.in ${generated} @ONLY)
  target_sources(${target} PRIVATE ${generated})
endfunction()
