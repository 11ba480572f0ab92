#!/bin/bash
# Records a real translation stream: Debian's Linux (configs/linux) boots on
# the HVA platform with hva-walk-check beside the hart, which checks every
# two-stage TLB fill against the RTL walker and records the first N of them
# in hva-trace-replay's format; then QEMU is stopped.
#
#   tests/bench/record-linux-trace.sh <prefix> [N]      (N default 20000)
#
# Writes <prefix>.req, <prefix>.mem, <prefix>.walk (the checker's output: its
# "recorded counters:" line is what a replay with the default walker must
# print) and <prefix>.console. Fails on a disagreement, or when the recording
# does not end within RECORD_TIMEOUT seconds (default 600). Env: BUILD.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/qemu/common.sh
prefix=${1:?usage: tests/bench/record-linux-trace.sh <prefix> [N]}
N=${2:-20000}
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/sim/walker/hva-walk-check"
HVA_MEM=1G
. tests/qemu/hva_platform.sh
set +e   # (common.sh sets -e: the runner's end by SIGTERM is expected here)
mkdir -p "$(dirname "$prefix")"
rm -f "$prefix".req "$prefix".mem "$prefix".part.req "$prefix".part.mem "$prefix".walk
HVA_WALK=$prefix.walk
HVA_WALK_RECORD=$prefix.part
HVA_WALK_RECORD_MAX=$N
HVA_WALK_LABEL=linux-boot
cmd=$(hva_cmd linux -append chipvisor.hva.walker=off)
start=$(date +%s)
# shellcheck disable=SC2086
$cmd </dev/null >"$prefix.console" 2>&1 &
pid=$!
deadline=$(( start + ${RECORD_TIMEOUT:-600} ))
while ! grep -q '^recorded counters: ' "$prefix.walk" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || break
    [ "$(date +%s)" -lt "$deadline" ] || break
    sleep 0.2
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if ! grep -q '^recorded counters: requests '"$N"' ' "$prefix.walk" 2>/dev/null; then
    echo "record-linux-trace: the recording of $N translations did not end ($prefix.walk, $prefix.console):" >&2
    tail -n 5 "$prefix.walk" "$prefix.console" >&2
    exit 1
fi
if grep -q 'DISAGREE' "$prefix.walk"; then
    echo "record-linux-trace: the walker disagreed with QEMU:" >&2
    grep DISAGREE "$prefix.walk" >&2
    exit 1
fi
mv "$prefix.part.req" "$prefix.req" && mv "$prefix.part.mem" "$prefix.mem" || exit 1
echo "record-linux-trace: $prefix.{req,mem}: $N translations of a Linux boot in $(( $(date +%s) - start ))s" \
     "($(du -k "$prefix.req" | cut -f1) KiB)"
