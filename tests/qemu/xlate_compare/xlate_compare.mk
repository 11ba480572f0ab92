# xlate_compare: a bare-metal HS-mode payload that compares the xlate golden
# model with QEMU's own two-stage MMU (run by tests/qemu/test_xlate_qemu.sh).
XC_DIR  := tests/qemu/xlate_compare
XC_OUT  := $(BUILD)/tests/qemu/xlate_compare
XC_SRCS := $(XC_DIR)/start.S $(XC_DIR)/main.c $(XC_DIR)/compare.c $(XC_DIR)/ptgen.c \
           hypervisor/core/console.c hypervisor/core/string.c hypervisor/core/sbi_host.c \
           hypervisor/platform/platform.c hypervisor/platform/qemu-virt/virt_desc.c
# the xlate model: the hypervisor's own freestanding objects (hypervisor/lib/lib.mk)
XC_OBJS := $(patsubst %,$(XC_OUT)/obj/%.o,$(XC_SRCS)) $(XLATE_RV_OBJS)
XC_INC  := -I$(XC_DIR) -Ihypervisor/include $(HV_LIB_INC)
XC_LDS  := $(XC_DIR)/linker.ld

$(XC_OUT)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) $(XC_INC) -MMD -MP -c $< -o $@

$(XC_OUT)/obj/%.S.o: %.S
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) $(XC_INC) -MMD -MP -c $< -o $@

-include $(patsubst %,$(XC_OUT)/obj/%.d,$(XC_SRCS))

$(XC_OUT)/xlate_compare.elf: $(XC_OBJS) $(XC_LDS)
	$(RV_CC) $(RV_LDFLAGS) -T $(XC_LDS) -o $@ $(XC_OBJS) $(RV_LIBS)

$(XC_OUT)/xlate_compare.bin: $(XC_OUT)/xlate_compare.elf
	$(RV_OBJCOPY) -O binary $< $@

ALL += $(XC_OUT)/xlate_compare.bin

# what test_xlate_qemu.sh runs must be built before `make check` runs it
check: $(XC_OUT)/xlate_compare.bin
