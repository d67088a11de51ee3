# UI languages (issue #6): the main window retranslates at once when the language is switched
# (directly and through the Settings dialog), unique menu accelerators and an uncut shortcuts
# list in every language, and screenshots in German and Japanese for people to look at
# (<build>/tests/integration/screenshots/uilanguage-*.png). Japanese glyphs need a CJK font
# (Debian: fonts-wqy-microhei); without one the test warns and the screenshot shows boxes.
if(TARGET watchroom_ui AND TARGET watchroom_translations
   AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_uilanguage.cpp)
    watchroom_add_test(tst_uilanguage SOURCES tst_uilanguage.cpp
        LIBS watchroom_ui watchroom_translations LABELS integration packaging GUI)
endif()
