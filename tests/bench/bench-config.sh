#!/bin/bash
# The configuration block of results.json: "key=value" lines for bench-report.
# What a reader needs to reproduce a figure: the tree, the tools' versions, the
# machine the benches give QEMU, the hypervisor's defaults that change figures,
# the walker's parameters and the harness's memory latency.
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo missing; }
walker_param() { sed -n "s/.*parameter int unsigned $1 *= *\([0-9]*\).*/\1/p" rtl/walker/hva_walker.sv | head -1; }
echo "git_commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)"
echo "git_dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo yes || echo no)"
echo "date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "host_cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "host_cores=$(nproc)"
echo "host_kernel=$(uname -r)"
echo "qemu=$(${QEMU:-qemu-system-riscv64} --version | head -1)"
echo "qemu_package=$(pkgver qemu-system-misc)"
echo "opensbi_package=$(pkgver opensbi)"
echo "opensbi_firmware=${OPENSBI_FW:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin}"
echo "verilator=$(${VERILATOR:-verilator} --version | head -1)"
echo "yosys=$(${YOSYS:-yosys} -V | head -1)"
echo "gcc=$(${HOST_CC:-gcc} --version | head -1)"
echo "riscv_gcc=$(riscv64-unknown-elf-gcc --version | head -1)"
echo "machine=-M virt -smp 1 -m 256M (Linux: -m 1G; SMP: -smp 2/4; AIA: aia=aplic-imsic,aia-guests=4)"
echo "cpu=QEMU's default rv64 (H and Sstc on)"
echo "icount=shift=0 on single-hart runs (1 instruction = 1 ns of guest time); off for SMP and co-simulation (timing=wall)"
# the hypervisor's own words in the demo run of bench_trap.sh, when it ran
hv_log=$BUILD/test-logs/bench_trap.console
hv_said() { [ -f "$hv_log" ] && sed -n "s/^\[chipvisor\] $1//p" "$hv_log" | head -1; }
echo "gstage_mode=$(hv_said 'G-stage tables: ' || true) (the hypervisor's default: Sv48x4 where the hart has it; chipvisor.gstage= not given)"
echo "hart=$(hv_said 'H extension: ' || true)"
echo "interrupt_backends=vplic (trap-and-emulate PLIC), aia-imsic (guest interrupt file), hva-vic (co-simulated)"
echo "walker_tlb=$(walker_param TLB_ENTRIES) entries, $(walker_param TLB_WAYS) ways"
echo "walker_gtlb=$(walker_param GTLB_ENTRIES) entries, $(walker_param GTLB_WAYS) ways"
echo "walker_pwc=$(walker_param PWC_ENTRIES) entries (2 sets: VS and G)"
echo "walker_max_inflight=$(walker_param MAX_INFLIGHT)"
echo "walker_memory_latency=${WALKER_LATENCY:-4} cycles from AR handshake to R (hva-trace-replay --latency; sweeps vary it)"
echo "bench_repeats=${BENCH_REPEATS:-3}"
