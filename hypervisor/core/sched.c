/* The scheduler and vCPU context switch. */
#include "sched.h"
#include "mmio.h"
#include "console.h"
#include "aia.h"
#include "csr.h"
#include "hva_hw.h"
#include "gstage.h"
#include "hext.h"
#include "input.h"
#include "platform.h"
#include "sbi_host.h"
#include "util.h"

/* the host timer also polls console input while every guest is idle */
#define IDLE_POLL_TICKS 10000       /* 1 ms */

static struct vm *loaded;           /* whose VS-level CSRs the hart holds */
static struct vm *fp_owner;         /* whose FP registers the hart holds */
static uint64_t slice_end;
static uint64_t host_timer_armed = ~0UL;
static bool kicked = true;

void fp_save(struct vcpu_fp *fp);
void fp_restore(const struct vcpu_fp *fp);
void vcpu_enter(struct vcpu_regs *regs) __attribute__((noreturn));

void sched_forget(struct vm *vm)
{
    kicked = true;
    if (loaded == vm)
        loaded = NULL;
    if (fp_owner == vm)
        fp_owner = NULL;
}

static void host_timer_set(uint64_t when)
{
    if (when == host_timer_armed)
        return;
    host_timer_armed = when;
    if (hart.sstc)
        csr_write(CSR_STIMECMP, when);
    else
        sbi_host_set_timer(when);
}

void sched_timer_irq(void)
{
    /* STIP stays set until the timer is moved into the future again */
    host_timer_armed = 0;
    kicked = true;
}

void sched_kick(void)
{
    kicked = true;
}

void vm_hvip_update(struct vm *vm, uint64_t mask, bool on)
{
    if (vm == loaded) {
        if (on)
            csr_set(hvip, mask);
        else
            csr_clear(hvip, mask);
    } else if (on) {
        vm->csr.hvip |= mask;
    } else {
        vm->csr.hvip &= ~mask;
    }
}

void vm_set_timer(struct vm *vm, uint64_t when)
{
    kicked = true;
    if (hart.sstc) {
        if (vm == loaded)
            csr_write(CSR_VSTIMECMP, when);   /* VSTIP follows it in hardware */
        else
            vm->csr.vstimecmp = when;
    } else {
        vm->timer_deadline = when;
        vm_hvip_update(vm, MIP_VSTIP, read_time() >= when);
    }
}

void vm_raise_soft_irq(struct vm *vm)
{
    vm_hvip_update(vm, MIP_VSSIP, true);
}

void vm_fence_i(struct vm *vm)
{
    (void)vm;
    __asm__ volatile("fence.i" ::: "memory");
}

void vm_flush_guest_tlb(struct vm *vm)
{
    /* hfence.vvma acts on the VMID in hgatp: this VM's when it is loaded */
    if (vm == loaded)
        __asm__ volatile(H_INSN("hfence.vvma zero, zero") ::: "memory");
    else
        gstage_flush_vmid(vm->vmid);  /* a superset: drops its VS-stage entries too */
}

bool vm_irq_pending(const struct vm *vm)
{
    bool live = vm == loaded;
    uint64_t hvip = live ? csr_read(hvip) : vm->csr.hvip;
    uint64_t vsie = live ? csr_read(vsie) : vm->csr.vsie;   /* VS view: bits 1, 5, 9 */
    uint64_t pending = 0;

    if (hvip & MIP_VSSIP)
        pending |= 1UL << 1;
    if (hvip & MIP_VSTIP)
        pending |= 1UL << 5;
    if ((hvip & MIP_VSEIP) || (vm->imsic_file && aia_file_pending(vm->imsic_file)))
        pending |= 1UL << 9;
    if (hart.sstc) {
        uint64_t cmp = live ? csr_read(CSR_VSTIMECMP) : vm->csr.vstimecmp;
        if (read_time() >= cmp)
            pending |= 1UL << 5;
    }
    return (pending & vsie) != 0;
}

static void save_vs_csrs(struct vm *vm)
{
    struct vcpu_csrs *c = &vm->csr;
    c->vsstatus = csr_read(vsstatus);
    c->vsie = csr_read(vsie);
    c->vstvec = csr_read(vstvec);
    c->vsscratch = csr_read(vsscratch);
    c->vsepc = csr_read(vsepc);
    c->vscause = csr_read(vscause);
    c->vstval = csr_read(vstval);
    c->vsatp = csr_read(vsatp);
    c->hvip = csr_read(hvip);
    if (hart.sstc)
        c->vstimecmp = csr_read(CSR_VSTIMECMP);
}

static void load_vs_csrs(struct vm *vm)
{
    const struct vcpu_csrs *c = &vm->csr;
    csr_write(hgatp, c->hgatp);
    if (!hart.vmid_bits)
        gstage_flush_all();
    csr_write(vsstatus, c->vsstatus);
    csr_write(vsie, c->vsie);
    csr_write(vstvec, c->vstvec);
    csr_write(vsscratch, c->vsscratch);
    csr_write(vsepc, c->vsepc);
    csr_write(vscause, c->vscause);
    csr_write(vstval, c->vstval);
    csr_write(vsatp, c->vsatp);
    csr_write(hvip, c->hvip);
    csr_write(henvcfg, c->henvcfg);
    csr_write(hcounteren, c->hcounteren);
    if (hart.sstc)
        csr_write(CSR_VSTIMECMP, c->vstimecmp);
}

