# Desktop board features: cursor glide cost, CSV/JSON export throughput (label: bench;
# docs/desktop.md, "Benchmarks").
#   build/<dir>/tests/bench/bench_ui3            # offscreen, about ten seconds
#   BENCH_QUICK=1 ctest -L bench -R bench_ui3    # fewer repetitions
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/bench_ui3.cpp)
    qt_add_executable(bench_ui3 bench_ui3.cpp)
    target_link_libraries(bench_ui3 PRIVATE watchroom_ui Qt6::Widgets watchroom_settings)
    add_test(NAME bench_ui3 COMMAND bench_ui3)
    set_tests_properties(bench_ui3 PROPERTIES
        LABELS bench
        TIMEOUT 600
        RUN_SERIAL TRUE
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
