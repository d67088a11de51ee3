# Desktop app: the chart legend (offscreen, real mouse events): names shortened by a fixed rule,
# full names in tooltips, a click hides or shows a series, saved with the layout; saves
# screenshots/legend-*.png in its working directory or $WATCHROOM_SCREENSHOT_DIR.
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uilegend.cpp)
    watchroom_add_test(tst_uilegend SOURCES tst_uilegend.cpp LIBS watchroom_ui LABELS unit GUI)
endif()
