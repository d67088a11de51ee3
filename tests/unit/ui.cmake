# Desktop app (ui/) unit tests: chart mapping maths, the main window offscreen, screenshots
# (tst_uiscreenshots saves the main window, light and dark, into <build>/tests/unit/screenshots).
if(TARGET watchroom_ui)
    foreach(test tst_chartmapping)
        if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${test}.cpp)
            watchroom_add_test(${test} SOURCES ${test}.cpp LIBS watchroom_ui LABELS unit)
        endif()
    endforeach()
    foreach(test tst_uimainwindow tst_uiscreenshots)
        if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${test}.cpp)
            watchroom_add_test(${test} SOURCES ${test}.cpp LIBS watchroom_ui LABELS unit GUI)
        endif()
    endforeach()
endif()
