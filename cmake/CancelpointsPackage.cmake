# The installed package: `cmake --install build --prefix P` puts the plugin and
# the runtime in P/lib, cancelpoints.h in P/include, cpcc in P/bin, and a CMake
# config so other projects can find_package(cancelpoints).
include(CMakePackageConfigHelpers)
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/cancelpointsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
configure_file(${CMAKE_CURRENT_LIST_DIR}/cancelpointsConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cancelpointsConfig.cmake @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/cancelpointsConfig.cmake
              ${CMAKE_BINARY_DIR}/cancelpointsConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cancelpoints)

# pkg-config: P/lib/pkgconfig/cancelpoints.pc, its paths relative to itself.
foreach(d LIB INCLUDE BIN)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}DIR}")
    set(CP_PC_${d}DIR "${CMAKE_INSTALL_${d}DIR}")
  else()
    set(CP_PC_${d}DIR "\${prefix}/${CMAKE_INSTALL_${d}DIR}")
  endif()
endforeach()
file(RELATIVE_PATH CP_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" CP_PC_TO_PREFIX "${CP_PC_TO_PREFIX}")
# What a static link adds for libunwind.a (Debian: -llzma): RuntimeLinkFlags.cmake.
set(CP_PC_LIBS_PRIVATE "${CPCC_STATIC_LIBS}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/cancelpoints.pc.in
  ${CMAKE_BINARY_DIR}/cancelpoints.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/cancelpoints.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
