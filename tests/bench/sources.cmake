# Metric sources benchmarks (label: bench; docs/benchmarks.md, section "Metric sources").
#   bench_promparse     parse throughput on real node_exporter pages (MB/s)
#   bench_hostsampler   CPU per host sample at a 1 s interval (% of one core)
#   bench_scrapers      10 scrape targets at 1 s against one node_exporter (% of one core)
# BENCH_QUICK=1 shortens each to a few seconds. Use a Release build for figures.
if(TARGET watchroom_sources)
    foreach(bench bench_promparse bench_hostsampler bench_scrapers)
        qt_add_executable(${bench} ${CMAKE_CURRENT_LIST_DIR}/${bench}.cpp
            ${CMAKE_CURRENT_LIST_DIR}/sourcesbench.h)
        target_link_libraries(${bench} PRIVATE watchroom_sources Qt6::Core Qt6::Network
            watchroom_settings)
        target_compile_definitions(${bench} PRIVATE
            WATCHROOM_SOURCES_DATA="${CMAKE_CURRENT_LIST_DIR}/../data/sources")
        add_test(NAME ${bench} COMMAND ${bench})
        set_tests_properties(${bench} PROPERTIES LABELS bench TIMEOUT 600 RUN_SERIAL TRUE
            SKIP_RETURN_CODE 77)
    endforeach()
endif()
