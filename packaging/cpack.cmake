# CPack: one package per install component (see CMakeLists.txt next to this file).
# Linux: DEB, RPM (when rpmbuild is there) and TGZ; Windows: NSIS and ZIP; macOS: DragNDrop.
# Only the DEB packages are built and checked on this project's Debian 12 machines
# (tests/integration/packaging.cmake); the others are written from the CMake 3.25 docs.

set(CPACK_PACKAGE_NAME watchroom)
set(CPACK_PACKAGE_VENDOR "The Watchroom developers")
set(CPACK_PACKAGE_CONTACT "The Watchroom developers <watchroom@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Watchroom)
set(CPACK_PACKAGE_ICON "${watchroom_icon_dir}/app/watchroom-128.png")
set(CPACK_STRIP_FILES ON)
# Values reach cpack exactly as written here (no second round of CMake escaping).
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\.git/;/\\.cache/;/node_modules/")

set(CPACK_COMPONENTS_ALL relay)
if(TARGET watchroom)
    list(PREPEND CPACK_COMPONENTS_ALL desktop)
endif()
if(APPLE)
    # The disk image carries the app bundle only; the relay is a Linux/Windows service.
    set(CPACK_COMPONENTS_ALL desktop)
endif()
set(CPACK_COMPONENT_DESKTOP_DISPLAY_NAME "Watchroom")
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION
    "The desktop app: live charts, shared cursors and annotations.")
set(CPACK_COMPONENT_RELAY_DISPLAY_NAME "Watchroom relay")
set(CPACK_COMPONENT_RELAY_DESCRIPTION
    "A headless hub for offline team sessions (Azure Web PubSub compatible).")

# --- Linux -------------------------------------------------------------------------------------
if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB TGZ)
    find_program(WATCHROOM_RPMBUILD rpmbuild)
    mark_as_advanced(WATCHROOM_RPMBUILD)
    if(WATCHROOM_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    endif()

    # Per-package documentation that Debian requires (lintian: no-copyright-file, no-changelog).
    # changelog.gz is compressed at build time with `gzip -9n`, so it is reproducible.
    find_program(WATCHROOM_GZIP gzip REQUIRED)
    mark_as_advanced(WATCHROOM_GZIP)
    string(REPLACE "-" ";" date_parts "${WATCHROOM_RELEASE_DATE}")
    list(GET date_parts 0 y)
    list(GET date_parts 1 m)
    list(GET date_parts 2 d)
    list(GET date_parts 1 month_index)
    math(EXPR month_index "${month_index} - 1")
    set(months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
    list(GET months ${month_index} month_name)
    set(WATCHROOM_RELEASE_DATE_RFC2822 "${d} ${month_name} ${y} 12:00:00 +0000")
    foreach(component IN LISTS CPACK_COMPONENTS_ALL)
        if(component STREQUAL relay)
            set(WATCHROOM_DEB_NAME watchroom-relay)
        else()
            set(WATCHROOM_DEB_NAME watchroom)
        endif()
        set(doc_dir ${CMAKE_CURRENT_BINARY_DIR}/doc/${WATCHROOM_DEB_NAME})
        configure_file(linux/copyright.in ${doc_dir}/copyright @ONLY)
        configure_file(linux/changelog.in ${doc_dir}/changelog @ONLY)
        add_custom_command(OUTPUT ${doc_dir}/changelog.gz
            COMMAND ${WATCHROOM_GZIP} -9nfk ${doc_dir}/changelog
            DEPENDS ${doc_dir}/changelog
            VERBATIM)
        add_custom_target(watchroom_${component}_changelog ALL DEPENDS ${doc_dir}/changelog.gz)
        install(FILES ${doc_dir}/copyright ${doc_dir}/changelog.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${WATCHROOM_DEB_NAME}
            COMPONENT ${component})
    endforeach()

    # DEB
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME watchroom)
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION x11)
    # Plugins Qt loads at run time, which dpkg-shlibdeps cannot see. The xcb platform plugin is
    # part of libqt6gui6 on Debian 12; qt6-qpa-plugins adds the others.
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "qt6-qpa-plugins")
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "qt6-wayland")
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_SUGGESTS "watchroom-relay")
    set(CPACK_DEBIAN_RELAY_PACKAGE_NAME watchroom-relay)
    set(CPACK_DEBIAN_RELAY_PACKAGE_SECTION net)
    # The keeper stores annotations through Qt SQL: SQLite by default, PostgreSQL optionally.
    set(CPACK_DEBIAN_RELAY_PACKAGE_DEPENDS "libqt6sql6-sqlite")
    set(CPACK_DEBIAN_RELAY_PACKAGE_RECOMMENDS "systemd")
    set(CPACK_DEBIAN_RELAY_PACKAGE_SUGGESTS "libqt6sql6-psql")
    configure_file(linux/relay-postinst ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/postinst COPYONLY)
    configure_file(linux/relay-prerm ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/prerm COPYONLY)
    configure_file(linux/relay-postrm ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/postrm COPYONLY)
    # relay.conf is a conffile: an upgrade keeps local changes.
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/conffiles "/etc/watchroom/relay.conf\n")
    set(CPACK_DEBIAN_RELAY_PACKAGE_CONTROL_EXTRA
        ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/postinst
        ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/prerm
        ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/postrm
        ${CMAKE_CURRENT_BINARY_DIR}/deb-relay/conffiles)

    # RPM (built here only as far as rpmbuild on Debian allows; not installed or checked)
    set(CPACK_RPM_COMPONENT_INSTALL ON)
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_LICENSE "${WATCHROOM_LICENSE}")
    set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_RPM_DESKTOP_PACKAGE_NAME watchroom)
    set(CPACK_RPM_DESKTOP_PACKAGE_GROUP "Applications/System")
    set(CPACK_RPM_RELAY_PACKAGE_NAME watchroom-relay)
    set(CPACK_RPM_RELAY_PACKAGE_GROUP "System Environment/Daemons")
    # Fedora names; library requirements come from rpmbuild (Fedora's qt6-qtbase carries the
    # SQLite driver).
    set(CPACK_RPM_RELAY_PACKAGE_SUGGESTS "qt6-qtbase-postgresql")
    set(CPACK_RPM_RELAY_POST_INSTALL_SCRIPT_FILE ${CMAKE_CURRENT_SOURCE_DIR}/linux/rpm-relay-post)
    set(CPACK_RPM_RELAY_PRE_UNINSTALL_SCRIPT_FILE
        ${CMAKE_CURRENT_SOURCE_DIR}/linux/rpm-relay-preun)
    set(CPACK_RPM_RELAY_USER_FILELIST "%config(noreplace) /etc/watchroom/relay.conf")
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /etc /usr/lib/systemd /usr/lib/systemd/system /usr/lib/sysusers.d /usr/share/applications
        /usr/share/icons /usr/share/icons/hicolor /usr/share/metainfo /usr/share/doc)

    # TGZ: one archive per component with the same layout as the packages (usr/…, etc/…), to be
    # unpacked at / on systems without dpkg or rpm. cpack-options.cmake switches archives to an
    # installation with DESTDIR under the /usr prefix, as DEB and RPM do by default.
    set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
    set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_SOURCE_DIR}/cpack-options.cmake)
