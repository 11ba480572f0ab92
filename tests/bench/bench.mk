# Benchmarks (`make bench`): counts and same-run ratios, never pass/fail timings.
BENCHES += tests/bench/bench_trap.sh tests/bench/bench_irq.sh tests/bench/bench_uboot.sh \
           tests/bench/bench_linux.sh tests/bench/bench_paths.sh
bench-run: $(COSIM_EXE) $(QEMU_EXPECT) $(foreach c,$(HV_CONFIGS),$(call hv_config_dir,$(c))/chipvisor.bin)
