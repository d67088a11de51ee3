# Desktop app unit tests of the collaboration UI: join links, banners, activity, docks.
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uiparts.cpp)
    watchroom_add_test(tst_uiparts SOURCES tst_uiparts.cpp LIBS watchroom_ui LABELS unit GUI)
endif()
