# Stages the conformance suite in the build tree and installs its pinned npm dependencies there,
# so node_modules never lands in the source tree. Runs as the `conformance_npm_ci` CTest fixture:
#   cmake -DSOURCE_DIR=<tests/conformance> -DSUITE_DIR=<build dir> -DNPM=<npm> -P stage_suite.cmake
# `npm ci` runs only when node_modules is missing or package-lock.json changed.
foreach(var SOURCE_DIR SUITE_DIR NPM)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "stage_suite.cmake: ${var} is not set")
    endif()
endforeach()

file(MAKE_DIRECTORY "${SUITE_DIR}")

# Fresh copies of the tests, so deleted or renamed files do not linger.
file(GLOB stale "${SUITE_DIR}/*.test.mjs")
if(stale)
    file(REMOVE ${stale})
endif()
file(REMOVE_RECURSE "${SUITE_DIR}/lib")
file(GLOB tests "${SOURCE_DIR}/*.test.mjs")
file(COPY ${tests} "${SOURCE_DIR}/lib" "${SOURCE_DIR}/package.json" "${SOURCE_DIR}/package-lock.json"
          "${SOURCE_DIR}/.npmrc"
     DESTINATION "${SUITE_DIR}")

file(SHA256 "${SOURCE_DIR}/package-lock.json" lock_hash)
set(stamp "${SUITE_DIR}/node_modules/.watchroom-package-lock.sha256")
set(installed_hash "")
if(EXISTS "${stamp}")
    file(READ "${stamp}" installed_hash)
endif()
if(installed_hash STREQUAL lock_hash)
    message(STATUS "npm dependencies are up to date (${SUITE_DIR}/node_modules)")
    return()
endif()

message(STATUS "npm ci in ${SUITE_DIR}")
execute_process(
    COMMAND "${NPM}" ci --no-audit --no-fund
    WORKING_DIRECTORY "${SUITE_DIR}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
message(STATUS "${output}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${result}); the npm registry must be reachable for the first run")
endif()
file(WRITE "${stamp}" "${lock_hash}")
