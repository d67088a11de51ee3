# Session unit tests: sessions wired back to back, no network.
if(TARGET watchroom_session)
    watchroom_add_test(tst_session SOURCES tst_session.cpp LIBS watchroom_session LABELS unit)
endif()
if(TARGET watchroom_cli)
    watchroom_add_test(tst_sessioncli SOURCES tst_sessioncli.cpp LIBS watchroom_cli LABELS unit)
endif()
