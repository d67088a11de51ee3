# Facts about the product that the resources, translations and packages share. The version
# itself is project(VERSION) in the top-level CMakeLists.txt; everything else derives from it.

# Reverse-DNS application ID: the base name of the .desktop file, the metainfo file and the
# icon, the macOS bundle identifier, and what the app passes to
# QGuiApplication::setDesktopFileName() (WATCHROOM_APP_ID in watchroomversion.h).
set(WATCHROOM_APP_ID "io.github.watchroom.Watchroom")
# Date of the release named by the project version (AppStream <release>, Debian changelog).
# Bump it together with project(VERSION).
set(WATCHROOM_RELEASE_DATE "2026-12-06")
# The project's licence (LICENSE at the top level). GPL 3 or later: the open-source editions of
# Qt Charts and Qt HttpServer, which Watchroom links, are licensed under the GPL 3 only.
set(WATCHROOM_LICENSE "GPL-3.0-or-later" CACHE STRING "SPDX licence identifier")
# The same licence in Debian's copyright-file notation.
set(WATCHROOM_LICENSE_DEBIAN "GPL-3+")
set(WATCHROOM_LICENSE_TEXT "On Debian systems the full text of the GNU General Public License version 3 is in /usr/share/common-licenses/GPL-3.")
# UI languages besides English; translations/watchroom_<lang>.ts exists for each.
set(WATCHROOM_UI_LANGUAGES de fr es ja zh_CN)
