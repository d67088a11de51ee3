# One INTERFACE target that carries every project-wide build setting; all targets link it.
add_library(watchroom_settings INTERFACE)
target_compile_features(watchroom_settings INTERFACE cxx_std_20)
target_compile_definitions(watchroom_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    WATCHROOM_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(watchroom_settings INTERFACE -Wall -Wextra -pedantic)
    if(WATCHROOM_WERROR)
        target_compile_options(watchroom_settings INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(watchroom_settings INTERFACE /W4 /permissive- /utf-8)
    if(WATCHROOM_WERROR)
        target_compile_options(watchroom_settings INTERFACE /WX)
    endif()
endif()
