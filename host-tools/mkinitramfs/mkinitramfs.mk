# host-tools/mkinitramfs: list file (gen_init_cpio style) -> cpio newc archive.
#   $(BUILD)/host-tools/mkinitramfs <list> <out.cpio>
#   $(BUILD)/tests/unit/test_mkinitramfs   (cmocka; also lists the output with cpio)
MKINITRAMFS_DIR    := host-tools/mkinitramfs
MKINITRAMFS_BIN    := $(BUILD)/host-tools/mkinitramfs
MKINITRAMFS_OBJDIR := $(BUILD)/host-tools/mkinitramfs.obj
MKINITRAMFS_LIBOBJ := $(MKINITRAMFS_OBJDIR)/mkinitramfs.o
MKINITRAMFS_TEST   := $(BUILD)/tests/unit/test_mkinitramfs

$(MKINITRAMFS_OBJDIR)/%.o: $(MKINITRAMFS_DIR)/%.c $(MKINITRAMFS_DIR)/mkinitramfs.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(MKINITRAMFS_DIR) -c $< -o $@

$(MKINITRAMFS_BIN): $(MKINITRAMFS_OBJDIR)/mkinitramfs_main.o $(MKINITRAMFS_LIBOBJ)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_LDFLAGS) $^ -o $@

$(MKINITRAMFS_TEST): tests/unit/test_mkinitramfs.c $(MKINITRAMFS_LIBOBJ) $(MKINITRAMFS_DIR)/mkinitramfs.h | $(MKINITRAMFS_BIN)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(MKINITRAMFS_DIR) -DMKINITRAMFS_TEST_BIN='"$(TOP)/$(MKINITRAMFS_BIN)"' \
	    $< $(MKINITRAMFS_LIBOBJ) $(HOST_LDFLAGS) -lcmocka -o $@

ALL   += $(MKINITRAMFS_BIN)
TESTS += $(MKINITRAMFS_TEST)
