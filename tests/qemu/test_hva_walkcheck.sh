#!/bin/bash
# The hart's guest walks checked by the RTL: Debian's Linux (configs/linux, as
# test_hva_linux.sh) boots on the HVA platform to its init with hva-walk-check
# beside the hart (QEMU's CPU property hva-walk: every two-stage TLB fill is
# also translated by the Verilated walker over the guest RAM and compared; a
# disagreement stops QEMU). Passes when init starts, the checker compared at
# least WALKCHECK_FLOOR translations (default 1000000; a boot to init makes
# ~5.4 M), 0 disagreed, and its first WALKCHECK_RECORD (20000) translations,
# recorded, replay through hva-trace-replay without QEMU to the same counters.
# About 4-5 minutes (the walker answers ~20 k translations/s; Linux reaches
# init at guest uptime ~100 s instead of ~1 s).
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/sim/walker/hva-walk-check" \
     "$BUILD/sim/walker/hva-trace-replay"
HVA_MEM=1G
. "$(dirname "$0")/hva_platform.sh"
FLOOR=${WALKCHECK_FLOOR:-1000000}
N_REC=${WALKCHECK_RECORD:-20000}
HVA_WALK="$LOGS/hva_walkcheck.walk"
HVA_WALK_RECORD="$LOGS/hva_walkcheck-boot"
HVA_WALK_RECORD_MAX=$N_REC
HVA_WALK_LABEL=linux-boot-to-init
rm -f "$HVA_WALK" "$HVA_WALK_RECORD".req "$HVA_WALK_RECORD".mem
cmd=$(hva_cmd linux -append chipvisor.hva.walker=off)
"$EXPECT" -t 840 -l "$LOGS/qemu_hva_walkcheck.console" \
    -n 'Kernel panic|Oops|PANIC|hva-walk:' \
    -e '^\[chipvisor\] vm linux: PLIC at GPA 0xc000000 served by the HVA VIC' \
    -e '^\[linux\] cv-init: stage initramfs, kernel 6\.' \
    -- $cmd
rc=$?
# the runner stops QEMU and the checker, which prints its figures as it ends
for i in $(seq 100); do
    grep -q '^counters: ' "$HVA_WALK" 2>/dev/null && break
    sleep 0.2
done
echo "--- hva-walk-check ($HVA_WALK)"
cat "$HVA_WALK"
[ "$rc" -eq 0 ] || { echo "FAIL: Linux did not reach init with the walk check on"; exit 1; }

ok=0
n=$(sed -n 's/^hva-walk-check: \([0-9]*\) translations checked.*/\1/p' "$HVA_WALK")
bad=$(sed -n 's/.* \([0-9]*\) disagree,.*/\1/p' "$HVA_WALK")
if [ -z "$n" ] || [ -z "$bad" ]; then
    echo "FAIL: no summary from hva-walk-check"; exit 1
fi
if [ "$n" -ge "$FLOOR" ]; then echo "ok: $n translations checked (floor $FLOOR)"
else echo "FAIL: only $n translations checked (floor $FLOOR)"; ok=1; fi
if [ "$bad" -eq 0 ]; then echo "ok: 0 disagreements"
else echo "FAIL: $bad translations where the walker disagrees with QEMU"; ok=1; fi
grep -q '^METRIC walkcheck_mismatches=0 ' "$HVA_WALK" || { echo "FAIL: no METRIC walkcheck_mismatches=0"; ok=1; }

# the recorded stream, without QEMU: the same counters
want=$(sed -n 's/^recorded counters: //p' "$HVA_WALK")
got=$("$BUILD/sim/walker/hva-trace-replay" --quiet "$HVA_WALK_RECORD.mem" "$HVA_WALK_RECORD.req" |
      sed -n 's/^counters: //p')
echo "checker: $want"
echo "replay:  $got"
if [ -n "$want" ] && [ "$want" = "$got" ] && [[ $want == "requests $N_REC "* ]]; then
    echo "ok: the recorded $N_REC translations replay to the same counters"
else
    echo "FAIL: the replay of the recorded stream differs from the live walker"; ok=1
fi
[ "$ok" -eq 0 ] && echo "PASS"
exit "$ok"
