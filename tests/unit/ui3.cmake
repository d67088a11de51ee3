# Desktop app: export, keyboard, value readout, thresholds, cursor motion and layout.
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_ui3board.cpp)
    watchroom_add_test(tst_ui3board SOURCES tst_ui3board.cpp LIBS watchroom_ui LABELS unit GUI)
endif()
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_ui3screenshots.cpp)
    watchroom_add_test(tst_ui3screenshots SOURCES tst_ui3screenshots.cpp LIBS watchroom_ui
                       LABELS unit GUI)
endif()
