# The runtime for aarch64 Linux, built beside the host's on an x86_64 host:
# build/lib/aarch64/libcancelpoints_rt.{a,so}, what `cpcc
# --target=aarch64-linux-gnu` links (and what the suite runs under
# qemu-aarch64).  A second configuration of this source tree with
# CANCELPOINTS_RUNTIME_ONLY and the toolchain file cmake/aarch64-linux-gnu.cmake,
# run by ExternalProject with the same clang; rebuilt (incrementally) at
# each build.
#   CANCELPOINTS_AARCH64  AUTO (default): built when the arm64 libraries and
#                         an aarch64 linker are installed (tools/install-deps.sh
#                         installs them); ON: required; OFF: never.
# Sets CP_AARCH64_RT_DIR (the folder, or "" when not built).
set(CANCELPOINTS_AARCH64 AUTO CACHE STRING "Build the aarch64 runtime too (AUTO, ON, OFF)")
set(CP_AARCH64_RT_DIR "")
set(CP_AARCH64_TRIPLE aarch64-linux-gnu)
if(CANCELPOINTS_AARCH64 STREQUAL "OFF" OR NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  return()
endif()

set(_why "")
find_program(CP_AARCH64_LD NAMES ${CP_AARCH64_TRIPLE}-ld)
if(NOT CP_AARCH64_LD)
  set(_why "no ${CP_AARCH64_TRIPLE}-ld (Debian: binutils-aarch64-linux-gnu)")
endif()
foreach(f libc.so libunwind.so crt1.o)
  if(NOT EXISTS /usr/lib/${CP_AARCH64_TRIPLE}/${f})
    set(_why "no /usr/lib/${CP_AARCH64_TRIPLE}/${f} (Debian, after dpkg --add-architecture arm64: libc6-dev:arm64 libunwind-dev:arm64)")
  endif()
endforeach()
if(_why)
  if(CANCELPOINTS_AARCH64 STREQUAL "ON")
    message(FATAL_ERROR "cancelpoints: cannot build the aarch64 runtime: ${_why}")
  endif()
  message(STATUS "cancelpoints: no aarch64 runtime: ${_why}")
  return()
endif()

find_program(CP_LLVM_AR NAMES llvm-ar HINTS ${CP_LLVM_BIN} NO_DEFAULT_PATH)
find_program(CP_LLVM_RANLIB NAMES llvm-ranlib HINTS ${CP_LLVM_BIN} NO_DEFAULT_PATH)
find_program(CP_LLVM_NM NAMES llvm-nm HINTS ${CP_LLVM_BIN} NO_DEFAULT_PATH)

set(CP_AARCH64_RT_DIR ${CMAKE_BINARY_DIR}/lib/aarch64)
include(ExternalProject)
ExternalProject_Add(cancelpoints_rt_aarch64
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/runtime-aarch64
  CMAKE_GENERATOR ${CMAKE_GENERATOR}
  CMAKE_ARGS
    -DCANCELPOINTS_RUNTIME_ONLY=ON
    -DCANCELPOINTS_SANITIZED_RUNTIMES=OFF
    -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/aarch64-linux-gnu.cmake
    -DCMAKE_C_COMPILER=${CP_CLANG}
    -DCMAKE_ASM_COMPILER=${CP_CLANG}
    -DCMAKE_AR=${CP_LLVM_AR}
    -DCMAKE_RANLIB=${CP_LLVM_RANLIB}
    -DCMAKE_NM=${CP_LLVM_NM}
    -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
    -DCP_LIB_DIR=${CP_AARCH64_RT_DIR}
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${CP_AARCH64_RT_DIR}/libcancelpoints_rt.a
  USES_TERMINAL_BUILD OFF)
install(FILES ${CP_AARCH64_RT_DIR}/libcancelpoints_rt.a ${CP_AARCH64_RT_DIR}/libcancelpoints_rt.so
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/aarch64)
message(STATUS "cancelpoints: building the aarch64 runtime too (${CP_AARCH64_RT_DIR})")
