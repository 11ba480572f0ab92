# Benchmarks (`make bench`): counts and same-run ratios, never pass/fail timings.
# Each script prints METRIC lines (tests/bench/README.md); bench-run keeps each
# script's output in $(BENCH_OUT)/raw/<script>.log and bench-report turns them
# into $(BENCH_OUT)/results.json and a CSV per table; `make plots` draws them.
#   BENCH_REPEATS=n   runs of each wall-clock or Linux figure (default 3)
#   make bench-run BENCHES=tests/bench/bench_paths.sh   one script (then bench-report)
BENCH_OUT     := $(BUILD)/bench
BENCH_REPEATS ?= 3
BENCHES += tests/bench/bench_trap.sh tests/bench/bench_irq.sh tests/bench/bench_uboot.sh \
           tests/bench/bench_linux.sh tests/bench/bench_paths.sh tests/bench/bench_walker.sh \
           tests/bench/bench_irqlat.sh tests/bench/bench_walkcheck.sh
BENCH_DEPS := $(COSIM_EXE) $(BUILD)/tests/qemu/qemu-expect $(foreach c,$(HV_CONFIGS),$(call hv_config_dir,$(c))/chipvisor.bin) \
              $(BENCH_REPORT_BIN) $(TRACE_SYNTH_BIN) $(WALKER_SIM_EXE_hva-trace-replay) $(WALKER_OPT_EXE) \
              $(BUILD)/sim/walker/sweep-off $(WALKCHECK_EXE)
# (qemu-expect by path: tests/qemu/qemu.mk is read after this fragment)
bench-run: $(BENCH_DEPS)

.PHONY: bench-deps bench-report plots
bench-deps: $(BENCH_DEPS)

# the configuration block and the tables from the logs bench-run left
bench-report: $(BENCH_REPORT_BIN)
	@mkdir -p $(BENCH_OUT)
	@BUILD=$(BUILD) BENCH_REPEATS=$(BENCH_REPEATS) tests/bench/bench-config.sh >$(BENCH_OUT)/config.txt
	$(BENCH_REPORT_BIN) $(BENCH_OUT) $(BENCH_OUT)/config.txt $(wildcard $(BENCH_OUT)/raw/*.log)

# PNG and SVG of the tables bench-run and sweep wrote (gnuplot)
plots: deps
	tests/bench/plots.sh $(BENCH_OUT)
