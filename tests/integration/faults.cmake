# Fault tests (docs/reliability.md, "Load, soak and faults"): kill -9 of the relay executable,
# network cuts and stalls through FaultProxy, a consumer that never reads, a garbage sender and
# many idle connections. Bounded; part of the default run. The idle scenario runs with 1,000
# connections there and with 5,000 under the soak label (tst_faults_idle5000).
include(${CMAKE_CURRENT_LIST_DIR}/../soak/soak.cmake)

if(TARGET watchroom-relay AND TARGET watchroom_session AND CMAKE_SYSTEM_NAME STREQUAL "Linux"
   AND EXISTS ${CMAKE_CURRENT_LIST_DIR}/tst_faults.cpp)
    set(bench_dir ${CMAKE_CURRENT_LIST_DIR}/../bench)
    set(soak_dir ${CMAKE_CURRENT_LIST_DIR}/../soak)
    watchroom_add_test(tst_faults
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_faults.cpp
                ${CMAKE_CURRENT_LIST_DIR}/faultproxy.cpp ${CMAKE_CURRENT_LIST_DIR}/faultproxy.h
                ${bench_dir}/benchclient.cpp ${bench_dir}/benchclient.h
                ${bench_dir}/procstats.cpp ${bench_dir}/procstats.h
                ${soak_dir}/soaksupport.cpp ${soak_dir}/soaksupport.h
        LIBS watchroom_session watchroom_relay watchroom_protocol Qt6::WebSockets
        LABELS integration)
    target_include_directories(tst_faults PRIVATE ${bench_dir} ${soak_dir})
    target_compile_definitions(tst_faults PRIVATE
        WATCHROOM_RELAY_PATH="$<TARGET_FILE:watchroom-relay>")
    add_dependencies(tst_faults watchroom-relay)
    set_tests_properties(tst_faults PROPERTIES TIMEOUT 180)

    add_test(NAME tst_faults_idle5000 COMMAND tst_faults idleConnections)
    set_tests_properties(tst_faults_idle5000 PROPERTIES
        LABELS soak
        TIMEOUT 300
        RUN_SERIAL TRUE
        ENVIRONMENT "QT_LOGGING_RULES=watchroom.*.warning=true;WATCHROOM_FAULTS_IDLE=5000")
endif()
