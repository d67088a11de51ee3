# Relay tests beyond the hub itself: the Watchroom services (push ingest, host sampler, keeper)
# in process and through the real executable (kill -9 durability).
if(TARGET watchroom-relay AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_relayboards.cpp)
    watchroom_add_test(tst_relayboards SOURCES tst_relayboards.cpp
        LIBS watchroom_relay Qt6::WebSockets LABELS integration)
    target_compile_definitions(tst_relayboards PRIVATE
        WATCHROOM_RELAY_PATH="$<TARGET_FILE:watchroom-relay>")
    add_dependencies(tst_relayboards watchroom-relay)
endif()

# Export/import of a board's annotations: REST on an in-process relay, the offline flags on the
# real executable.
if(TARGET watchroom-relay AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_relayannotations.cpp)
    watchroom_add_test(tst_relayannotations SOURCES tst_relayannotations.cpp
        LIBS watchroom_relay Qt6::WebSockets LABELS integration)
    target_compile_definitions(tst_relayannotations PRIVATE
        WATCHROOM_RELAY_PATH="$<TARGET_FILE:watchroom-relay>")
    add_dependencies(tst_relayannotations watchroom-relay)
endif()
