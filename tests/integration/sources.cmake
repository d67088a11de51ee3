# Metric sources over HTTP: the scraper against a real prometheus-node-exporter and loopback
# servers, the Azure Monitor poller against recorded responses served on loopback.
if(TARGET watchroom_sources)
    foreach(test tst_scraper tst_azuremonitorpoller)
        if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp)
            watchroom_add_test(${test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp
                LIBS watchroom_sources Qt6::HttpServer LABELS integration)
        endif()
    endforeach()
endif()
