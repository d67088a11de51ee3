# watchroom_add_lupdate(): the `update_translations` target, which rescans the sources that call
# tr() and rewrites translations/watchroom_<lang>.ts (-no-obsolete drops strings that are gone,
# -locations none keeps the diffs to real changes).
#
# Scanned: every target defined in the directories listed in WATCHROOM_TRANSLATED_DIRS (and
# their subdirectories); ui/ and the app libraries whose strings the user sees. Called at the
# end of the top-level directory (translations/CMakeLists.txt defers it), when they all exist.
set(WATCHROOM_TRANSLATED_DIRS ui app/session app/model app/sources app/keeper
    CACHE STRING "Source directories whose targets lupdate scans for tr()")
mark_as_advanced(WATCHROOM_TRANSLATED_DIRS)

function(_watchroom_collect_targets dir out)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(subdir IN LISTS subdirs)
        _watchroom_collect_targets(${subdir} sub_targets)
        list(APPEND targets ${sub_targets})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()

function(watchroom_add_lupdate)
    set(sources)
    set(include_dirs)
    foreach(dir IN LISTS WATCHROOM_TRANSLATED_DIRS)
        set(dir ${PROJECT_SOURCE_DIR}/${dir})
        if(NOT EXISTS ${dir}/CMakeLists.txt)
            continue()
        endif()
        _watchroom_collect_targets(${dir} targets)
        foreach(target IN LISTS targets)
            get_target_property(type ${target} TYPE)
            if(type STREQUAL "INTERFACE_LIBRARY" OR type STREQUAL "UTILITY")
                continue()
            endif()
            get_target_property(target_dir ${target} SOURCE_DIR)
            get_target_property(target_sources ${target} SOURCES)
            foreach(source IN LISTS target_sources)
                if(source MATCHES "\\$<" OR NOT source MATCHES "\\.(cpp|h|ui)$")
                    continue()
                endif()
                cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${target_dir})
                # Generated files (moc, uic output) live in the build tree.
                cmake_path(IS_PREFIX PROJECT_BINARY_DIR "${source}" generated)
                if(NOT generated AND EXISTS "${source}")
                    list(APPEND sources "${source}")
                endif()
            endforeach()
            list(APPEND include_dirs ${target_dir})
        endforeach()
    endforeach()
    list(REMOVE_DUPLICATES sources)
    list(REMOVE_DUPLICATES include_dirs)
    if(NOT sources)
        message(STATUS "Translations: no sources to scan yet (${WATCHROOM_TRANSLATED_DIRS}); "
            "update_translations is not available")
        return()
    endif()
    list(LENGTH sources count)
    message(STATUS "Translations: update_translations scans ${count} files")
    qt_add_lupdate(watchroom_translations
        TS_FILES ${WATCHROOM_TS_FILES}
        SOURCES ${sources}
        INCLUDE_DIRECTORIES ${include_dirs}
        OPTIONS -no-obsolete -locations none)
endfunction()
