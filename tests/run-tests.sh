#!/bin/sh
# Runs every test named on the command line (each an executable that exits 0 on
# success), one at a time, with a time limit, and prints one line per test and a
# closing "N passed, N failed" line. A failing test's log tail is shown inline.
# Env: TEST_TIMEOUT (seconds per test, default 900), TEST_LOG_DIR.
set -u
timeout_s=${TEST_TIMEOUT:-900}
log_dir=${TEST_LOG_DIR:-build/test-logs}
mkdir -p "$log_dir"
pass=0; fail=0; failed=""
for t in "$@"; do
    name=$(echo "$t" | sed 's|^build/||; s|/|_|g')
    log="$log_dir/$name.log"
    start=$(date +%s)
    if timeout --kill-after=10 "$timeout_s" "$t" >"$log" 2>&1; then
        rc=0
    else
        rc=$?
    fi
    secs=$(( $(date +%s) - start ))
    if [ "$rc" -eq 0 ]; then
        pass=$((pass + 1)); echo "PASS  $t  (${secs}s)"
    else
        fail=$((fail + 1)); failed="$failed $t"
        [ "$rc" -eq 124 ] && why="timed out after ${timeout_s}s" || why="exit $rc"
        echo "FAIL  $t  ($why, ${secs}s; log: $log)"
        tail -n 40 "$log" | sed 's/^/      | /'
    fi
done
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
