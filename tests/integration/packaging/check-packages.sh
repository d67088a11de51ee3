#!/usr/bin/env bash
# Builds the Linux packages from a configured and built tree and checks them the way a
# distribution would, without touching the system:
#   - cpack -G "DEB;TGZ[;RPM]" into a temporary directory (the build tree stays clean);
#   - each .deb unpacked with `dpkg -x` into a throw-away root; the installed binaries run with
#     --version and must print the project version;
#   - lintian: no errors (warnings are printed and allowed);
#   - desktop-file-validate and appstreamcli validate --no-net on the installed files;
#   - systemd-analyze verify on the installed unit (see verify_unit below);
#   - the relay's maintainer scripts run against stub commands, with and without systemd tools.
# Exit codes: 0 pass, 1 fail, 77 skip (a tool this needs is not installed).
#
#   check-packages.sh <build-dir> <version> <with-desktop: 0|1>
set -uo pipefail

build=${1:?build directory}
version=${2:?expected version}
with_desktop=${3:?0 or 1}
app_id=io.github.watchroom.Watchroom

for tool in cpack dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli \
            systemd-analyze; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed (scripts/install-deps.sh installs it)"
        exit 77
    fi
done

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/watchroom-packaging.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root"

generators="DEB;TGZ"
command -v rpmbuild >/dev/null && generators="$generators;RPM"
start=$SECONDS
if ! cpack --config "$build/CPackConfig.cmake" -G "$generators" -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log"
    fail "cpack -G $generators"
    exit 1
