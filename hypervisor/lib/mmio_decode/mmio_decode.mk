# mmio_decode: host unit test, plus a lint that compiles the library freestanding
# the way the hypervisor build does. (The hypervisor build itself links the .c.)
MMIO_DECODE_SRC  := hypervisor/lib/mmio_decode/mmio_decode.c
MMIO_DECODE_HDR  := hypervisor/lib/mmio_decode/mmio_decode.h
MMIO_DECODE_TEST := $(BUILD)/tests/unit/test_mmio_decode

$(MMIO_DECODE_TEST): tests/unit/test_mmio_decode.c $(MMIO_DECODE_SRC) $(MMIO_DECODE_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/include -Ihypervisor/lib \
	    tests/unit/test_mmio_decode.c $(MMIO_DECODE_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

.PHONY: lint-mmio_decode
lint-mmio_decode: $(MMIO_DECODE_SRC) $(MMIO_DECODE_HDR)
	@mkdir -p $(BUILD)/lint
	$(RV_CC) $(RV_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -c $(MMIO_DECODE_SRC) \
	    -o $(BUILD)/lint/mmio_decode.o

ALL   += $(MMIO_DECODE_TEST)
TESTS += $(MMIO_DECODE_TEST)
LINTS += lint-mmio_decode
