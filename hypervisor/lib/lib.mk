# hypervisor/lib: the libraries, one folder each, grouped by role:
#   vdev/    virtual devices the hypervisor emulates: vuart vplic vaplic vtick virtio
#   driver/  drivers of real hardware: hva (the HVA's register block)
#   model/   golden models: xlate (two-stage translation), vic_model (rtl/vic, cycle by cycle)
#   decode/  runtime decoders: mmio_decode (the trapped load/store)
# Code includes "<lib>/<header>.h": one -I per role folder (HV_LIB_INC).
#
# Each library is declared by one $(call hv_lib,...) line at the end, which
# builds it once per target and gives it the same rules:
#   $(BUILD)/obj-rv/hypervisor/lib/<role>/<lib>/*.c.o    freestanding RISC-V objects (the hypervisor's
#                                    pattern rule in hypervisor/hypervisor.mk): linked into the
#                                    hypervisor when HV says so, checked by lint-lib-<lib>
#   $(BUILD)/obj-host/hypervisor/lib/<role>/<lib>/*.c.o  host objects (ASan/UBSan) for unit tests
#   $(BUILD)/tests/unit/test_<lib>   tests/unit/test_<lib>.c against the host objects (cmocka)
#   lint-lib-<lib>                   the RISC-V objects linked together (ld -r) leave no symbol
#                                    undefined but those UNDEF allows
# and the variables <P>_SRC <P>_HDR <P>_RV_OBJS <P>_HOST_OBJS <P>_TEST for other fragments
# (sim/ and tests/ read them: every hypervisor/ fragment is read before theirs).

HV_LIB_ROLES := vdev driver model decode
HV_LIB_INC   := $(HV_LIB_ROLES:%=-Ihypervisor/lib/%)
HV_LIB_RV_OBJS :=     # what the hypervisor links (hypervisor.mk reads it late)
HV_LIB_DEPS    :=
# the HVA register header is generated (rtl/hva/hva.mk, read after this file:
# named here too, or the rules below would see it empty)
HVA_GEN_DIR  := $(BUILD)/rtl/hva
HVA_REGS_H   := $(HVA_GEN_DIR)/hva_regs.h

# host objects: the flags of the host tests, the hypervisor's include paths
$(BUILD)/obj-host/%.c.o: %.c | $(HVA_REGS_H)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(HV_INC) $(HV_LIB_TEST_INC) -MMD -MP -c $< -o $@

# $(call hv_lib,P,DIR,HV,UNDEF,TEST_LINK,TEST_INC)
#   P          variable prefix (P_SRC, P_RV_OBJS, ...)
#   DIR        <role>/<lib> under hypervisor/lib; the last part names the test and the lint
#   HV         non-empty: the hypervisor links the library
#   UNDEF      what its freestanding objects may leave undefined, as an ERE (memcpy|memset)
#   TEST_LINK  more objects its unit test links (other libraries' host objects, sim/ models)
#   TEST_INC   more -I for its unit test's own source
define hv_lib
$(1)_SRC       := $$(wildcard hypervisor/lib/$(2)/*.c)
$(1)_HDR       := $$(wildcard hypervisor/lib/$(2)/*.h)
$(1)_RV_OBJS   := $$($(1)_SRC:%=$$(BUILD)/obj-rv/%.o)
$(1)_HOST_OBJS := $$($(1)_SRC:%=$$(BUILD)/obj-host/%.o)
$(1)_TEST      := $$(BUILD)/tests/unit/test_$(notdir $(2))
$(1)_TEST_OBJ  := $$(BUILD)/obj-host/tests/unit/test_$(notdir $(2)).c.o
HV_LIB_RV_OBJS += $(if $(3),$$($(1)_RV_OBJS))
HV_LIB_DEPS    += $$($(1)_RV_OBJS:.o=.d) $$($(1)_HOST_OBJS:.o=.d) $$($(1)_TEST_OBJ:.o=.d)

$$($(1)_TEST_OBJ): HV_LIB_TEST_INC := $(6)
$$($(1)_TEST): $$($(1)_TEST_OBJ) $$($(1)_HOST_OBJS) $(5)
	@mkdir -p $$(@D)
	$$(HOST_CC) -o $$@ $$^ $$(HOST_LDFLAGS) -lcmocka

.PHONY: lint-lib-$(notdir $(2))
lint-lib-$(notdir $(2)): $$($(1)_RV_OBJS)
	@mkdir -p $$(BUILD)/lint
	$$(CROSS)ld -r -o $$(BUILD)/lint/$(notdir $(2)).o $$^
	@undef=$$$$($$(CROSS)nm -u $$(BUILD)/lint/$(notdir $(2)).o | awk '{print $$$$2}' | \
	         grep -vxE '$(4)' || true); \
	 if [ -n "$$$$undef" ]; then echo "$(notdir $(2)): undefined symbols:" $$$$undef; exit 1; fi

ALL   += $$($(1)_TEST) $$($(1)_RV_OBJS)
TESTS += $$($(1)_TEST)
LINTS += lint-lib-$(notdir $(2))
endef

# libc the hypervisor provides (hypervisor/core/string.c)
HV_LIB_LIBC := memcpy|memset|memcmp

$(eval $(call hv_lib,XLATE,model/xlate,hv,$(HV_LIB_LIBC)))
$(eval $(call hv_lib,VIC_MODEL,model/vic_model,,))
VIC_MODEL_HDR += $(HVA_REGS_H)     # vic_layout.h takes its values from the register map
$(eval $(call hv_lib,MMIO_DECODE,decode/mmio_decode,hv,$(HV_LIB_LIBC)))
$(eval $(call hv_lib,VUART,vdev/vuart,hv,$(HV_LIB_LIBC)))
$(eval $(call hv_lib,VPLIC,vdev/vplic,hv,$(HV_LIB_LIBC)))
$(eval $(call hv_lib,VAPLIC,vdev/vaplic,hv,$(HV_LIB_LIBC)))
$(eval $(call hv_lib,VTICK,vdev/vtick,hv,$(HV_LIB_LIBC)))
$(eval $(call hv_lib,VIRTIO,vdev/virtio,hv,$(HV_LIB_LIBC)))
# the driver's test: against a fake device (sim/hva/hva_mem.c) over the xlate model
$(eval $(call hv_lib,HVA,driver/hva,hv,,$(BUILD)/obj-host/sim/hva/hva_mem.c.o $(XLATE_HOST_OBJS),-Isim/hva))
HVA_HDR += $(HVA_REGS_H)

-include $(HV_LIB_DEPS)
