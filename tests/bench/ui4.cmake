# Desktop app end to end (label: bench, never in the default suite; docs/benchmarks.md,
# "Desktop app: glass to glass, ingest, start-up, memory"). Offscreen, release build:
#   build/<dir>/tests/bench/bench_desktop [glass|ingest]   # about 2.5 min (BENCH_QUICK=1: ~1 min)
#   build/<dir>/tests/bench/bench_desktopstartup            # 6 launches of ui/watchroom
#   build/<dir>/tests/bench/bench_desktopmemory             # a few seconds
#   ctest --test-dir build/<dir> -L bench -R bench_desktop
if(TARGET watchroom_ui AND TARGET watchroom_relay
   AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/bench_desktop.cpp)
    qt_add_executable(bench_desktop bench_desktop.cpp)
    target_link_libraries(bench_desktop PRIVATE watchroom_ui watchroom_relay Qt6::Widgets
        watchroom_settings)
    add_test(NAME bench_desktop COMMAND bench_desktop)
    set_tests_properties(bench_desktop PROPERTIES
        LABELS bench
        TIMEOUT 900
        RUN_SERIAL TRUE
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()

if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/bench_desktopmemory.cpp)
    qt_add_executable(bench_desktopmemory bench_desktopmemory.cpp)
    target_link_libraries(bench_desktopmemory PRIVATE watchroom_ui Qt6::Widgets
        watchroom_settings)
    add_test(NAME bench_desktopmemory COMMAND bench_desktopmemory)
    set_tests_properties(bench_desktopmemory PROPERTIES
        LABELS bench
        TIMEOUT 600
        RUN_SERIAL TRUE
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()

if(TARGET watchroom AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/bench_desktopstartup.cpp)
    qt_add_executable(bench_desktopstartup bench_desktopstartup.cpp)
    target_link_libraries(bench_desktopstartup PRIVATE Qt6::Core watchroom_settings)
    target_compile_definitions(bench_desktopstartup PRIVATE
        WATCHROOM_APP_PATH="$<TARGET_FILE:watchroom>")
    add_dependencies(bench_desktopstartup watchroom)
    add_test(NAME bench_desktopstartup COMMAND bench_desktopstartup)
    set_tests_properties(bench_desktopstartup PROPERTIES
        LABELS bench
        TIMEOUT 600
        RUN_SERIAL TRUE)
endif()
