# formal/: bounded proofs (make formal; each proof is also a test in TESTS).
#   vic          rtl/vic/vic.sv's own assertions (legal states, best id
#                pending, forward only to an idle target, no edge lost, one
#                set per cycle, the claim answer) and formal/vic_fv.sv's bus
#                rules; 2 guests, 4 ids, 2 sources, 2 contexts, 1 priority
#                bit; Yosys SAT
#   hva_walker   the walker (formal/hva_walker_fv.sv: one engine, caches off,
#                Bare/Sv39/Sv39x4, any PTEs, any legal slave timing): AXI
#                valid held / payload stable / one transaction at a time /
#                single aligned beats, the answer held, the walk bound (reads
#                <= (n+1)(m+1)-1 without A/D updates; at most 2 cycles from a
#                memory response to the next request or the answer)
#   hva_axi_arb  the AXI4 handshake rules on the HVA's master port
#                (rtl/hva/hva_axi_arb.sv): valid held until ready, payload
#                stable, one master per handshake
# Engine: Yosys' SAT (seconds). FV_ENGINE=smtbmc runs the same proofs with
# yosys-smtbmc and z3 instead (minutes: z3 4.8 is slow on these models).
# Each proof is a script $(BUILD)/formal/prove_<name> (formal/prove.sh).
FORMAL_DIR := $(BUILD)/formal
# 14: with two contexts per guest file the VIC's SAT problem grows fast (depth
# 14 about 70 s of CPU, depth 20 over 15 minutes)
FV_VIC_DEPTH ?= 14
FV_ARB_DEPTH ?= 12
FV_WALKER_DEPTH ?= 8
FV_VIC_SRC = $(BUILD)/rtl/hva/hva_regs_pkg.sv rtl/vic/vic_lutram.sv rtl/vic/vic_arbiter.sv rtl/vic/vic.sv formal/vic_fv.sv
FV_ARB_SRC = rtl/walker/walker_pkg.sv rtl/hva/hva_axi_arb.sv formal/hva_axi_arb_fv.sv
# (rtl/walker/walker.mk is read after this file: its list is not known yet)
FV_WALKER_SRC = rtl/walker/walker_pkg.sv $(filter-out rtl/walker/walker_pkg.sv,$(sort $(wildcard rtl/walker/*.sv))) \
                formal/hva_walker_fv.sv

# $(1) name, $(2) engine, $(3) top, $(4) depth, $(5) sources
define FORMAL_PROOF
$(FORMAL_DIR)/prove_$(1): $(5) formal/prove.sh formal/formal.mk
	@mkdir -p $$(@D)
	@printf '#!/bin/sh\nexec %s/formal/prove.sh %s %s %s %s/%s/run_%s %s\n' \
	    "$(TOP)" $(2) $(3) $(4) "$(TOP)" "$(FORMAL_DIR)" $(1) "$(addprefix $(TOP)/,$(5))" >$$@
	@chmod +x $$@
FORMAL_PROOFS += $(FORMAL_DIR)/prove_$(1)
endef
FORMAL_PROOFS :=
FV_ENGINE ?= sat
$(eval $(call FORMAL_PROOF,vic,$(FV_ENGINE),vic_fv,$(FV_VIC_DEPTH),$(FV_VIC_SRC)))
$(eval $(call FORMAL_PROOF,hva_axi_arb,$(FV_ENGINE),hva_axi_arb_fv,$(FV_ARB_DEPTH),$(FV_ARB_SRC)))
$(eval $(call FORMAL_PROOF,hva_walker,$(FV_ENGINE),hva_walker_fv,$(FV_WALKER_DEPTH),$(FV_WALKER_SRC)))

.PHONY: formal
formal: $(FORMAL_PROOFS)
	@set -e; for p in $(FORMAL_PROOFS); do $$p; done

ALL   += $(FORMAL_PROOFS)
TESTS += $(FORMAL_PROOFS)
