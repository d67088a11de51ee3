#!/bin/sh
# Runs the libFuzzer targets of a -DWATCHROOM_BUILD_FUZZERS=ON build for a fixed time each, a few
# at a time, at low CPU priority, and prints one line of figures per target
# (docs/reliability.md, "Fuzzing").
#
#   tests/fuzz/run-fuzzers.sh [-t SECONDS] [-j PARALLEL] BUILD_DIR [TARGET…]
#
# TARGET is a name without the fuzz_ prefix (default: every fuzz_* executable in the build).
# New inputs go to BUILD_DIR/tests/fuzz/corpus/TARGET, crashes to BUILD_DIR/tests/fuzz/artifacts,
# logs to BUILD_DIR/tests/fuzz/logs; the committed seeds are only read.
set -eu

seconds=600
parallel=2
while getopts t:j: opt; do
    case $opt in
    t) seconds=$OPTARG ;;
    j) parallel=$OPTARG ;;
    *) echo "usage: $0 [-t SECONDS] [-j PARALLEL] BUILD_DIR [TARGET...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-t SECONDS] [-j PARALLEL] BUILD_DIR [TARGET...]" >&2; exit 2; }
build=$(cd "$1/tests/fuzz" && pwd)
shift
seeds=$(cd "$(dirname "$0")/corpus" && pwd)
if [ $# -eq 0 ]; then
    set -- $(cd "$build" && ls fuzz_* | sed -n 's/^fuzz_\([a-z0-9_]*\)$/\1/p')
fi
mkdir -p "$build/logs" "$build/artifacts"

run() {
    name=$1
    mkdir -p "$build/corpus/$name"
    nice -n 15 "$build/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$name-" \
        "$build/corpus/$name" "$seeds/$name" > "$build/logs/$name.log" 2>&1
}

summary() {
    name=$1
    log=$build/logs/$name.log
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
    if grep -qE 'ERROR: libFuzzer|ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$log"; then
        found="FINDING (see $log)"
    else
        found="none"
    fi
    printf '%-18s %8ss %12s execs %8s exec/s  cov %5s  ft %6s  corpus %-12s findings: %s\n' \
        "$name" "$seconds" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found"
}

pending=$*
while [ -n "$pending" ]; do
    batch=
    for name in $pending; do
        [ "$(echo $batch | wc -w)" -lt "$parallel" ] || break
        batch="$batch $name"
    done
    pending=$(echo $pending | cut -d' ' -f"$(($(echo $batch | wc -w) + 1))"- -s)
    [ "$(echo $pending | wc -w)" -gt 0 ] || pending=
    pids=
    for name in $batch; do
        run "$name" &
        pids="$pids $!"
    done
    for pid in $pids; do wait "$pid" || true; done
    for name in $batch; do summary "$name"; done
done