static void switch_to(struct vm *next)
{
    if (loaded == next)
        return;
    if (loaded) {
        save_vs_csrs(loaded);
        if ((loaded->regs.sstatus & SSTATUS_FS) == SSTATUS_FS_DIRTY) {
            csr_set(sstatus, SSTATUS_FS_INITIAL);
            fp_save(&loaded->fp);
            loaded->regs.sstatus = (loaded->regs.sstatus & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
        }
    }
    if (fp_owner != next) {
        csr_set(sstatus, SSTATUS_FS_INITIAL);
        fp_restore(&next->fp);
        fp_owner = next;
    }
    load_vs_csrs(next);
    loaded = next;
    next->stats.switches_in++;
}

/* Software virtual timer (no Sstc): VSTIP follows the SBI set_timer
 * deadline. Timer-driven virtual devices count their expiries. */
static void update_soft_timers(uint64_t now)
{
    for (uint32_t i = 0; i < vm_count; i++) {
        struct vm *vm = &vms[i];
        if (vm->state == VM_STOPPED)
            continue;
        if (!hart.sstc && now >= vm->timer_deadline)
            vm_hvip_update(vm, MIP_VSTIP, true);
        vm_devices_advance(vm, now);
        vm_devices_poll_lines(vm);
    }
}

/* earliest moment an idle or running VM needs the hart for its own timer */
static uint64_t next_guest_timer(uint64_t now)
{
    uint64_t when = ~0UL;
    for (uint32_t i = 0; i < vm_count; i++) {
        const struct vm *vm = &vms[i];
        if (vm->state == VM_STOPPED)
            continue;
        uint64_t t = hart.sstc ? (vm == loaded ? csr_read(CSR_VSTIMECMP) : vm->csr.vstimecmp)
                               : vm->timer_deadline;
        if (t > now && t < when)
            when = t;
        t = vm_devices_next_event(vm);
        if (t > now && t < when)
            when = t;
    }
    return when;
}

static struct vm *pick_after(struct vm *cur)
{
    uint32_t start = cur ? cur->index + 1 : 0;
    for (uint32_t k = 0; k < vm_count; k++) {
        struct vm *vm = &vms[(start + k) % vm_count];
        if (vm->state == VM_RUNNABLE)
            return vm;
    }
    return NULL;
}

struct vm *sched_next(struct vm *cur)
{
    /* fast path: nothing happened that could change who runs or when the
     * host timer must fire (every timed event has the timer armed for it,
     * and console input is polled on timer interrupts) */
    if (!kicked && cur && cur->state == VM_RUNNABLE)
        return cur;
    kicked = false;
    for (;;) {
        uint64_t now = read_time();
        bool woke = false;

        update_soft_timers(now);
        input_poll();
        for (uint32_t i = 0; i < vm_count; i++) {
            if (vms[i].state == VM_IDLE && vm_irq_pending(&vms[i])) {
                vms[i].state = VM_RUNNABLE;
                woke = true;
            }
        }

        struct vm *next;
        if (cur && cur->state == VM_RUNNABLE && now < slice_end && !woke) {
            next = cur;
        } else {
            next = pick_after(cur);       /* round robin; cur itself comes last */
            if (next)
                slice_end = now + SCHED_SLICE_TICKS;
        }
        if (next) {
            uint64_t t = next_guest_timer(now);
            host_timer_set(t < slice_end ? t : slice_end);
            switch_to(next);
            return next;
        }

        bool any_alive = false;
        for (uint32_t i = 0; i < vm_count; i++)
            any_alive |= vms[i].state != VM_STOPPED;
        if (!any_alive)
            sched_finish();

        /* every VM waits: sleep until the next guest timer or input poll */
        uint64_t t = next_guest_timer(now);
        uint64_t poll = now + IDLE_POLL_TICKS;
        host_timer_set(t < poll ? t : poll);
        __asm__ volatile("wfi");
        cur = NULL;
    }
}

void sched_start(void)
{
    struct vm *first = sched_next(NULL);
    vcpu_enter(&first->regs);
}

void sched_finish(void)
{
    uint32_t bad = 0;
    hv_log("all VMs have stopped\n");
    for (uint32_t i = 0; i < vm_count; i++) {
        const struct vm *vm = &vms[i];
        if (vm->outcome != VM_OUTCOME_PASS)
            bad++;
        hv_log("  %-10s %-7s traps %lu, SBI calls %lu, MMIO exits %lu, WFI exits %lu, switches in %lu\n",
               vm->cfg->name, vm_outcome_name(vm->outcome), vm->stats.traps, vm->stats.sbi_calls,
               vm->stats.mmio_exits, vm->stats.wfi_exits, vm->stats.switches_in);
    }
    hv_log("result: %s (%u of %u VMs did not pass)\n", bad ? "FAIL" : "PASS", bad, vm_count);
    if (mmio_xcheck.on)
        hv_log("instruction fetch cross-check: %lu fetches by HLVX and the software walker, "
               "%lu disagreements\n", mmio_xcheck.fetches, mmio_xcheck.disagreements);
    if (hva_hw_walker_on())
        hv_log("HVA walker: %lu translations beside the golden model, %lu disagreements\n",
               hva_walk_stats.walks, hva_walk_stats.disagreements);
    hva_hw_shutdown();
    platform_exit((int)bad);
}
