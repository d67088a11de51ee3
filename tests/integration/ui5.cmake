# Desktop app: the Host flow (relay moved to 127.0.0.1:0 with invite secrets, join links per
# role) and the Join dialog's rebuild of the window, through DesktopApp.
if(TARGET watchroom_ui AND TARGET watchroom_relay
   AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uihostjoin.cpp)
    watchroom_add_test(tst_uihostjoin SOURCES tst_uihostjoin.cpp
        LIBS watchroom_ui watchroom_relay LABELS integration GUI)
endif()
