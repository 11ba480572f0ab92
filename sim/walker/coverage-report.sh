#!/bin/sh
# Line and branch coverage of the walker RTL (rtl/walker) from Verilator
# --coverage data files (several runs: a point counts once it was hit in any
# of them, in any instance):
#   sim/walker/coverage-report.sh [--min PERCENT] <file.dat>...
# Prints per file and in total: lines (v_line points: blocks) and branches
# (v_branch points: each if/else and case arm), and the points never hit.
# With --min, fails when lines or branches together fall below PERCENT.
set -eu
min=0
if [ "${1:-}" = "--min" ]; then min=$2; shift 2; fi
cat "$@" | tr '\001\002' '\034\035' | awk -v min="$min" '
function field(s, k,    n, i, kv) {
    n = split(s, parts, "\034")
    for (i = 1; i <= n; i++) { split(parts[i], kv, "\035"); if (kv[1] == k) return kv[2] }
    return ""
}
/^C / {
    q1 = index($0, "\047"); rest = substr($0, q1 + 1); q2 = index(rest, "\047")
    key = substr(rest, 1, q2 - 1); cnt = substr(rest, q2 + 2) + 0
    f = field(key, "f"); page = field(key, "page")
    if (f !~ /^rtl\/walker\//) next
    if (page ~ /^v_line/) type = "line"; else if (page ~ /^v_branch/) type = "branch"; else next
    id = f ":" field(key, "l") ":" field(key, "n") ":" type ":" field(key, "o")
    hits[id] += cnt; typ[id] = type; file[id] = f; line[id] = field(key, "l"); what[id] = field(key, "o")
}
END {
    for (id in hits) {
        t = typ[id]; f = file[id]
        tot[t]++; ftot[f, t]++; files[f] = 1
        if (hits[id] > 0) { cov[t]++; fcov[f, t]++ }
        else missed[++nm] = f ":" line[id] " " t " (" what[id] ")"
    }
    for (f in files)
        printf "  %-32s lines %3d/%-3d  branches %3d/%-3d\n", f, fcov[f, "line"], ftot[f, "line"],
               fcov[f, "branch"], ftot[f, "branch"]
    for (i = 1; i <= nm; i++) print "  not hit: " missed[i]
    pl = tot["line"] ? 100 * cov["line"] / tot["line"] : 0
    pb = tot["branch"] ? 100 * cov["branch"] / tot["branch"] : 0
    pa = (tot["line"] + tot["branch"]) ? 100 * (cov["line"] + cov["branch"]) / (tot["line"] + tot["branch"]) : 0
    printf "walker coverage: lines %d/%d (%.1f %%), branches %d/%d (%.1f %%), together %.1f %%\n",
           cov["line"], tot["line"], pl, cov["branch"], tot["branch"], pb, pa
    if (pa < min) { printf "below %s %%\n", min; exit 1 }
}'
