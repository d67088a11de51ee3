# Peer-provided strings shown as plain text everywhere in the desktop app (offscreen; saves
# screenshots/uiplaintext.png in its working directory or $WATCHROOM_SCREENSHOT_DIR).
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uiplaintext.cpp)
    watchroom_add_test(tst_uiplaintext SOURCES tst_uiplaintext.cpp LIBS watchroom_ui
        LABELS unit GUI)
endif()
