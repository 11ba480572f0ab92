# host-tools/benchreport: METRIC lines of the benchmark scripts -> results.json
# and a CSV per table (tests/bench/README.md).
#   $(BUILD)/host-tools/bench-report <out dir> <config file> <log>...
BENCH_REPORT_DIR := host-tools/benchreport
BENCH_REPORT_BIN := $(BUILD)/host-tools/bench-report

$(BENCH_REPORT_BIN): $(BENCH_REPORT_DIR)/bench_report.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $< $(HOST_LDFLAGS) -o $@

ALL += $(BENCH_REPORT_BIN)
