# vuart: host unit test, plus a lint that compiles the library freestanding
# the way the hypervisor build does. (The hypervisor build itself links the .c.)
VUART_SRC  := hypervisor/lib/vuart/vuart.c
VUART_HDR  := hypervisor/lib/vuart/vuart.h
VUART_TEST := $(BUILD)/tests/unit/test_vuart

$(VUART_TEST): tests/unit/test_vuart.c $(VUART_SRC) $(VUART_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/include -Ihypervisor/lib \
	    tests/unit/test_vuart.c $(VUART_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

.PHONY: lint-vuart
lint-vuart: $(VUART_SRC) $(VUART_HDR)
	@mkdir -p $(BUILD)/lint
	$(RV_CC) $(RV_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -c $(VUART_SRC) \
	    -o $(BUILD)/lint/vuart.o

ALL   += $(VUART_TEST)
TESTS += $(VUART_TEST)
LINTS += lint-vuart
