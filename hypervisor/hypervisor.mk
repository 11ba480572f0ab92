# The hypervisor: one binary per VM configuration (the VM table is linked in).
#   build/hypervisor/obj/...                 objects shared by every configuration
#   build/configs/<name>/chipvisor.{elf,bin}  the payload for OpenSBI fw_jump

# The board (hypervisor/include/platform.h): its description is the one file
# that differs; `make hv-platforms` links the demo for every board there is.
HV_PLATFORM ?= qemu-virt
HV_PLATFORMS := $(patsubst hypervisor/platform/%/,%,$(wildcard hypervisor/platform/*/))
hv_platform_srcs = $(wildcard hypervisor/platform/$(1)/*.c)
HV_COMMON_SRCS := $(wildcard hypervisor/arch/riscv/*.S hypervisor/arch/riscv/*.c hypervisor/core/*.c \
                             hypervisor/core/sbi/*.c hypervisor/platform/*.c)
HV_SRCS := $(HV_COMMON_SRCS) $(call hv_platform_srcs,$(HV_PLATFORM))
# plus the freestanding objects of the libraries it links (HV_LIB_RV_OBJS, from
# hypervisor/lib/lib.mk, read after this file: HV_OBJS and HV_INC are expanded
# late, in recipes and in second expansions)
HV_OBJS  = $(patsubst %,$(BUILD)/obj-rv/%.o,$(HV_SRCS)) $(HV_LIB_RV_OBJS)
HV_INC   = -Ihypervisor/include $(HV_LIB_INC) -I$(BUILD)/rtl/hva
HV_LDS  := hypervisor/arch/riscv/linker.ld
VMCONFIG := $(BUILD)/host-tools/vmconfig

# the HVA register header is generated (rtl/hva/hva_regs.map)
$(BUILD)/obj-rv/%.c.o: %.c | $(BUILD)/rtl/hva/hva_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) $(HV_INC) -MMD -MP -c $< -o $@

$(BUILD)/obj-rv/%.S.o: %.S
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) $(HV_INC) -MMD -MP -c $< -o $@

-include $(patsubst %,$(BUILD)/obj-rv/%.d,$(HV_COMMON_SRCS) $(foreach p,$(HV_PLATFORMS),$(call hv_platform_srcs,$(p))))

# What configs load, built before vmconfig first runs (its deps.mk names the
# exact files after that). Fragments read after this one define them: the
# prerequisite is expanded a second time, when every fragment has been read.
HV_GUEST_FILES = $(FW_GUEST_BINS) $(LINUX_OUTPUTS)
.SECONDEXPANSION:

# One hypervisor binary per configuration file: $(1) = config path, $(2) = output folder.
define hv_config_rules
$(2)/vm_table.c: $(1) $$(VMCONFIG) | $$$$(HV_GUEST_FILES)
	@mkdir -p $(2)
	$$(VMCONFIG) $(1) $(2)
$(2)/vm_table.o: $(2)/vm_table.c
	$$(RV_CC) $$(RV_CFLAGS) $$(HV_INC) -c $$< -o $$@
$(2)/chipvisor.elf: $$$$(HV_OBJS) $(2)/vm_table.o $$(HV_LDS)
	$$(RV_CC) $$(RV_LDFLAGS) -T $$(HV_LDS) -o $$@ $$(HV_OBJS) $(2)/vm_table.o $$(RV_LIBS)
$(2)/chipvisor.bin: $(2)/chipvisor.elf
	$$(RV_OBJCOPY) -O binary $$< $$@
-include $(2)/deps.mk
endef

HV_CONFIGS := $(filter-out %.md,$(wildcard configs/*))
hv_config_dir = $(BUILD)/configs/$(notdir $(1))
$(foreach c,$(HV_CONFIGS),$(eval $(call hv_config_rules,$(c),$(call hv_config_dir,$(c)))))
ALL += $(foreach c,$(HV_CONFIGS),$(call hv_config_dir,$(c))/chipvisor.bin)

# `make run CONFIG=path` takes any configuration file, not only those in configs/;
# each gets its own folder (named from its absolute path), so a config never
# runs with the VM table of another one
RUN_DIR := $(strip $(if $(filter $(CONFIG),$(HV_CONFIGS)),$(call hv_config_dir,$(CONFIG)),\
             $(BUILD)/run-config/$(subst /,_,$(subst _,__,$(abspath $(CONFIG))))))
ifeq ($(filter $(CONFIG),$(HV_CONFIGS)),)
$(eval $(call hv_config_rules,$(CONFIG),$(RUN_DIR)))
endif

# RAM for the hypervisor and every VM of the config (QEMU backs it lazily);
# host harts: the hypervisor runs on every one, vCPUs spread over them
RUN_MEM ?= 1G
RUN_SMP ?= 2
QEMU_MACHINE := -M virt -smp $(RUN_SMP) -m $(RUN_MEM) -nographic -bios $(OPENSBI_FW)

.PHONY: run-qemu
run-qemu: $(RUN_DIR)/chipvisor.bin
	@echo "chipvisor: booting $(CONFIG) in QEMU (quit: Ctrl-A x; console input to the next VM: Ctrl-])"
	$(QEMU) $(QEMU_MACHINE) -kernel $<

.PHONY: hv-objs
hv-objs: $$(HV_OBJS)

# Every board's hypervisor links (the demo's VM table): a description that no
# longer fits platform.h fails here, not on the board.
HV_COMMON_OBJS = $(patsubst %,$(BUILD)/obj-rv/%.o,$(HV_COMMON_SRCS)) $(HV_LIB_RV_OBJS)
define hv_platform_rules
$(BUILD)/platforms/$(1)/chipvisor.elf: $$$$(HV_COMMON_OBJS) $(patsubst %,$(BUILD)/obj-rv/%.o,$(call hv_platform_srcs,$(1))) \
                                       $(call hv_config_dir,configs/demo)/vm_table.o $$(HV_LDS)
	@mkdir -p $$(@D)
	$$(RV_CC) $$(RV_LDFLAGS) -T $$(HV_LDS) -o $$@ $$(HV_COMMON_OBJS) \
	    $(patsubst %,$(BUILD)/obj-rv/%.o,$(call hv_platform_srcs,$(1))) $(call hv_config_dir,configs/demo)/vm_table.o $$(RV_LIBS)
endef
$(foreach p,$(HV_PLATFORMS),$(eval $(call hv_platform_rules,$(p))))
.PHONY: hv-platforms
hv-platforms: $(foreach p,$(HV_PLATFORMS),$(BUILD)/platforms/$(p)/chipvisor.elf)
ALL += hv-platforms

# Host unit test of the SBI layer (hypervisor/core/sbi: every extension file
# and the dispatch table): the real dispatch, RAM checks and input
# ring, with the rest of the hypervisor faked in the test.
HV_SBI_TEST := $(BUILD)/tests/unit/test_sbi_dispatch
HV_SBI_TEST_SRCS := tests/unit/test_sbi_dispatch.c $(wildcard hypervisor/core/sbi/*.c) \
                    hypervisor/core/vm_mem.c hypervisor/core/vm_input.c
$(HV_SBI_TEST): $(HV_SBI_TEST_SRCS) $(wildcard hypervisor/include/*.h hypervisor/core/sbi/*.h) \
                $$(XLATE_HOST_OBJS) $$(XLATE_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(HV_INC) -o $@ $(HV_SBI_TEST_SRCS) $(XLATE_HOST_OBJS) $(HOST_LDFLAGS) -lcmocka
TESTS += $(HV_SBI_TEST)

# Host unit test of HVA discovery (hva_hw_init): device-tree node, mailbox,
# none, through the real MMIO transport over a register file in host memory.
HV_HVA_DISC_TEST := $(BUILD)/tests/unit/test_hva_discovery
HV_HVA_DISC_SRCS := tests/unit/test_hva_discovery.c hypervisor/core/hva_hw.c hypervisor/core/hva_mmio.c \
                    hypervisor/core/fdt_min.c
$(HV_HVA_DISC_TEST): $(HV_HVA_DISC_SRCS) $(wildcard hypervisor/include/*.h) $$(HVA_HOST_OBJS) $$(XLATE_HOST_OBJS) \
                     $$(HVA_REGS_H)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(HV_INC) -o $@ $(HV_HVA_DISC_SRCS) $(HVA_HOST_OBJS) $(XLATE_HOST_OBJS) \
	    $(HOST_LDFLAGS) -lcmocka -lfdt
TESTS += $(HV_HVA_DISC_TEST)
ALL += $(HV_HVA_DISC_TEST)
