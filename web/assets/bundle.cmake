# web/assets/bundle.cmake — bundles the site's static assets into the bagu_web library
# at build time (included from the top-level CMakeLists.txt when bagu_web exists).
#
#   site.css  = web/assets/site.css + highlight.js's github / github-dark themes, each
#               under its prefers-color-scheme media query (one stylesheet)
#   hl.js     = highlight.js core + the languages answers use, from node_modules
#               (npm ci, pinned by package-lock.json), wrapped for a plain <script>
#   app.js    = web/assets/app.js (our small vanilla JS)
#
# The result is ${CMAKE_BINARY_DIR}/web_assets.c: one table of {name, type, data, len,
# etag} read by src/web/assets.c. Nothing is fetched at run time.
set(BAGU_WEB_ASSET_DIR ${CMAKE_SOURCE_DIR}/web/assets)
set(BAGU_HLJS_DIR ${CMAKE_SOURCE_DIR}/node_modules/highlight.js)
if(NOT EXISTS ${BAGU_HLJS_DIR}/lib/core.js)
  message(WARNING "node_modules/highlight.js is missing (run scripts/setup.sh): "
                  "pages will show code without syntax highlighting")
endif()
set(bagu_web_asset_inputs
  ${BAGU_WEB_ASSET_DIR}/site.css ${BAGU_WEB_ASSET_DIR}/app.js
  ${BAGU_WEB_ASSET_DIR}/favicon.svg ${BAGU_WEB_ASSET_DIR}/bundle_gen.cmake)
foreach(f lib/core.js lib/languages/go.js lib/languages/json.js lib/languages/yaml.js
          lib/languages/ini.js lib/languages/sql.js lib/languages/bash.js
          styles/github.css styles/github-dark.css)
  if(EXISTS ${BAGU_HLJS_DIR}/${f})
    list(APPEND bagu_web_asset_inputs ${BAGU_HLJS_DIR}/${f})
  endif()
endforeach()
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/web_assets.c
  COMMAND ${CMAKE_COMMAND} -DSRC=${BAGU_WEB_ASSET_DIR} -DHLJS=${BAGU_HLJS_DIR}
          -DWORK=${CMAKE_BINARY_DIR}/web_bundle -DOUT=${CMAKE_BINARY_DIR}/web_assets.c
          -P ${BAGU_WEB_ASSET_DIR}/bundle_gen.cmake
  DEPENDS ${bagu_web_asset_inputs}
  COMMENT "Bundling web assets"
  VERBATIM)
target_sources(bagu_web PRIVATE ${CMAKE_BINARY_DIR}/web_assets.c)
