/* Guest translations and instruction fetches as the hypervisor needs them
 * (core/guest_mem.c): by the HVA walker where it serves translations, else
 * by the software walker (lib/model/xlate, the golden model). */
#ifndef CHIPVISOR_GUEST_MEM_H
#define CHIPVISOR_GUEST_MEM_H
#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

/* One guest translation (GVA with c->virt, else GPA); false on any fault.
 * `access`: enum xlate_access. */
struct xlate_ctx;
bool guest_walk(const struct vm *vm, const struct xlate_ctx *c, uint64_t addr, int access, uint64_t *hpa);
/* The instruction at a guest virtual address, read through the vCPU's own
 * translation (vsatp over hgatp) by guest_walk; false on any fault. */
bool guest_fetch_insn(const struct vcpu *v, uint64_t gva, uint32_t *insn);

/* walks the HVA served, how many the golden model checked and how many of
 * those disagreed, and how many went to the software walker instead */
struct hva_walk_stats {
    uint64_t walks, checked, disagreements, fallbacks;
};
extern struct hva_walk_stats hva_walk_stats;
/* the walker's figures at the end of the run (nothing without an HVA walker) */
void guest_walk_report(void);

/* The device exit reads the trapping instruction with the hart's HLVX. With
 * the cross-check on (boot option chipvisor.xcheck=on, or the HVA walker on),
 * the software walker reads it too, and every disagreement is counted (and
 * logged, rate-limited). */
struct fetch_xcheck {
    bool on;
    uint64_t fetches, disagreements;
};
extern struct fetch_xcheck fetch_xcheck;

/* host memory for the software walker (faked in host tests) */
struct xlate_mem;
extern const struct xlate_mem host_mem;
extern uint64_t host_ram_base, host_ram_end;

#endif