endif()

# --- Windows (unverified here) -------------------------------------------------------------
if(WIN32)
    set(CPACK_GENERATOR NSIS ZIP)
    set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY Watchroom)
    set(CPACK_NSIS_DISPLAY_NAME Watchroom)
    set(CPACK_NSIS_PACKAGE_NAME Watchroom)
    set(CPACK_NSIS_MUI_ICON "${watchroom_icon_dir}/watchroom.ico")
    set(CPACK_NSIS_MUI_UNIICON "${watchroom_icon_dir}/watchroom.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\watchroom.exe")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
    # Start-menu entry for the app (bin/watchroom.exe).
    set(CPACK_PACKAGE_EXECUTABLES watchroom Watchroom)
    # watchroom:// links open the app (HKLM\Software\Classes, as the installer runs elevated).
    set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
WriteRegStr HKLM "Software\Classes\watchroom" "" "URL:Watchroom session"
WriteRegStr HKLM "Software\Classes\watchroom" "URL Protocol" ""
WriteRegStr HKLM "Software\Classes\watchroom\DefaultIcon" "" "$INSTDIR\bin\watchroom.exe,0"
WriteRegStr HKLM "Software\Classes\watchroom\shell\open\command" "" "$\"$INSTDIR\bin\watchroom.exe$\" $\"%1$\""
]=])
    set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
DeleteRegKey HKLM "Software\Classes\watchroom"
]=])
    include(InstallRequiredSystemLibraries)
endif()

# --- macOS (unverified here) ---------------------------------------------------------------
if(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME "Watchroom ${PROJECT_VERSION}")
    set(CPACK_DMG_FORMAT UDZO)
endif()

include(CPack)
