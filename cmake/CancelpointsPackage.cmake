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
