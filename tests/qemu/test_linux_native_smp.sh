#!/bin/bash
# Debian 13's riscv64 kernel natively on QEMU -smp 2 (no hypervisor), the
# reference for Linux SMP guests: both CPUs come online, a CPU-bound job runs
# pinned to each (and stays there, with the same results), processes and
# threads on the two CPUs ping-pong through pipes and IPI each other with
# membarrier, the timer and IPI rows of /proc/interrupts rise on both CPU
# columns, and the benchmark program's cross-CPU figures are printed.
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
exec "$EXPECT" -t 400 -l "$LOGS/qemu_linux_native_smp.console" \
    -n 'Kernel panic|Oops|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|METRIC .* skipped|failed to start' \
    -e '^cv-init: stage initramfs, kernel 6\.' \
    -e '^CHECK cpus ok online=2 expected 2' \
    -e '^CHECK smp-online ok online 0-1, expected cpu0-cpu1 \(cv.cpus=2\)' \
    -e '^CHECK smp-pin-cpu0 ok ([0-9]+) of \1 looks on cpu0, .* sums all 0x' \
    -e '^CHECK smp-pin-cpu1 ok ([0-9]+) of \1 looks on cpu1, .* sums all 0x' \
    -e '^CHECK smp-pingpong ok 200 pipe round trips' \
    -e '^CHECK smp-membarrier ok 200 membarrier' \
    -e '^SMP cpu=0 timer\+=[1-9][0-9]* ipi\+=[1-9][0-9]* ' \
    -e '^SMP cpu=1 timer\+=[1-9][0-9]* ipi\+=[1-9][0-9]* ' \
    -e '^CHECK smp-timer ok riscv-timer rose on every CPU: cpu0\+[1-9][0-9]* cpu1\+[1-9]' \
    -e '^CHECK smp-ipi ok IPI rows rose on every CPU: cpu0\+[1-9][0-9]* cpu1\+[1-9]' \
    -e '^CHECK-SUMMARY 13 ok 0 failed: PASS' \
    -e '^IRQ timer .* rose' \
    -e '^IRQ-SUMMARY PASS' \
    -e '^METRIC bench_cpus=2\.0 unit=cpus' \
    -e '^METRIC pingpong_rtt=[0-9]+\.[0-9] unit=ns/roundtrip' \
    -e '^METRIC tlb_local=[0-9]+\.[0-9] unit=ns/munmap' \
    -e '^METRIC tlb_shootdown=[0-9]+\.[0-9] unit=ns/munmap' \
    -e '^METRIC membarrier=[0-9]+\.[0-9] unit=ns/call' \
    -e '^BENCH-DONE' \
    -e '^cv# ' \
    -s 'cvtest smp\r' \
    -e '^CHECK-SUMMARY 7 ok 0 failed: PASS' \
    -e '^cv-init: command exit status 0' \
    -e '^cv-init: poweroff' \
    -x 0 \
    -- "$QEMU" -M virt -smp 2 -m 512M -nographic -bios "$OPENSBI_FW" \
       -kernel "$BUILD/linux/Image" -initrd "$BUILD/linux/initramfs.cpio" \
       -append "console=ttyS0 quiet cv.mem=512 cv.cpus=2 cv.devs=uart,plic cv.initrd=1 cv.bench=1 cv.bench.scale=0.2 cv.end=poweroff"
