#!/bin/bash
# configs/linux-smp on the HVA platform (-smp 2): Debian's kernel with 2 vCPUs,
# its PLIC driver unchanged on a VIC guest file with a context per vCPU (PLIC
# contexts 1 and 3 in its G-stage: enables, threshold, claim/complete of each
# CPU without a trap), each vCPU's interrupts on its own VIC output line,
# selected by VGEIN on whichever hart runs it. The checks of linux_smp.sh
# (both CPUs online, work pinned to each, IPIs and timers on each, benchmarks,
# poweroff); its typed command moves the UART's interrupt to CPU 1 (Linux's
# PLIC driver moves the enable bit to context 3's words) and CPU 1 must then
# count UART interrupts of its own: claimed on vCPU 1's context, raised on
# vCPU 1's line.
# Realtime SMP run: give it the CPU on a loaded machine (README: autogroups).
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/linux_smp.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
HVA_MEM=1G HVA_SMP=2
. "$(dirname "$0")/hva_platform.sh"
LINUX_SMP_CMD=$(hva_cmd linux-smp -append chipvisor.hva.walker=off)
LINUX_SMP_TIMEOUT=1500
LINUX_SMP_EXPECT=(-n 'software paths|stays in software'
    -e '^\[chipvisor\] vm linux: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file 0 in its G-stage, 2 contexts, line hgeip [0-9]+ for vCPU 0, one per vCPU\)')
LINUX_SMP_SAY='sh -c '"'"'n=$(grep ttyS0 /proc/interrupts | cut -d: -f1 | tr -d " "); echo 2 > /proc/irq/$n/smp_affinity; echo uart-irq-$n-now-on-cpu1; sleep 1; echo uart-count-cpu1-$(grep ttyS0 /proc/interrupts | sed "s/^ *[0-9]*: *//" | tr -s " " | cut -d" " -f2)'"'"'\r'
LINUX_SMP_ANSWER='^\[linux\] uart-count-cpu1-[1-9]'
linux_smp_run qemu_hva_linux_smp linux-smp 2 2
