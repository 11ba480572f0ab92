# sim/walker: Verilator harness of the walker, its differential test against
# the xlate model (tests/rtl/walker/test_walker_rtl.c) and the trace replay
# tool. Each executable has its own Verilated model under build/sim/walker/.
#   WALKER_TRACE=1 at run time: FST waveform (built with --trace-fst)
#   make WALKER_SIM_COVERAGE=1 ...: Verilator --coverage (WALKER_COVERAGE=<file> at run time)
WALKER_SIM_DIR := sim/walker
WALKER_SIM_OUT := $(BUILD)/sim/walker
WALKER_SIM_C   := $(WALKER_SIM_DIR)/mem_model.c $(WALKER_SIM_DIR)/walker_harness.c
WALKER_SIM_H   := $(WALKER_SIM_DIR)/mem_model.h $(WALKER_SIM_DIR)/walker_harness.h \
                  $(WALKER_SIM_DIR)/walker_sim.h
WALKER_SIM_SV  := $(WALKER_RTL_SRC) $(WALKER_SIM_DIR)/walker_tb.sv
WALKER_SIM_VFLAGS := -Wall -Wno-fatal --assert --trace-fst -O3 --x-assign fast --x-initial fast \
                     $(if $(filter 1,$(WALKER_SIM_COVERAGE)),--coverage)
WALKER_XLATE_C := $(XLATE_SRC)

# $(1) name, $(2) main C file, $(3) -G parameters, $(4) extra -D for the C files
define WALKER_SIM_EXE
WALKER_SIM_EXE_$(1) := $(WALKER_SIM_OUT)/$(1)
WALKER_SIM_OBJ_$(1) := $(patsubst %.c,$(WALKER_SIM_OUT)/$(1).obj/%.o,$(notdir $(2) $(WALKER_SIM_C) $(WALKER_XLATE_C)))

