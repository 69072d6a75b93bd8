# Sanitizer builds, each in its own build directory (scripts/sanitize makes them):
#   KEEL_SANITIZE=address  ASan + UBSan (any UB aborts), also what the libFuzzer targets need
#   KEEL_SANITIZE=thread   TSan, for the tests labelled `thread`
# Included by the top-level CMakeLists.txt before any target is defined, so that everything we
# compile (keel_core above all) is instrumented. Qt, curl and SQLite come from Debian and are not.
set(_keel_sanitize_kinds address thread)
if(NOT KEEL_SANITIZE IN_LIST _keel_sanitize_kinds)
  message(FATAL_ERROR "KEEL_SANITIZE must be address or thread, not '${KEEL_SANITIZE}'")
endif()

add_compile_options(-fno-omit-frame-pointer -g)
if(KEEL_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
else()
  add_compile_options(-fsanitize=thread)
  add_link_options(-fsanitize=thread)
endif()

if(KEEL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR
      "KEEL_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}. Configure a separate "
      "build directory with: CC=clang CXX=clang++ cmake -B build-asan -DKEEL_SANITIZE=address "
      "-DKEEL_FUZZ=ON")
  endif()
  if(NOT KEEL_SANITIZE STREQUAL "address")
    message(FATAL_ERROR "KEEL_FUZZ needs KEEL_SANITIZE=address")
  endif()
  # libFuzzer's coverage instrumentation; the fuzz executables add -fsanitize=fuzzer (its main).
  # Ordinary executables of the same build link fine: the ASan runtime has the hooks' defaults.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
