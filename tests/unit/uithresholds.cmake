# Desktop app: threshold alerts. ThresholdAlerts (raise, clear, the worst series, notification
# pacing) and the board (offscreen): a crossing frames and tints the panel, shows a banner and
# notifies once; back within clears; the chart menu's Alert choice (above, below, never) is kept
# per board and in the layout JSON; Acknowledge leaves an annotation. Saves
# screenshots/threshold-alert-{light,dark}.png, threshold-acknowledged.png and stale-notice.png.
# Also StaleWatch and the board naming series that stopped reporting.
if(TARGET watchroom_ui AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uithresholds.cpp)
    watchroom_add_test(tst_uithresholds SOURCES tst_uithresholds.cpp LIBS watchroom_ui
                       LABELS unit GUI)
endif()
