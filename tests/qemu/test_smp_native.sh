#!/bin/bash
# The bare-metal SMP test guests natively (no hypervisor): QEMU -smp 2 and
# -smp 4, OpenSBI 1.1 starts one hart into the guest, the guest starts the
# others with HSM. smp_test checks the corner cases of HSM, IPI, RFENCE and
# the per-hart timer; smp_stress runs all harts through IPI and remote-fence
# rounds (2000 by default; STRESS_ROUNDS to change). Each run must end with
# "SMP-SUMMARY pass=N fail=0" and QEMU's exit (SRST shutdown).
# No -icount: with it QEMU runs the harts round-robin on one thread, and a
# hart spinning for another holds the thread for its whole time slice; the
# guests' checks do not depend on timing (every wait has a 3-5 s limit).
. "$(dirname "$0")/common.sh"
GUESTS="$BUILD/firmware/guests"
need "$GUESTS/smp_test-native.elf" "$GUESTS/smp_stress-native.elf"
ROUNDS=${STRESS_ROUNDS:-2000}

run() {     # run <guest> <harts> <time limit> [-append ...]
    local guest=$1 n=$2 limit=$3; shift 3
    echo "== $guest, -smp $n"
    "$EXPECT" -t "$limit" -l "$LOGS/qemu_smp_native_${guest}_$n.console" \
        -n 'CHECK [^ ]+ FAIL|unexpected trap|stopping the run|no answer to command' \
        -e "^SMP guest: boot hart [0-9]+, $n harts from the dtb" \
        -e "^SMP-SUMMARY pass=[1-9][0-9]* fail=0([^0-9]|\$)" \
        -x 0 \
        -- "$QEMU" -M virt -smp "$n" -m 256M -nographic -bios "$OPENSBI_FW" \
           -kernel "$GUESTS/$guest-native.elf" "$@"
    grep -a -E '^(CHECK (harts|counts|stress-complete)|STRESS rounds)' \
        "$LOGS/qemu_smp_native_${guest}_$n.console" || true
}

for n in 2 4; do
    run smp_test "$n" 120
    run smp_stress "$n" 600 -append "rounds=$ROUNDS"
done
echo "test_smp_native: PASS"
