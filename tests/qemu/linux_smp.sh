# Shared by the SMP Linux tests: linux_smp_run <log> <config> <harts> <vCPUs>
# [extra QEMU args]: Debian's kernel with <vCPUs> vCPUs on <harts> host harts
# comes up with every vCPU online, passes its checks (work pinned to each CPU,
# IPI and timer counts rising on each CPU), runs the cross-CPU benchmarks,
# answers a command naming the CPU it ran on, and powers its VM off.
# LINUX_SMP_CMD: another command line (the HVA platform's), LINUX_SMP_EXPECT:
# more qemu-expect arguments, LINUX_SMP_TIMEOUT: seconds (800),
# LINUX_SMP_SAY / LINUX_SMP_ANSWER: another typed command and the regexp of
# its answer.
linux_smp_run() {
    local log=$1 cfg=$2 harts=$3 vcpus=$4; shift 4
    local last=$((vcpus - 1))
    QEMU_MEM=1G QEMU_SMP=$harts
    local cmd=${LINUX_SMP_CMD:-$(qemu_cmd "$cfg" "$@")}
    "$EXPECT" -t "${LINUX_SMP_TIMEOUT:-800}" -l "$LOGS/$log.console" \
        -n 'Kernel panic|Oops|WARNING|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|PANIC|unexpected|failed to start|not started' \
        ${LINUX_SMP_EXPECT[@]+"${LINUX_SMP_EXPECT[@]}"} \
        -e "SMP: $harts hart\\(s\\) in the device tree, $harts started" \
        -e '^\[linux\] cv-init: stage initramfs, kernel 6\.' \
        -e "^\\[linux\\] CHECK cpus ok online=$vcpus expected $vcpus" \
        -e "^\\[linux\\] CHECK smp-online ok online 0-$last" \
        -e "^\\[linux\\] CHECK smp-pin-cpu$last ok" \
        -e '^\[linux\] CHECK smp-timer ok' \
        -e '^\[linux\] CHECK smp-ipi ok' \
        -e '^\[linux\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
        -e '^\[linux\] IRQ-SUMMARY PASS' \
        -e '^\[linux\] METRIC pingpong_rtt' \
        -e '^\[linux\] BENCH-DONE' \
        -e '^\[linux\] cv# ' \
        -s "${LINUX_SMP_SAY:-taskset -c $last sh -c 'echo answer-\$((6*7)) on cpu-\$(cut -d\" \" -f39 /proc/self/stat)'\\r}" \
        -e "${LINUX_SMP_ANSWER:-^\\[linux\\] answer-42 on cpu-$last}" \
        -e '^\[linux\] cv-init: poweroff' \
        -e '^\[chipvisor\] vm linux: stopped \(passed\)' \
        -e '^\[chipvisor\] result: PASS' \
        -x 0 \
        -- $cmd
}
