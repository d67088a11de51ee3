# Desktop app integration tests: app windows joined through one in-process relay.
if(TARGET watchroom_ui AND TARGET watchroom_relay
   AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uicollaboration.cpp)
    watchroom_add_test(tst_uicollaboration SOURCES tst_uicollaboration.cpp
        LIBS watchroom_ui watchroom_relay LABELS integration GUI)
endif()
