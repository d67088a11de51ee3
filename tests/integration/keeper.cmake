# Keeper tests (docs/keeper.md). tst_keeper is one suite run twice: against SQLite (tst_keeper)
# and against a PostgreSQL server it starts in a temporary directory (tst_keeper_postgresql;
# needs the Debian postgresql package and libqt6sql6-psql).
if(TARGET watchroom_keeper)
    # Shared with the benchmark (tests/bench/keeper.cmake).
    add_library(watchroom_keeper_testsupport STATIC postgresfixture.cpp postgresfixture.h)
    target_include_directories(watchroom_keeper_testsupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(watchroom_keeper_testsupport
        PUBLIC Qt6::Core Qt6::Network Qt6::Sql
        PRIVATE watchroom_settings)

    watchroom_add_test(tst_keeper SOURCES tst_keeper.cpp
        LIBS watchroom_keeper watchroom_keeper_testsupport Qt6::Sql LABELS integration)
    set_tests_properties(tst_keeper PROPERTIES TIMEOUT 300)
    add_test(NAME tst_keeper_postgresql COMMAND tst_keeper)
    set_tests_properties(tst_keeper_postgresql PROPERTIES
        LABELS integration
        TIMEOUT 300
        ENVIRONMENT "QT_LOGGING_RULES=watchroom.*.warning=true;WATCHROOM_KEEPER_BACKEND=postgresql")

    if(TARGET watchroom_relay)
        watchroom_add_test(tst_remotekeeper SOURCES tst_remotekeeper.cpp
            LIBS watchroom_keeper watchroom_relay Qt6::WebSockets LABELS integration)
    endif()
endif()
