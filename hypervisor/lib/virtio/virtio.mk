# virtio: virtio-mmio transport, block device and console. Host unit test,
# plus a lint that compiles the library freestanding the way the hypervisor
# build does and checks that it needs nothing but memcpy/memset/memcmp.
# (The hypervisor build itself links the .c files.)
VIRTIO_SRC  := hypervisor/lib/virtio/virtio_mmio.c hypervisor/lib/virtio/virtio_blk.c \
               hypervisor/lib/virtio/virtio_console.c
VIRTIO_HDR  := hypervisor/lib/virtio/virtio_mmio.h hypervisor/lib/virtio/virtio_blk.h \
               hypervisor/lib/virtio/virtio_console.h
VIRTIO_TEST := $(BUILD)/tests/unit/test_virtio

$(VIRTIO_TEST): tests/unit/test_virtio.c $(VIRTIO_SRC) $(VIRTIO_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/include -Ihypervisor/lib \
	    tests/unit/test_virtio.c $(VIRTIO_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

.PHONY: lint-virtio
lint-virtio: $(VIRTIO_SRC) $(VIRTIO_HDR)
	@mkdir -p $(BUILD)/lint/virtio
	@set -e; objs=; for s in $(VIRTIO_SRC); do \
	    o=$(BUILD)/lint/virtio/$$(basename $$s .c).o; objs="$$objs $$o"; \
	    echo "$(RV_CC) \$$(RV_CFLAGS) -c $$s"; \
	    $(RV_CC) $(RV_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -c $$s -o $$o; \
	done; \
	$(CROSS)ld -r -o $(BUILD)/lint/virtio/virtio.o $$objs; \
	undef=$$($(CROSS)nm -u $(BUILD)/lint/virtio/virtio.o | awk '{print $$2}' | \
	         grep -vxE 'memcpy|memset|memcmp' || true); \
	if [ -n "$$undef" ]; then echo "virtio: undefined symbols:" $$undef; exit 1; fi

ALL   += $(VIRTIO_TEST)
TESTS += $(VIRTIO_TEST)
LINTS += lint-virtio
