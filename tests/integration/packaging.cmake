# Packaging, resources and translations (issue #6). Labels: integration and packaging, so
# `ctest -L packaging` runs just these.

# Icons and language switching, as the desktop app uses them.
if(TARGET watchroom_resources AND TARGET watchroom_translations)
    watchroom_add_test(tst_resources SOURCES packaging/tst_resources.cpp
        LIBS watchroom_resources watchroom_translations Qt6::Gui
        LABELS integration packaging GUI)
endif()

# Every translation catalogue is complete: nothing unfinished, vanished or obsolete.
if(WATCHROOM_TS_FILES AND TARGET Qt6::lconvert)
    add_test(NAME packaging_translations
        COMMAND ${CMAKE_COMMAND} -DLCONVERT=$<TARGET_FILE:Qt6::lconvert>
                "-DTS_FILES=${WATCHROOM_TS_FILES}"
                -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}
                -P ${CMAKE_CURRENT_SOURCE_DIR}/packaging/check-translations.cmake)
    set_tests_properties(packaging_translations PROPERTIES LABELS "integration;packaging")
endif()

# The DEB packages: built with cpack into a temporary directory, unpacked into a throw-away
# root, run, and checked with lintian, desktop-file-validate, appstreamcli and systemd-analyze
# (packaging/check-packages.sh says how). Skipped (77) only when one of those tools is missing.
if(UNIX AND NOT APPLE AND TARGET watchroom-relay)
    find_program(WATCHROOM_BASH bash)
    if(TARGET watchroom)
        set(with_desktop 1)
    else()
        set(with_desktop 0)
    endif()
    add_test(NAME packaging_deb
        COMMAND ${WATCHROOM_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/packaging/check-packages.sh
                ${CMAKE_BINARY_DIR} ${PROJECT_VERSION} ${with_desktop})
    set_tests_properties(packaging_deb PROPERTIES
        LABELS "integration;packaging"
        SKIP_RETURN_CODE 77
        TIMEOUT 300)
endif()
