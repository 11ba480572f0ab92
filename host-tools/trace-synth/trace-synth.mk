# host-tools/trace-synth: a Linux-like synthetic stream of two-stage
# translations in hva-trace-replay's format (sim/walker/README.md), checked
# against the xlate golden model as it is written.
#   $(BUILD)/host-tools/hva-trace-synth [--seed N] [--requests N] ... <out prefix>
TRACE_SYNTH_DIR  := host-tools/trace-synth
TRACE_SYNTH_BIN  := $(BUILD)/host-tools/hva-trace-synth
# this fragment is read before hypervisor/lib/lib.mk: name the model's host objects here
TRACE_SYNTH_XLATE := $(patsubst %,$(BUILD)/obj-host/%.o,$(wildcard hypervisor/lib/model/xlate/*.c))

$(BUILD)/host-tools/trace-synth.obj/trace_synth.o: $(TRACE_SYNTH_DIR)/trace_synth.c \
        $(wildcard hypervisor/lib/model/xlate/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/lib/model/xlate -c $< -o $@

$(TRACE_SYNTH_BIN): $(BUILD)/host-tools/trace-synth.obj/trace_synth.o $(TRACE_SYNTH_XLATE)
	@mkdir -p $(@D)
	$(HOST_CC) $^ $(HOST_LDFLAGS) -o $@

ALL += $(TRACE_SYNTH_BIN)
