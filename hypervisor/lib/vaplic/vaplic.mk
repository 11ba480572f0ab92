# vaplic: host unit test, plus a lint that compiles the library freestanding
# the way the hypervisor build does and fails if the object needs any symbol
# but memcpy/memset/memcmp. (The hypervisor build links the .c via HV_LIBS.)
VAPLIC_SRC  := hypervisor/lib/vaplic/vaplic.c
VAPLIC_HDR  := hypervisor/lib/vaplic/vaplic.h
VAPLIC_TEST := $(BUILD)/tests/unit/test_vaplic
VAPLIC_LINT_OBJ := $(BUILD)/lint/vaplic.o

$(VAPLIC_TEST): tests/unit/test_vaplic.c $(VAPLIC_SRC) $(VAPLIC_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/include -Ihypervisor/lib \
	    tests/unit/test_vaplic.c $(VAPLIC_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

.PHONY: lint-vaplic
lint-vaplic: $(VAPLIC_SRC) $(VAPLIC_HDR)
	@mkdir -p $(BUILD)/lint
	$(RV_CC) $(RV_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -c $(VAPLIC_SRC) \
	    -o $(VAPLIC_LINT_OBJ)
	@undef=$$($(CROSS)nm -u $(VAPLIC_LINT_OBJ) | awk '{print $$2}' | \
	    grep -vxE 'memcpy|memset|memcmp' || true); \
	if [ -n "$$undef" ]; then \
	    echo "lint-vaplic: undefined symbols besides memcpy/memset/memcmp:" $$undef; \
	    exit 1; \
	fi

ALL   += $(VAPLIC_TEST)
TESTS += $(VAPLIC_TEST)
LINTS += lint-vaplic
