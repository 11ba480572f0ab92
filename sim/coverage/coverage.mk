# make coverage: Verilator line/branch/toggle coverage of the walker and the
# VIC under their own random tests, with annotated sources. Not in CI (a
# coverage build of both takes a few minutes); the figures go in the issue
# notes. Builds under $(BUILD)/cov so the normal simulators are untouched.
COV_BUILD := $(BUILD)/cov
COV_WALKER_RANDOM ?= 200000

.PHONY: coverage
coverage:
	@$(MAKE) --no-print-directory BUILD=$(COV_BUILD) WALKER_SIM_COVERAGE=1 VIC_SIM_COVERAGE=1 \
	    $(COV_BUILD)/sim/walker/test_walker_rtl $(COV_BUILD)/vic/sim_base/test_vic_rtl
	WALKER_RANDOM=$(COV_WALKER_RANDOM) WALKER_COVERAGE=$(COV_BUILD)/walker.dat \
	    $(COV_BUILD)/sim/walker/test_walker_rtl > $(COV_BUILD)/walker.log
	rm -f build/vic/coverage_*.dat     # where the VIC harness writes one file per simulation
	$(COV_BUILD)/vic/sim_base/test_vic_rtl > $(COV_BUILD)/vic.log
	verilator_coverage --write $(COV_BUILD)/vic.dat build/vic/coverage_*.dat
	@echo "walker:"; verilator_coverage --annotate $(COV_BUILD)/annotate-walker $(COV_BUILD)/walker.dat
	@echo "vic:"; verilator_coverage --annotate $(COV_BUILD)/annotate-vic $(COV_BUILD)/vic.dat