fi
pass "cpack -G $generators ($((SECONDS - start)) s)"
ls -l "$tmp/out"/*.{deb,tar.gz,rpm} 2>/dev/null | awk '{print "   ", $5, $NF}' | sed "s|$tmp/out/||"

debs=("$tmp/out/watchroom-relay_${version}_"*.deb)
[[ -f ${debs[0]} ]] || { fail "no watchroom-relay_${version}_*.deb"; exit 1; }
if [[ $with_desktop == 1 ]]; then
    desktop_deb=("$tmp/out/watchroom_${version}_"*.deb)
    [[ -f ${desktop_deb[0]} ]] || { fail "no watchroom_${version}_*.deb"; exit 1; }
    debs+=("${desktop_deb[0]}")
fi

# --- contents, dependencies, unpacked into a throw-away root ---------------------------------
for deb in "${debs[@]}"; do
    name=$(dpkg-deb -f "$deb" Package)
    echo "== $name: Depends: $(dpkg-deb -f "$deb" Depends)"
    dpkg-deb -x "$deb" "$root" || fail "dpkg -x $name"
done

expect_file() {
    if [[ -e $root$1 ]]; then pass "installed $1"; else fail "missing $1"; fi
}
expect_file /usr/bin/watchroom-relay
expect_file /usr/lib/systemd/system/watchroom-relay.service
expect_file /usr/lib/sysusers.d/watchroom-relay.conf
expect_file /etc/watchroom/relay.conf
expect_file /usr/share/doc/watchroom-relay/copyright
relay_deb=${debs[0]}
relay_depends=$(dpkg-deb -f "$relay_deb" Depends)
grep -q 'libqt6core6' <<<"$relay_depends" \
    && pass "watchroom-relay depends on libqt6core6 (shlibdeps)" \
    || fail "watchroom-relay: shlibdeps found no Qt dependency"
grep -q 'libqt6sql6-sqlite' <<<"$relay_depends" \
    && pass "watchroom-relay depends on the Qt SQLite driver" \
    || fail "watchroom-relay does not depend on libqt6sql6-sqlite"
dpkg-deb -e "$relay_deb" "$tmp/relay-control"
grep -qx /etc/watchroom/relay.conf "$tmp/relay-control/conffiles" \
    && pass "relay.conf is a conffile" || fail "relay.conf is not a conffile"

# The unit must name where the package puts things, not the build tree's prefix.
unit=$root/usr/lib/systemd/system/watchroom-relay.service
grep -q '^ExecStart=/usr/bin/watchroom-relay --config /etc/watchroom/relay.conf ' "$unit" \
    && pass "ExecStart names /usr/bin and /etc" || fail "ExecStart: $(grep ^ExecStart= "$unit")"

# --- the installed programs run and report the project version --------------------------------
out=$("$root/usr/bin/watchroom-relay" --version 2>&1)
[[ $out == *"$version"* ]] && pass "watchroom-relay --version: $out" \
    || fail "watchroom-relay --version printed '$out', expected $version"
if [[ $with_desktop == 1 ]]; then
    expect_file /usr/bin/watchroom
    expect_file /usr/share/applications/$app_id.desktop
    expect_file /usr/share/metainfo/$app_id.metainfo.xml
    expect_file /usr/share/icons/hicolor/16x16/apps/$app_id.png
    expect_file /usr/share/icons/hicolor/512x512/apps/$app_id.png
    expect_file /usr/share/icons/hicolor/scalable/apps/$app_id.svg
    mkdir -m 0700 "$tmp/xdg-runtime"
    out=$(XDG_RUNTIME_DIR=$tmp/xdg-runtime QT_QPA_PLATFORM=offscreen timeout 20 "$root/usr/bin/watchroom" --version 2>&1)
    [[ $out == *"$version"* ]] && pass "watchroom --version: $out" \
        || fail "watchroom --version printed '$out', expected $version"
fi

# --- desktop integration -------------------------------------------------------------------
if [[ $with_desktop == 1 ]]; then
    desktop_file=$root/usr/share/applications/$app_id.desktop
    metainfo=$root/usr/share/metainfo/$app_id.metainfo.xml
else
    # No desktop package in this build: check the files it would contain.
    desktop_file=$(dirname "$0")/../../../packaging/linux/$app_id.desktop
    metainfo=$build/packaging/$app_id.metainfo.xml
fi
if out=$(desktop-file-validate "$desktop_file" 2>&1); then
    pass "desktop-file-validate $(basename "$desktop_file")${out:+ ($out)}"
else
    fail "desktop-file-validate: $out"
fi
if out=$(appstreamcli validate --no-net "$metainfo" 2>&1); then
    pass "appstreamcli validate --no-net $(basename "$metainfo")"
    echo "$out" | sed 's/^/    /'
else
    fail "appstreamcli validate: $out"
fi
grep -q "<release version=\"$version\"" "$metainfo" && pass "metainfo names release $version" \
    || fail "metainfo does not name release $version"

# --- systemd unit ------------------------------------------------------------------------
# verify_unit: systemd-analyze verify checks that ExecStart's binary exists and is executable.
# The unit names /usr/bin/watchroom-relay, which is not installed on this system (the package
# went into the throw-away root), so a copy of the unit with /usr/bin and /etc rewritten into
# that root is verified. Everything else in the unit is unchanged.
mkdir -p "$tmp/units"
sed -e "s|^ExecStart=/usr/bin/|ExecStart=$root/usr/bin/|" -e "s| /etc/watchroom/| $root/etc/watchroom/|" \
    "$unit" >"$tmp/units/watchroom-relay.service"
if out=$(systemd-analyze verify --man=no "$tmp/units/watchroom-relay.service" 2>&1); then
    pass "systemd-analyze verify watchroom-relay.service${out:+ ($out)}"
else
    fail "systemd-analyze verify: $out"
fi

# --- maintainer scripts ------------------------------------------------------------------
# Run postinst/prerm/postrm with PATH holding only stubs that record their arguments: no user
# is created and no service touched on this machine.
run_script() { # <script> <stub names…> -- <args…>
    local script=$1; shift
    local stubs=$tmp/stubs.$RANDOM
    mkdir -p "$stubs"
    while [[ $1 != -- ]]; do
        printf '#!/bin/sh\necho "%s $*" >>"%s/calls"\n' "$1" "$tmp" >"$stubs/$1"
        chmod +x "$stubs/$1"
        shift
    done
    shift
    # getent: the user does not exist yet.
    printf '#!/bin/sh\nexit 2\n' >"$stubs/getent" && chmod +x "$stubs/getent"
    PATH=$stubs /bin/sh "$script" "$@"
}
: >"$tmp/calls"
if run_script "$tmp/relay-control/postinst" systemd-sysusers systemctl -- configure \
        && grep -q '^systemd-sysusers watchroom-relay.conf' "$tmp/calls"; then
    pass "postinst creates the user with systemd-sysusers"
else
    fail "postinst with systemd-sysusers: $(cat "$tmp/calls")"
fi
: >"$tmp/calls"
if run_script "$tmp/relay-control/postinst" adduser -- configure \
        && grep -q '^adduser --system --group' "$tmp/calls"; then
    pass "postinst falls back to adduser without systemd"
else
    fail "postinst with adduser only: $(cat "$tmp/calls")"
fi
if out=$(run_script "$tmp/relay-control/postinst" -- configure 2>&1); then
    pass "postinst succeeds with neither tool (warns: $out)"
else
    fail "postinst without tools failed: $out"
fi
for script in prerm postrm; do
    run_script "$tmp/relay-control/$script" systemctl -- remove \
        && pass "$script remove" || fail "$script remove"
done

# --- TGZ and RPM: same layout as the DEB -------------------------------------------------
tgz=("$tmp/out/watchroom-$version-Linux-relay.tar.gz")
if [[ -f ${tgz[0]} ]]; then
    listing=$(tar -tzf "${tgz[0]}")
    # Read whole before grep: `tar | grep -q` under pipefail fails when grep is done first and
    # tar's next write gets SIGPIPE (it did once, on a busy machine).
    service=$(tar -xzOf "${tgz[0]}" --wildcards '*/watchroom-relay.service')
    if grep -q 'usr/bin/watchroom-relay$' <<<"$listing" && grep -q 'etc/watchroom/relay.conf$' <<<"$listing" \
            && grep -q '^ExecStart=/usr/bin/' <<<"$service"; then
        pass "TGZ has the package layout"
    else
        fail "TGZ layout: $(head -20 <<<"$listing")"
    fi
else
    fail "no $(basename "${tgz[0]}")"
fi
if [[ $generators == *RPM* ]]; then
    rpm=("$tmp/out/watchroom-relay-$version-"*.rpm)
    if [[ -f ${rpm[0]} ]] && grep -qx /etc/watchroom/relay.conf \
            <<<"$(rpm -qp --configfiles "${rpm[0]}" 2>/dev/null)"; then
        pass "RPM built, relay.conf marked %config"
    else
        fail "RPM: $(ls "$tmp/out")"
    fi
fi

# --- lintian -----------------------------------------------------------------------------
start=$SECONDS
for deb in "${debs[@]}"; do
    name=$(dpkg-deb -f "$deb" Package)
    lintian --allow-root --tag-display-limit 0 "$deb" >"$tmp/lintian.log" 2>&1
    errors=$(grep -c '^E: ' "$tmp/lintian.log")
    warnings=$(grep -c '^W: ' "$tmp/lintian.log")
    sed 's/^/    /' "$tmp/lintian.log"
    if [[ $errors -eq 0 ]]; then
        pass "lintian $name: no errors, $warnings warnings"
    else
        fail "lintian $name: $errors errors"
    fi
done
echo "lintian took $((SECONDS - start)) s"

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all package checks passed"
