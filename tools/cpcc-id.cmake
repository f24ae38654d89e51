# cmake -DPLUGIN=<libcancelpoints.so> -DCLANG_PLUGIN=<libcancelpoints_clang.so>
#       -DIN=<configured cpcc> -DOUT=<cpcc> -P cpcc-id.cmake
# Writes the configured cpcc to OUT with @CPCC_PLUGIN_ID@ replaced by the
# first 16 hex digits of the SHA-256 of both plugins' SHA-256s (cpcc loads
# both: either changes the objects).  An OUT that would not change
# is left alone (its mtime too: ccache's default check of a compiler).
file(SHA256 "${PLUGIN}" pass_id)
file(SHA256 "${CLANG_PLUGIN}" clang_id)
string(SHA256 id "${pass_id}${clang_id}")
string(SUBSTRING "${id}" 0 16 id)
file(READ "${IN}" text)
string(REPLACE "@CPCC_PLUGIN_ID@" "${id}" text "${text}")
set(old "")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
file(CHMOD "${OUT}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
     GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
