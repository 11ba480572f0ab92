#!/bin/bash
# The hot paths do not grow: the probe guest (configs/probe) counts the
# instructions of each under -icount shift=0, and every path listed in
# tests/bench/paths_baseline.txt must stay within 10% of its recorded count
# (counts, not times: the same on a loaded machine).
. "$(dirname "$0")/common.sh"
log="$LOGS/qemu_path_costs.console"
"$EXPECT" -t 120 -l "$log" -n 'FAIL|PANIC' -e '^\[chipvisor\] result: PASS' -x 0 -- $(qemu_cmd probe)
bad=0
while read -r name base; do
    case "$name" in ''|'#'*) continue ;; esac
    now=$(sed -n "s/^\[probe\] METRIC path_$name=\([0-9]*\) .*/\1/p" "$log")
    if [ -z "$now" ]; then
        echo "path $name: no figure in $log"; bad=1; continue
    fi
    limit=$((base * 110 / 100))
    if [ "$now" -gt "$limit" ]; then
        echo "path $name: $now instructions, more than 10% over its baseline $base"; bad=1
    else
        echo "path $name: $now instructions (baseline $base, limit $limit)"
    fi
done < tests/bench/paths_baseline.txt
exit $bad
