# Finds LLVM (and clang) through LLVM's own CMake package, never by hard-coded
# paths.  CANCELPOINTS_LLVM_VERSION picks the major version (19 by default; the
# code is kept portable to 17-22).  Sets LLVM_* from LLVMConfig.cmake, plus
#   CP_CLANG    the clang of that version (what cpcc wraps, what tests use)
#   CP_OPT      opt, CP_FILECHECK, CP_NOT, CP_COUNT: the test tools
#   CP_LIT      the lit driver (lit.py shipped with llvm-N-tools, or `lit`)
set(CANCELPOINTS_LLVM_VERSION 19 CACHE STRING "LLVM major version to build against")

if(NOT LLVM_DIR)
  find_program(CP_LLVM_CONFIG NAMES llvm-config-${CANCELPOINTS_LLVM_VERSION} llvm-config)
  if(CP_LLVM_CONFIG)
    execute_process(COMMAND ${CP_LLVM_CONFIG} --cmakedir
                    OUTPUT_VARIABLE CP_LLVM_CMAKEDIR OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(LLVM_DIR ${CP_LLVM_CMAKEDIR} CACHE PATH "LLVM's CMake package directory")
  endif()
endif()

# No version in find_package: LLVM's version file accepts only an exact
# major.minor (19 asks for 19.0 and refuses 19.1.7), so check the major here.
find_package(LLVM CONFIG)
if(LLVM_FOUND AND NOT LLVM_VERSION_MAJOR STREQUAL CANCELPOINTS_LLVM_VERSION)
  message(FATAL_ERROR
    "cancelpoints: found LLVM ${LLVM_PACKAGE_VERSION} at ${LLVM_DIR}, but "
    "CANCELPOINTS_LLVM_VERSION is ${CANCELPOINTS_LLVM_VERSION}.\n"
    "Install llvm-${CANCELPOINTS_LLVM_VERSION}-dev (`make deps`), or pass "
    "-DLLVM_DIR=<prefix>/lib/cmake/llvm of LLVM ${CANCELPOINTS_LLVM_VERSION}.")
endif()
if(NOT LLVM_FOUND)
  message(FATAL_ERROR
    "cancelpoints: LLVM ${CANCELPOINTS_LLVM_VERSION} was not found.\n"
    "Install it with `make deps` (Debian: llvm-${CANCELPOINTS_LLVM_VERSION}-dev "
    "clang-${CANCELPOINTS_LLVM_VERSION} llvm-${CANCELPOINTS_LLVM_VERSION}-tools), "
    "or pass -DLLVM_DIR=<prefix>/lib/cmake/llvm.")
endif()
message(STATUS "cancelpoints: LLVM ${LLVM_PACKAGE_VERSION} at ${LLVM_INSTALL_PREFIX}")

set(CP_LLVM_BIN ${LLVM_TOOLS_BINARY_DIR})
macro(cp_find_tool var)
  find_program(${var} NAMES ${ARGN} HINTS ${CP_LLVM_BIN} NO_DEFAULT_PATH)
  if(NOT ${var})
    message(FATAL_ERROR "cancelpoints: ${ARGV1} not found in ${CP_LLVM_BIN} "
                        "(Debian: clang-${CANCELPOINTS_LLVM_VERSION}, llvm-${CANCELPOINTS_LLVM_VERSION}-tools)")
  endif()
endmacro()
cp_find_tool(CP_CLANG clang)
cp_find_tool(CP_OPT opt)
cp_find_tool(CP_FILECHECK FileCheck)
cp_find_tool(CP_NOT not)
cp_find_tool(CP_COUNT count)

find_program(CP_LIT NAMES lit.py lit llvm-lit
  HINTS ${LLVM_INSTALL_PREFIX}/build/utils/lit ${CP_LLVM_BIN} NO_DEFAULT_PATH)
if(NOT CP_LIT)
  find_program(CP_LIT NAMES lit llvm-lit)
endif()
if(NOT CP_LIT)
  message(FATAL_ERROR "cancelpoints: lit not found (Debian: llvm-${CANCELPOINTS_LLVM_VERSION}-tools)")
endif()

find_package(Python3 REQUIRED COMPONENTS Interpreter)
