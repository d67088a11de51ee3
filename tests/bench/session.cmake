# Client benchmarks (label: bench; docs/benchmarks.md, "Client ingest and cursor latency").
#   build/<release dir>/tests/bench/bench_client ingest    # about 20 s
#   build/<release dir>/tests/bench/bench_client cursor    # about 70 s
#   BENCH_QUICK=1 ctest -L bench -R bench_client           # shorter
if(TARGET watchroom_session AND TARGET watchroom_relay AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
    qt_add_executable(bench_client bench_client.cpp)
    target_link_libraries(bench_client PRIVATE watchroom_session watchroom_relay
        Qt6::WebSockets watchroom_settings)
    foreach(mode ingest cursor)
        add_test(NAME bench_client_${mode} COMMAND bench_client ${mode})
        set_tests_properties(bench_client_${mode} PROPERTIES
            LABELS bench
            TIMEOUT 600
            RUN_SERIAL TRUE)
    endforeach()
endif()
