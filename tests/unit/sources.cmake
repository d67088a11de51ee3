# Metric sources (app/sources): parsers, conversion, push ingest, host probe and sampler.
if(TARGET watchroom_sources)
    foreach(test tst_promparser tst_promconvert tst_influxparser tst_ingest tst_hostsampler)
        if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp)
            watchroom_add_test(${test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp
                LIBS watchroom_sources LABELS unit)
        endif()
    endforeach()
endif()
