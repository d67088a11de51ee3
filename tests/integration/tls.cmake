# TLS on the client side: certificate pins in HubClient, Negotiator, SessionBinding and
# watchroom-cli against an in-process https/wss relay (tests/data/tls).
if(TARGET watchroom_session AND TARGET watchroom_relay AND TARGET watchroom-cli
   AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_hubclienttls.cpp)
    watchroom_add_test(tst_hubclienttls SOURCES tst_hubclienttls.cpp
        LIBS watchroom_session watchroom_relay LABELS integration)
    target_compile_definitions(tst_hubclienttls PRIVATE
        WATCHROOM_CLI_PATH="$<TARGET_FILE:watchroom-cli>")
    add_dependencies(tst_hubclienttls watchroom-cli)
endif()

# The desktop app: links opened while it runs (QFileOpenEvent), hosting with TLS and pinned
# links, the Join dialog's pin field (offscreen; saves host-tls.png and join-pin.png).
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uilinks.cpp)
    watchroom_add_test(tst_uilinks SOURCES tst_uilinks.cpp LIBS watchroom_ui watchroom_relay
        LABELS integration GUI)
endif()
