#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages that building and testing Watchroom need.
#
# Idempotent and non-interactive: when every package is already there it does not touch apt at
# all, so re-running it costs a fraction of a second. Runs as root, or through sudo when started
# by another user.
#
#   scripts/install-deps.sh            install what is missing
#   scripts/install-deps.sh --list     print the package list and exit
set -euo pipefail

packages=(
    # toolchain
    cmake ninja-build g++ pkg-config
    # Qt 6.4: the relay needs base, WebSockets and HttpServer; Charts, the tools and the SQL
    # drivers are for the desktop app and the annotation keeper
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-charts-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libgl-dev
    # Qt Charts' CMake package needs Qt OpenGL and xkbcommon, which qt6-charts-dev does not pull in
    libqt6opengl6-dev libxkbcommon-dev
    # tests: SDK conformance suite (npm ci), TLS fixtures, benchmarks (ps, taskset), HTTP checks
    nodejs npm openssl ca-certificates procps util-linux curl
    # tests: metric sources and the keeper run against real servers
    prometheus-node-exporter postgresql
    # tests: desktop app under a virtual X server (screenshots), Qt's own translations
    xvfb xauth qt6-translations-l10n
    # a font with Japanese and Chinese glyphs, for readable screenshots of those translations
    fonts-wqy-microhei
    # tests: packages built, installed and checked (CPack DEB/RPM, lintian, desktop integration)
    dpkg-dev fakeroot rpm file lintian desktop-file-utils appstream systemd
)

if [[ ${1:-} == --list ]]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi
if [[ $# -gt 0 ]]; then
    echo "usage: $0 [--list]" >&2
    exit 2
fi

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "install-deps: this script needs a Debian-based system with apt (Debian 12 bookworm)." >&2
    exit 1
fi

installed() {
    case $1 in
        # Node.js may come from elsewhere (NodeSource's nodejs package bundles npm and conflicts
        # with Debian's npm package); any node and npm on PATH will do.
        nodejs) command -v node >/dev/null ;;
        npm) command -v npm >/dev/null ;;
        *) dpkg-query -W -f='${db:Status-Abbrev}\n' "$1" 2>/dev/null | grep -q '^ii' ;;
    esac
}

missing=()
for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root, or install sudo" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
apt_env=(env DEBIAN_FRONTEND=noninteractive)
"${as_root[@]}" "${apt_env[@]}" apt-get update -q
"${as_root[@]}" "${apt_env[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
