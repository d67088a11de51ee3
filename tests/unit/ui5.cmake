# Desktop app: panel sizes, panels and series by hand, CSV export on a worker thread (with the
# event-loop latency of a 16 × 86,400-point export printed for docs/desktop.md).
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uipanels.cpp)
    watchroom_add_test(tst_uipanels SOURCES tst_uipanels.cpp LIBS watchroom_ui LABELS unit GUI)
endif()