$(WALKER_SIM_OUT)/$(1).obj/%.o: $(WALKER_SIM_H) $(XLATE_HDR) $(2) $(WALKER_SIM_C) $(WALKER_XLATE_C) $(WALKER_SIM_DIR)/walker.mk
	@mkdir -p $$(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(4) -DWH_CHECK_STATE_AFTER=3 -I$(WALKER_SIM_DIR) $(HV_LIB_INC) \
	    -c $$(filter %/$$*.c,$(2) $(WALKER_SIM_C) $(WALKER_XLATE_C)) -o $$@

$$(WALKER_SIM_EXE_$(1)): $$(WALKER_SIM_OBJ_$(1)) $(WALKER_SIM_SV) $(WALKER_SIM_DIR)/walker_sim.cpp
	@rm -f $$@   # Verilator's make does not see the C objects change
	$(VERILATOR) --cc --exe --build -j 2 $(WALKER_SIM_VFLAGS) --top-module walker_tb $(3) \
	    --Mdir $(WALKER_SIM_OUT)/$(1).verilated -o $(TOP)/$$@ \
	    -CFLAGS "-I$(TOP)/$(WALKER_SIM_DIR)" \
	    -LDFLAGS "$$(addprefix $(TOP)/,$$(WALKER_SIM_OBJ_$(1))) $(HOST_LDFLAGS)" \
	    $(WALKER_SIM_SV) $(TOP)/$(WALKER_SIM_DIR)/walker_sim.cpp \
	    >$(WALKER_SIM_OUT)/$(1).build.log 2>&1 \
	    || { tail -30 $(WALKER_SIM_OUT)/$(1).build.log; exit 1; }

ALL += $$(WALKER_SIM_EXE_$(1))
endef

WALKER_TEST_C := tests/rtl/walker/test_walker_rtl.c
# default caches, and all caches off (PTE reads compared exactly)
# (WH_SKIP_DEFAULT=2: every quiet cycle of the random runs checked, walker_harness.h)
$(eval $(call WALKER_SIM_EXE,test_walker_rtl,$(WALKER_TEST_C),,-DWALKER_CFG='"base"' -DWH_SKIP_DEFAULT=2))
$(eval $(call WALKER_SIM_EXE,test_walker_nocache,$(WALKER_TEST_C),-GTLB_EN=0 -GGTLB_EN=0 -GPWC_EN=0,-DWALKER_CFG='"nocache"' -DWALKER_CACHES=0))
# WALKER_REPLAY_PARAMS: -G parameters of the replay tool's walker (make sweep
# builds one per configuration, each in its own BUILD folder)
WALKER_REPLAY_PARAMS ?=
$(eval $(call WALKER_SIM_EXE,hva-trace-replay,$(WALKER_SIM_DIR)/hva_trace_replay.c,$(WALKER_REPLAY_PARAMS),))

# caches off with MAX_PTE_READS 8: the read guard's access faults (cold
# two-stage walks need more), 200000 random translations
$(eval $(call WALKER_SIM_EXE,test_walker_bound,$(WALKER_TEST_C),-GTLB_EN=0 -GGTLB_EN=0 -GPWC_EN=0 -GMAX_PTE_READS=8,-DWALKER_CFG='"bound8"' -DWALKER_CACHES=0 -DMAX_PTE_READS=8 -DWALKER_RANDOM_DEFAULT=200000))

# 1 and 4 translations in flight (the default is 2): the same test, and the
# in-flight figures for the README; 200000 random translations
$(eval $(call WALKER_SIM_EXE,test_walker_inflight1,$(WALKER_TEST_C),-GMAX_INFLIGHT=1,-DWALKER_CFG='"inflight1"' -DMAX_INFLIGHT=1 -DWALKER_RANDOM_DEFAULT=200000))
$(eval $(call WALKER_SIM_EXE,test_walker_inflight4,$(WALKER_TEST_C),-GMAX_INFLIGHT=4,-DWALKER_CFG='"inflight4"' -DMAX_INFLIGHT=4 -DWALKER_RANDOM_DEFAULT=200000 -DWH_SKIP_DEFAULT=2))

TESTS += $(WALKER_SIM_EXE_test_walker_rtl) $(WALKER_SIM_EXE_test_walker_nocache) \
         $(WALKER_SIM_EXE_test_walker_bound) $(WALKER_SIM_EXE_test_walker_inflight1) \
         $(WALKER_SIM_EXE_test_walker_inflight4)

# hva-trace-replay-opt: the replay tool built for speed (benchmarks, long
# traces): the same sources without assertions, waveforms or sanitizers, walker_tb's
# inputs registered (IN_REG: one settle of the logic per cycle) and quiet cycles
# not evaluated (WH_SKIP_DEFAULT; sim/walker/README.md "Speed"). Cycle-exact with
# the checked build: tests/rtl/walker/replay_test.sh runs both (make check).
# The Verilated C++ is compiled by clang -O2 with profile-guided optimization
# (WALKER_OPT_PGO=1, the default): an instrumented build replays two training
# streams, of other seeds and shapes than make bench's speed stream, and the
# final build uses the merged profile. The harness C stays gcc -O2.
# WALKER_OPT_PGO=0 (make sweep, whose replays count cycles, not seconds) skips
# the training build.
WALKER_OPT_OUT    := $(WALKER_SIM_OUT)/hva-trace-replay-opt
WALKER_OPT_EXE    := $(WALKER_SIM_OUT)/hva-trace-replay-opt.exe
WALKER_OPT_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -DWH_SKIP_DEFAULT=1
WALKER_OPT_VFLAGS := -Wall -Wno-fatal -O3 --x-assign fast --x-initial fast --no-assert -GIN_REG=1
WALKER_OPT_CXX    := clang++
WALKER_OPT_PGO    ?= 1
WALKER_OPT_PROF   := $(WALKER_OPT_OUT).profdata
WALKER_OPT_OBJ    := $(patsubst %.c,$(WALKER_OPT_OUT).obj/%.o,$(notdir $(WALKER_SIM_DIR)/hva_trace_replay.c \
                         $(WALKER_SIM_C) $(WALKER_XLATE_C)))

$(WALKER_OPT_OUT).obj/%.o: $(WALKER_SIM_H) $(XLATE_HDR) $(WALKER_SIM_DIR)/hva_trace_replay.c $(WALKER_SIM_C) \
                           $(WALKER_XLATE_C) $(WALKER_SIM_DIR)/walker.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(WALKER_OPT_CFLAGS) -I$(WALKER_SIM_DIR) $(HV_LIB_INC) \
	    -c $(filter %/$*.c,$(WALKER_SIM_DIR)/hva_trace_replay.c $(WALKER_SIM_C) $(WALKER_XLATE_C)) -o $@

# $(1) the executable, $(2) its Verilator folder, $(3) extra C++ flags, $(4) extra link flags
define WALKER_OPT_BUILD
	@rm -f $(1)
	$(VERILATOR) --cc --exe --build -j 2 $(WALKER_OPT_VFLAGS) --top-module walker_tb $(WALKER_REPLAY_PARAMS) \
	    --Mdir $(2) -o $(TOP)/$(1) \
	    -CFLAGS "-I$(TOP)/$(WALKER_SIM_DIR) -O2 $(3)" \
	    -MAKEFLAGS "CXX=$(WALKER_OPT_CXX) LINK=$(WALKER_OPT_CXX) OPT_FAST=-O2 OPT_SLOW=-O1 OPT_GLOBAL=-O2" \
	    -LDFLAGS "$(addprefix $(TOP)/,$(WALKER_OPT_OBJ)) $(4)" \
	    $(WALKER_SIM_SV) $(TOP)/$(WALKER_SIM_DIR)/walker_sim.cpp \
	    >$(1).build.log 2>&1 || { tail -30 $(1).build.log; exit 1; }
endef

# training: 20000 requests of a 2 MiB G-stage Sv48 stream at latency 4, and of
# a 4 KiB one at latencies 4 and 16 (so both the busy and the skipped cycles)
$(WALKER_OPT_OUT)-train.exe: $(WALKER_OPT_OBJ) $(WALKER_SIM_SV) $(WALKER_SIM_DIR)/walker_sim.cpp
	$(call WALKER_OPT_BUILD,$@,$(WALKER_OPT_OUT)-train.verilated,-fprofile-instr-generate,-fprofile-instr-generate)

$(WALKER_OPT_PROF): $(WALKER_OPT_OUT)-train.exe $(BUILD)/host-tools/hva-trace-synth
	@rm -rf $@ $(WALKER_OPT_OUT).train && mkdir -p $(WALKER_OPT_OUT).train
	$(BUILD)/host-tools/hva-trace-synth --seed 7 --requests 20000 --gpage 2m --mode sv48 $(WALKER_OPT_OUT).train/g2m >/dev/null
	$(BUILD)/host-tools/hva-trace-synth --seed 8 --requests 20000 --gpage 4k $(WALKER_OPT_OUT).train/g4k >/dev/null
	set -e; for run in g2m:4 g4k:4 g4k:16; do t=$${run%:*} lat=$${run#*:}; \
	    LLVM_PROFILE_FILE=$(WALKER_OPT_OUT).train/$$t-$$lat.profraw $(WALKER_OPT_OUT)-train.exe --quiet \
	        --latency $$lat $(WALKER_OPT_OUT).train/$$t.mem $(WALKER_OPT_OUT).train/$$t.req >/dev/null; done
	llvm-profdata merge -o $@ $(WALKER_OPT_OUT).train/*.profraw

$(WALKER_OPT_EXE): $(WALKER_OPT_OBJ) $(WALKER_SIM_SV) $(WALKER_SIM_DIR)/walker_sim.cpp \
                   $(if $(filter 1,$(WALKER_OPT_PGO)),$(WALKER_OPT_PROF))
	$(call WALKER_OPT_BUILD,$@,$(WALKER_OPT_OUT).verilated,$(if $(filter 1,$(WALKER_OPT_PGO)),-fprofile-instr-use=$(TOP)/$(WALKER_OPT_PROF)),)

ALL += $(WALKER_OPT_EXE)

# the replay tool on a small checked-in trace
WALKER_REPLAY_TEST := $(WALKER_SIM_OUT)/test_walker_replay
$(WALKER_REPLAY_TEST): tests/rtl/walker/replay_test.sh $(WALKER_SIM_EXE_hva-trace-replay) \
                       $(WALKER_OPT_EXE) $(BUILD)/host-tools/hva-trace-synth $(wildcard tests/rtl/walker/trace/*)
	@mkdir -p $(@D)
	printf '#!/bin/sh\nexec %s %s %s %s %s\n' $(TOP)/tests/rtl/walker/replay_test.sh \
	    $(TOP)/$(WALKER_SIM_EXE_hva-trace-replay) $(TOP)/tests/rtl/walker/trace $(TOP)/$(WALKER_OPT_EXE) \
	    $(TOP)/$(BUILD)/host-tools/hva-trace-synth >$@
	chmod +x $@

ALL   += $(WALKER_REPLAY_TEST)
TESTS += $(WALKER_REPLAY_TEST)

# make coverage-walker: line and branch coverage of rtl/walker under the walker
# tests (default caches, caches off, the read bound, 4 in flight; 100000 random
# translations each), from Verilator --coverage builds under
# $(BUILD)/cov-walker (the normal simulators are untouched); prints the points
# never hit and fails below 90 % (sim/walker/coverage-report.sh).
COV_WALKER_OUT   := $(BUILD)/cov-walker
COV_WALKER_TESTS := rtl nocache bound inflight4

.PHONY: coverage-walker
coverage-walker:
	@$(MAKE) --no-print-directory BUILD=$(COV_WALKER_OUT) WALKER_SIM_COVERAGE=1 \
	    $(foreach t,$(COV_WALKER_TESTS),$(COV_WALKER_OUT)/sim/walker/test_walker_$(t))
	@set -e; for t in $(COV_WALKER_TESTS); do \
	    echo "test_walker_$$t (coverage build)"; \
	    WALKER_RANDOM=100000 WALKER_COVERAGE=$(COV_WALKER_OUT)/$$t.dat \
	        $(COV_WALKER_OUT)/sim/walker/test_walker_$$t >$(COV_WALKER_OUT)/$$t.log; \
	done
	sim/walker/coverage-report.sh --min 90 $(foreach t,$(COV_WALKER_TESTS),$(COV_WALKER_OUT)/$(t).dat)
