# Writes the linker dynamic list of the runtime's exported names (cmake -P):
#   cmake -DNM=<nm> -DLIB=<libcancelpoints_rt.so> -DOUT=<file> -P RuntimeDynamicList.cmake
# cpcc links executables with -Wl,--dynamic-list=<file>, so that the runtime
# they carry is the one that libraries built with cpcc -shared bind to.
execute_process(COMMAND ${NM} -D --defined-only ${LIB}
  OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cancelpoints: ${NM} -D ${LIB} failed")
endif()
string(REGEX MATCHALL "[^\n]+" lines "${syms}")
set(out "/* The names libcancelpoints_rt exports (generated at build time). */\n{\n")
set(n 0)
foreach(l ${lines})
  if(l MATCHES " ([A-Za-z_][A-Za-z0-9_]*)$")
    set(name ${CMAKE_MATCH_1})
    if(NOT name MATCHES "^_*cp_")
      message(FATAL_ERROR "cancelpoints: the runtime exports ${name}, outside its namespace")
    endif()
    string(APPEND out "  ${name};\n")
    math(EXPR n "${n} + 1")
  endif()
endforeach()
if(n LESS 10)
  message(FATAL_ERROR "cancelpoints: ${LIB} exports only ${n} names")
endif()
string(APPEND out "};\n")
file(WRITE ${OUT}.tmp "${out}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
