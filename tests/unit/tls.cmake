# Certificate pins: parsing, formatting and the decision on a handshake's errors.
if(TARGET watchroom_hub AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_tlspin.cpp)
    watchroom_add_test(tst_tlspin SOURCES tst_tlspin.cpp LIBS watchroom_hub LABELS unit)
endif()
