/* The software walker's view of host memory, and instruction fetch from a
 * guest through it. PTE reads outside host RAM are access faults, as on a
 * hart; A/D updates use LR/SC so that they are atomic against the guest. */
#include "console.h"
#include "csr.h"
#include "hext.h"
#include "hva_hw.h"
#include "guest_mem.h"
#include "util.h"
#include "vm.h"
#include "xlate/xlate.h"

uint64_t host_ram_base, host_ram_end;

static bool in_ram(uint64_t hpa)
{
    return hpa >= host_ram_base && hpa + 8 <= host_ram_end && IS_ALIGNED(hpa, 8);
}

static int read64(void *ctx, uint64_t hpa, uint64_t *val)
{
    (void)ctx;
    if (!in_ram(hpa))
        return -1;
    *val = *(volatile uint64_t *)(uintptr_t)hpa;
    return 0;
}

static int cas64(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    (void)ctx;
    if (!in_ram(hpa))
        return -1;
    uint64_t prev, fail;
    __asm__ volatile("1: lr.d.aqrl %0, (%2)\n"
                     "   bne %0, %3, 2f\n"
                     "   sc.d.aqrl %1, %4, (%2)\n"
                     "   bnez %1, 1b\n"
                     "2:"
                     : "=&r"(prev), "=&r"(fail)
                     : "r"(hpa), "r"(expect), "r"(desired)
                     : "memory");
    *old = prev;
    return 0;
}

const struct xlate_mem host_mem = { .read64 = read64, .cas64 = cas64, .ctx = NULL };

/* the translation context of the loaded guest, as its hart would use it to fetch */
static void fetch_ctx(const struct vcpu *v, struct xlate_ctx *c)
{
    uint64_t vsstatus = csr_read(vsstatus);
    *c = (struct xlate_ctx){
        .vsatp = csr_read(vsatp),
        .hgatp = v->vm->hgatp,
        .virt = true,
        .user = !(v->regs.sstatus & SSTATUS_SPP),
        .sum = (vsstatus & SSTATUS_SUM) != 0,
        .vmxr = (vsstatus & SSTATUS_MXR) != 0,
        .mxr = false,
        .ad_mode = XLATE_AD_UPDATE,
    };
}

struct hva_walk_stats hva_walk_stats;
struct fetch_xcheck fetch_xcheck;

/* One guest translation by the path this machine has: the HVA walker where it
 * serves translations, else (and when it does not answer) the software
 * walker, the golden model. With the cross-check on (chipvisor.xcheck=on, or
 * chipvisor.hva.walker=on) the golden model walks beside the HVA and every
 * disagreement is counted and logged. Guests change their page tables without
 * telling anyone (a local sfence.vma does not trap), so the HVA's VS-stage
 * entries of the VM are dropped before a two-stage walk. */
bool guest_walk(const struct vm *vm, const struct xlate_ctx *c, uint64_t addr, int access, uint64_t *hpa)
{
    static struct xlate_result sw, hw;   /* large: not on the hypervisor stack */
    if (hva_hw_walker_on()) {
        if (c->virt)
            hva_hw_flush_vmid(vm->vmid);
        if (hva_hw_translate(c, addr, access, &hw)) {
            hva_walk_stats.walks++;
            if (fetch_xcheck.on) {
                xlate_translate(c, &host_mem, addr, (enum xlate_access)access, &sw);
                hva_walk_stats.checked++;
                if (hw.exc != sw.exc || (sw.exc == XLATE_EXC_NONE && hw.hpa != sw.hpa) ||
                    hw.htval != sw.htval) {
                    hva_walk_stats.disagreements++;
                    if (log_nth(hva_walk_stats.disagreements))
                        hv_log("vm %s: HVA walker and golden model disagree at 0x%lx: "
                               "HVA exc %u hpa 0x%lx htval 0x%lx, model exc %u hpa 0x%lx htval 0x%lx\n",
                               vm->cfg->name, addr, hw.exc, hw.hpa, hw.htval, sw.exc, sw.hpa, sw.htval);
                }
            }
            *hpa = hw.hpa;
            return hw.exc == XLATE_EXC_NONE;
        }
        hva_walk_stats.fallbacks++;
    }
    xlate_translate(c, &host_mem, addr, (enum xlate_access)access, &sw);
    *hpa = sw.hpa;
    return sw.exc == XLATE_EXC_NONE;
}

void guest_walk_report(void)
{
    if (!hva_walk_stats.walks && !hva_walk_stats.fallbacks)
        return;
    if (hva_walk_stats.checked)
        hv_log("HVA walker: %lu translations beside the golden model, %lu disagreements\n",
               hva_walk_stats.checked, hva_walk_stats.disagreements);
    hv_log("HVA walker: served %lu guest translations, %lu fell back to the software walker\n",
           hva_walk_stats.walks, hva_walk_stats.fallbacks);
}

static bool fetch_half(const struct vm *vm, const struct xlate_ctx *c, uint64_t gva, uint16_t *half)
{
    uint64_t hpa;
    if (!guest_walk(vm, c, gva, XLATE_EXEC, &hpa))
        return false;
    *half = *(volatile uint16_t *)(uintptr_t)hpa;
    return true;
}

bool guest_fetch_insn(const struct vcpu *v, uint64_t gva, uint32_t *insn)
{
    const struct vm *vm = v->vm;
    struct xlate_ctx c;
    uint16_t lo, hi = 0;
    fetch_ctx(v, &c);
    if (!fetch_half(vm, &c, gva, &lo))
        return false;
    if ((lo & 3) == 3 && !fetch_half(vm, &c, gva + 2, &hi))   /* may sit on the next page */
        return false;
    *insn = (uint32_t)hi << 16 | lo;
    return true;
}
