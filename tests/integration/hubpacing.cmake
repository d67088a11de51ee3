# HubClient's paced outbox flush against an in-process relay that limits loopback clients.
if(TARGET watchroom_hub AND TARGET watchroom_relay
   AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_hubpacing.cpp)
    watchroom_add_test(tst_hubpacing SOURCES tst_hubpacing.cpp
        LIBS watchroom_hub watchroom_relay LABELS integration)
endif()
