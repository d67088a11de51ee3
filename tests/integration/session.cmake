# Session and watchroom-cli integration tests against the in-process relay.
if(TARGET watchroom_session AND TARGET watchroom_relay)
    watchroom_add_test(tst_sessionrelay SOURCES tst_sessionrelay.cpp faultproxy.cpp faultproxy.h
        LIBS watchroom_session watchroom_relay LABELS integration)
endif()
if(TARGET watchroom-cli AND TARGET watchroom_relay)
    watchroom_add_test(tst_cli SOURCES tst_cli.cpp
        LIBS watchroom_session watchroom_relay LABELS integration)
    target_compile_definitions(tst_cli PRIVATE
        WATCHROOM_CLI_PATH="$<TARGET_FILE:watchroom-cli>")
    add_dependencies(tst_cli watchroom-cli)
endif()
