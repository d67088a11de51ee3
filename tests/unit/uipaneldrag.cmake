# Desktop app: moving panels by dragging their title (offscreen, real mouse events; saves
# screenshots/paneldrag-*.png in its working directory or $WATCHROOM_SCREENSHOT_DIR).
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uipaneldrag.cpp)
    watchroom_add_test(tst_uipaneldrag SOURCES tst_uipaneldrag.cpp LIBS watchroom_ui
        LABELS unit GUI)
endif()
