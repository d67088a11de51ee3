#!/usr/bin/env bash
# Installs what is missing, builds the `release` preset (build/release) and starts Watchroom:
# the desktop app, which runs its own relay with this machine's metrics, so live charts appear
# with nothing configured. Extra arguments go to the app, e.g. `scripts/run.sh --join <url>`.
#
# Without a display (no DISPLAY or WAYLAND_DISPLAY, e.g. over ssh on a server) it runs the
# headless relay in the foreground instead, on 127.0.0.1:7300 until Ctrl+C; extra arguments then
# go to watchroom-relay (all flags: docs/operations.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh
cmake --preset release
if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} || ${QT_QPA_PLATFORM:-} == offscreen ]]; then
    cmake --build --preset release --target watchroom
    exec build/release/ui/watchroom "$@"
fi
echo "run.sh: no display found (DISPLAY and WAYLAND_DISPLAY are unset); starting the headless" \
     "relay instead of the desktop app" >&2
cmake --build --preset release --target watchroom-relay
exec build/release/app/relay/watchroom-relay "$@"
