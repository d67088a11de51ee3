# The relay's security review (docs/security.md): tokens, roles, invite guessing, per-connection
# and per-address limits, secrets kept out of the log.
if(TARGET watchroom_relay AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_relaysecurity.cpp)
    watchroom_add_test(tst_relaysecurity SOURCES tst_relaysecurity.cpp
        LIBS watchroom_relay Qt6::WebSockets LABELS integration security)
endif()
