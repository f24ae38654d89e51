# How an executable links the runtime, for cpcc (tools/), the pkg-config
# file and the CMake package (CancelpointsPackage.cmake), resolved once at
# configure time:
#   CPCC_STATIC_LIBS  what a static libunwind needs (its pkg-config --static
#                     libraries: -llzma on Debian)
#   CPCC_EH           GCC's unwinder (-lgcc_s) where clang links it, to go
#                     before -lunwind; CPCC_STATIC_EH: with -static (-lgcc_eh)

# What a static link needs beyond libunwind.a: the private libraries of its
# pkg-config file (lzma on Debian), resolved now, not by cpcc at each link.
find_package(PkgConfig QUIET)
set(CPCC_STATIC_LIBS "")
if(PKG_CONFIG_FOUND)
  pkg_check_modules(CP_UNWIND_PC QUIET libunwind)
endif()
if(CP_UNWIND_PC_FOUND)
  foreach(l ${CP_UNWIND_PC_STATIC_LIBRARIES})
    if(NOT l STREQUAL "unwind")
      string(APPEND CPCC_STATIC_LIBS " -l${l}")
    endif()
  endforeach()
else()
  find_library(CP_LZMA_STATIC NAMES liblzma.a)
  if(CP_LZMA_STATIC)
    set(CPCC_STATIC_LIBS " -llzma")
  endif()
endif()
string(STRIP "${CPCC_STATIC_LIBS}" CPCC_STATIC_LIBS)

# libunwind (the runtime's, for naming callers) also defines the _Unwind_*
# functions that C++ exceptions use.  Where clang links GCC's unwinder, it
# goes first (libgcc_s, or libgcc_eh with -static), so exceptions in the
# program and in the libraries it loads are GCC's, as with plain clang.
set(CPCC_EH "")
set(CPCC_STATIC_EH "")
foreach(l gcc_s.so:CPCC_EH gcc_eh.a:CPCC_STATIC_EH)
  string(REPLACE ":" ";" l "${l}")
  list(GET l 0 f)
  list(GET l 1 v)
  execute_process(COMMAND ${CP_CLANG} -print-file-name=lib${f}
    OUTPUT_VARIABLE p OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(IS_ABSOLUTE "${p}" AND EXISTS "${p}")
    string(REGEX REPLACE "\\..*" "" n "${f}")
    set(${v} "-l${n}")
  endif()
endforeach()
message(STATUS "cancelpoints: cpcc links ${CPCC_EH} -lunwind; with -static ${CPCC_STATIC_EH} -lunwind ${CPCC_STATIC_LIBS}")
