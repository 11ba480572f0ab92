# host-tools/vmconfig: configs/<name> -> guest DTBs + the hypervisor's VM table.
#   $(BUILD)/host-tools/vmconfig <config> <out-dir>
#   $(BUILD)/tests/unit/test_vmconfig   (cmocka)

VMCONFIG_DIR    := host-tools/vmconfig
VMCONFIG_BIN    := $(BUILD)/host-tools/vmconfig
VMCONFIG_OBJDIR := $(BUILD)/host-tools/vmconfig.obj
VMCONFIG_LIBSRC := $(addprefix $(VMCONFIG_DIR)/,vmconfig_parse.c vmconfig_dtb.c vmconfig_emit.c)
VMCONFIG_LIBOBJ := $(patsubst $(VMCONFIG_DIR)/%.c,$(VMCONFIG_OBJDIR)/%.o,$(VMCONFIG_LIBSRC))
VMCONFIG_HDRS   := $(wildcard $(VMCONFIG_DIR)/*.h) hypervisor/include/vm_config.h
VMCONFIG_CFLAGS := $(HOST_CFLAGS) -Ihypervisor/include -I$(VMCONFIG_DIR)
VMCONFIG_TEST   := $(BUILD)/tests/unit/test_vmconfig

$(VMCONFIG_OBJDIR)/%.o: $(VMCONFIG_DIR)/%.c $(VMCONFIG_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(VMCONFIG_CFLAGS) -c $< -o $@

$(VMCONFIG_BIN): $(VMCONFIG_OBJDIR)/vmconfig_main.o $(VMCONFIG_LIBOBJ)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_LDFLAGS) $^ -lfdt -o $@

# The test also runs the command and compiles the table it writes.
$(VMCONFIG_TEST): tests/unit/test_vmconfig.c $(VMCONFIG_LIBOBJ) $(VMCONFIG_HDRS) | $(VMCONFIG_BIN)
	@mkdir -p $(@D)
	$(HOST_CC) $(VMCONFIG_CFLAGS) -DVMCONFIG_TEST_BIN='"$(TOP)/$(VMCONFIG_BIN)"' \
	    -DVMCONFIG_TEST_INCLUDE='"$(TOP)/hypervisor/include"' \
	    $< $(VMCONFIG_LIBOBJ) $(HOST_LDFLAGS) -lfdt -lcmocka -o $@

ALL   += $(VMCONFIG_BIN)
TESTS += $(VMCONFIG_TEST)
