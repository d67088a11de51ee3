# ---- Keeper benchmark (label: bench; docs/benchmarks.md, section "Keeper") ----
#   build/keeper-rel/tests/bench/bench_keeper           # about 2 minutes (3 runs per scenario)
#   BENCH_QUICK=1 ctest -L bench -R bench_keeper         # one short run per scenario
if(TARGET watchroom_keeper AND TARGET watchroom_keeper_testsupport)
    qt_add_executable(bench_keeper bench_keeper.cpp)
    target_link_libraries(bench_keeper PRIVATE watchroom_keeper watchroom_keeper_testsupport
        Qt6::Core watchroom_settings)
    add_test(NAME bench_keeper COMMAND bench_keeper)
    set_tests_properties(bench_keeper PROPERTIES
        LABELS bench
        TIMEOUT 900
        RUN_SERIAL TRUE)
endif()
