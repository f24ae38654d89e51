# CMake toolchain file: build for aarch64 Linux (glibc) with clang, on a
# Debian machine with the arm64 multiarch libraries (tools/install-deps.sh:
# libc6-dev:arm64, libgcc-12-dev:arm64, libunwind-dev:arm64) and an aarch64
# linker (binutils-aarch64-linux-gnu).
#   cmake -S . -B build-aarch64 -G Ninja -DCANCELPOINTS_RUNTIME_ONLY=ON \
#     -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DCMAKE_C_COMPILER=clang-19
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
if(NOT CMAKE_C_COMPILER)
  set(CMAKE_C_COMPILER clang)
endif()
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
set(CMAKE_ASM_COMPILER_TARGET aarch64-linux-gnu)
# find_library looks in <prefix>/lib/aarch64-linux-gnu first (multiarch).
