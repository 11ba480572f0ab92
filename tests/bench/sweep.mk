# make sweep: the walker's design-space sweep (tests/bench/sweep.sh, README.md
# beside it): Linux-like synthetic traces (or recorded ones: SWEEP_TRACES)
# replayed over a grid of TLB / G-TLB / page-walk-cache sizes and ways and
# memory latencies, each configuration Verilated once (optimized, kept under
# $(SWEEP_OUT)/build), Yosys LUT/FF of a subset; $(SWEEP_OUT)/results.json,
# sweep.csv, sweep_synth.csv and the plots. The grid: sweep.sh's defaults,
# overridden by SWEEP_* variables on the command line.
SWEEP_OUT := $(BUILD)/bench/sweep

# (install first, then a second make builds what the Linux recordings run:
# the HVA platform QEMU, Linux, the hypervisor and hva-walk-check)
.PHONY: sweep sweep-run
sweep: deps
	@$(MAKE) --no-print-directory sweep-run
sweep-run: $(BENCH_DEPS)
	@MAKE="$(MAKE)" BUILD=$(BUILD) SWEEP_WALKER_SRC="$(WALKER_RTL_SRC)" tests/bench/sweep.sh $(SWEEP_OUT)
	@tests/bench/plots.sh $(BENCH_OUT)

# make test: a small grid on 5000-translation traces and a 20000-translation
# recorded Linux boot (walkers built with the tree, not inside the test's time
# limit; the Linux trace recorded by the test: the HVA platform QEMU, Linux and
# hva-walk-check), checked by tests/bench/test_sweep.sh
SWEEP_TEST_CONFIGS := t4w4-g16w4-p8 t16w4-g16w4-p8 t64w4-g16w4-p8 t16w4-g4w4-p8 off
$(foreach c,$(SWEEP_TEST_CONFIGS),$(eval $(call WALKER_SIM_EXE,sweep-$(c),$(WALKER_SIM_DIR)/hva_trace_replay.c,$(shell tests/bench/sweep.sh --params $(c)),)))

SWEEP_TEST := $(BUILD)/tests/bench/test_sweep
$(SWEEP_TEST): tests/bench/test_sweep.sh tests/bench/sweep.sh tests/bench/replay-metrics.sh \
               $(foreach c,$(SWEEP_TEST_CONFIGS),$(WALKER_SIM_EXE_sweep-$(c))) \
               $(TRACE_SYNTH_BIN) $(BENCH_REPORT_BIN) \
               tests/bench/record-linux-trace.sh $(WALKCHECK_EXE)
	@mkdir -p $(@D)
	printf '#!/bin/sh\nexec %s %s %s %s\n' $(TOP)/tests/bench/test_sweep.sh $(TOP)/$(BUILD)/tests/bench/sweep \
	    $(TOP)/$(WALKER_SIM_OUT) $(TOP)/$(BUILD) >$@
	chmod +x $@

ALL   += $(SWEEP_TEST)
TESTS += $(SWEEP_TEST)
