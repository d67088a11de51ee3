#!/usr/bin/env bash
# Installs what is missing, builds the relay with the `release` preset (build/release) and runs
# it in the foreground on 127.0.0.1:7300 until Ctrl+C. Extra arguments go to watchroom-relay,
# e.g. `scripts/run.sh --port 0` or `scripts/run.sh --help` (all flags: docs/operations.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh
cmake --preset release
cmake --build --preset release --target watchroom-relay
exec build/release/app/relay/watchroom-relay "$@"
