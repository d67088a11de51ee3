# The relay soak (label: soak, excluded from the default test presets like bench and fuzz).
# Included from tests/integration/faults.cmake, which shares soaksupport with tst_faults.
#   build/<dir>/tests/integration/watchroom-soak --duration 600      # the full 10 minutes
#   ctest --test-dir build/<dir> -L soak                               # 90 s, and 5,000 idle
# docs/reliability.md, "Load, soak and faults".
if(TARGET watchroom-relay AND TARGET watchroom_hub AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
    qt_add_executable(watchroom-soak
        ${CMAKE_CURRENT_LIST_DIR}/soak.cpp
        ${CMAKE_CURRENT_LIST_DIR}/soaksupport.cpp
        ${CMAKE_CURRENT_LIST_DIR}/soaksupport.h)
    target_include_directories(watchroom-soak PRIVATE ${CMAKE_CURRENT_LIST_DIR})
    target_link_libraries(watchroom-soak PRIVATE watchroom_hub watchroom_protocol Qt6::Network
        watchroom_settings)
    target_compile_definitions(watchroom-soak PRIVATE
        WATCHROOM_RELAY_PATH="$<TARGET_FILE:watchroom-relay>")
    add_dependencies(watchroom-soak watchroom-relay)
    # Short: 100 clients for 90 s with fast churn (lifetimes 5–30 s) on a bounded data set.
    add_test(NAME soak_relay COMMAND watchroom-soak --duration 90 --clients 100 --sample 5
        --warmup 30 --life-min 5 --life-max 30 --ids-per-board 50)
    set_tests_properties(soak_relay PROPERTIES LABELS soak TIMEOUT 300 RUN_SERIAL TRUE)
endif()
