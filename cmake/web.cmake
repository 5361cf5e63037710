# The web page of `bmdsim serve`: built from web/ with npm (scripts/web-build) into
# ${CMAKE_BINARY_DIR}/web-dist, then compiled into ${BMD_WEB_C} as the table bmd_web_files
# (embedded.h), so the server needs no files at run time.
file(GLOB_RECURSE BMD_WEB_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/src/*)
set(BMD_WEB_INPUTS ${BMD_WEB_SOURCES} ${CMAKE_SOURCE_DIR}/web/build.mjs
    ${CMAKE_SOURCE_DIR}/web/package.json ${CMAKE_SOURCE_DIR}/web/package-lock.json
    ${CMAKE_SOURCE_DIR}/scripts/web-build)
set(BMD_WEB_DIST ${CMAKE_BINARY_DIR}/web-dist)
set(BMD_WEB_FILES ${BMD_WEB_DIST}/index.html ${BMD_WEB_DIST}/app.js ${BMD_WEB_DIST}/app.css)
set(BMD_WEB_C ${CMAKE_BINARY_DIR}/embedded_web.c)
add_custom_command(
  OUTPUT ${BMD_WEB_FILES}
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/web-build ${BMD_WEB_DIST}
  DEPENDS ${BMD_WEB_INPUTS}
  COMMENT "Building the web page (npm, esbuild)" VERBATIM)
add_custom_command(
  OUTPUT ${BMD_WEB_C}
  COMMAND ${CMAKE_COMMAND} -DOUT=${BMD_WEB_C} -DTABLE=bmd_web_files
          "-DFILES=${BMD_WEB_FILES}" -P ${CMAKE_SOURCE_DIR}/cmake/embed.cmake
  DEPENDS ${BMD_WEB_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed.cmake
  COMMENT "Embedding the web page" VERBATIM)
