#!/bin/sh
# Share of Verilator coverage points hit in a merged .dat, per kind, for the
# VIC's RTL files (rtl/vic/). Line points are Verilator's block coverage: one
# per statement block and per arm of each if/else and case, so they count
# lines; branch points are the arms of each if/case. Fails when line or
# branch coverage is below $2 percent.
#   sim/vic/coverage-summary.sh <merged.dat> <min percent>
set -eu
dat=$1 min=$2
awk -v min="$min" '
# entries: C '\''<key/value pairs separated by \001>'\'' <count>
/^C / {
    n = $NF
    line = $0
    file = line; sub(/.*\001f\002/, "", file); sub(/\001.*/, "", file)
    page = line; sub(/.*\001page\002/, "", page); sub(/\001.*/, "", page)
    if (file !~ /rtl\/vic\//) next
    kind = page; sub(/\/.*/, "", kind); sub(/^v_/, "", kind)
    tot[kind]++
    if (n > 0) hit[kind]++
}
END {
    bad = 0
    for (k in tot) {
        pct = 100 * hit[k] / tot[k]
        printf "vic coverage %s: %d of %d points hit (%.1f%%)\n", k, hit[k], tot[k], pct
        if ((k == "line" || k == "branch") && pct < min) bad = 1
    }
    if (!("line" in tot)) { print "vic coverage: no line points in " FILENAME; exit 1 }
    if (bad) { printf "vic coverage: line or branch points below %s%%\n", min; exit 1 }
}' "$dat"
