# The runtime built again under a sanitizer, for `make check` to run the
# runtime, scope and blocking tests against (test/lit.cfg.py, cp_sanitizer)
# and for cpcc to link when a program is built with that sanitizer:
#   libcancelpoints_rt_asan.a   -fsanitize=address,undefined
#   libcancelpoints_rt_tsan.a   -fsanitize=thread
# Each is compiled with CP_CLANG, the clang the tests and cpcc use, not the
# project's C compiler: a sanitizer's instrumentation must match the
# sanitizer runtime the final link brings in (clang's compiler-rt).
#
# cp_sanitized_runtime(SUFFIX FLAGS SOURCES...) adds the target
# cancelpoints_rt_<SUFFIX> (lib/libcancelpoints_rt_<SUFFIX>.a).
function(cp_sanitized_runtime suffix flags)
  set(objs)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/rt_${suffix})
  separate_arguments(sflags UNIX_COMMAND "${flags}")
  foreach(src ${ARGN})
    if(NOT IS_ABSOLUTE ${src})
      set(src ${CMAKE_CURRENT_SOURCE_DIR}/${src})
    endif()
    file(RELATIVE_PATH rel ${CMAKE_CURRENT_SOURCE_DIR} ${src})
    string(REPLACE "/" "_" obj ${rel})
    set(obj ${dir}/${obj}.o)
    if(src MATCHES "\\.S$")
      set(lang -x assembler-with-cpp)
    else()
      set(lang -std=c11 -Wall -Wextra ${sflags})
    endif()
    add_custom_command(OUTPUT ${obj}
      COMMAND ${CP_CLANG} ${lang} -O2 -g -fPIC -fvisibility=hidden -fno-omit-frame-pointer
              -D_GNU_SOURCE -I${CMAKE_CURRENT_SOURCE_DIR}/include -I${CMAKE_CURRENT_SOURCE_DIR}/src
              -I${CP_LIBUNWIND_INCLUDE} -MD -MF ${obj}.d -c ${src} -o ${obj}
      DEPENDS ${src}
      DEPFILE ${obj}.d
      COMMENT "Building ${rel} with ${flags}"
      VERBATIM)
    list(APPEND objs ${obj})
  endforeach()
  set(lib ${CMAKE_ARCHIVE_OUTPUT_DIRECTORY}/libcancelpoints_rt_${suffix}.a)
  add_custom_command(OUTPUT ${lib}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${CMAKE_COMMAND} -E rm -f ${lib}
    COMMAND ${CMAKE_AR} qcs ${lib} ${objs}
    DEPENDS ${objs}
    COMMENT "Linking the runtime built with ${flags}"
    VERBATIM)
  add_custom_target(cancelpoints_rt_${suffix} ALL DEPENDS ${lib})
  file(MAKE_DIRECTORY ${dir})
  install(FILES ${lib} DESTINATION ${CMAKE_INSTALL_LIBDIR})
endfunction()
