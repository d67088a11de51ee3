# Desktop chart benchmark (label: bench; docs/benchmarks.md, section "Desktop charts").
#   build/<release dir>/tests/bench/bench_chartpanel          # about a minute, offscreen
#   BENCH_QUICK=1 ctest -L bench -R bench_chartpanel          # fewer repetitions
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/bench_chartpanel.cpp)
    qt_add_executable(bench_chartpanel bench_chartpanel.cpp)
    target_link_libraries(bench_chartpanel PRIVATE watchroom_ui Qt6::Widgets Qt6::Charts
        watchroom_settings)
    add_test(NAME bench_chartpanel COMMAND bench_chartpanel)
    set_tests_properties(bench_chartpanel PROPERTIES
        LABELS bench
        TIMEOUT 900
        RUN_SERIAL TRUE
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
