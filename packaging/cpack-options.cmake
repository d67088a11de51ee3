# Per-generator settings, read by cpack when it runs (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "TGZ")
    # Without DESTDIR, archives install into a relocatable staging prefix, and the systemd unit
    # would name the staging directory. Install as the DEB does: prefix /usr, DESTDIR staging.
    # (CPACK_PACKAGING_INSTALL_PREFIX stays unset: the archive generator would prepend it to
    # every path once more, /etc included.)
    set(CPACK_SET_DESTDIR ON)
    set(CPACK_INSTALL_PREFIX /usr)
endif()
