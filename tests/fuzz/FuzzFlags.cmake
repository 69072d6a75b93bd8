# Included by the top-level CMakeLists.txt when KEEL_FUZZ is ON, before any target is defined, so
# that the whole project (keel_core above all) is compiled with the sanitizers and with libFuzzer's
# coverage instrumentation. The fuzz executables add -fsanitize=fuzzer (libFuzzer's main) on top.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR
    "KEEL_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}. Configure a separate build "
    "directory with: CC=clang CXX=clang++ cmake -B build-fuzz -DKEEL_FUZZ=ON -DKEEL_BUILD_TESTS=OFF")
endif()

set(KEEL_SANITIZER_FLAGS
  -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
add_compile_options(${KEEL_SANITIZER_FLAGS} -fsanitize=fuzzer-no-link)
add_link_options(-fsanitize=address,undefined)
