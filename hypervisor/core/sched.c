/* The scheduler and the vCPU context switch. Every hart runs this loop
 * over one shared list of vCPUs (all VMs, in order), under the hypervisor
 * lock: round robin with a time slice from the hart's own host timer, pins
 * respected, WFI as a yield, wake-up on a vCPU's own interrupts. */
#include "sched.h"
#include "aia.h"
#include "console.h"
#include "cpu.h"
#include "csr.h"
#include "devices.h"
#include "fence.h"
#include "guest_mem.h"
#include "hext.h"
#include "hva_hw.h"
#include "input.h"
#include "irq_backend.h"
#include "platform.h"
#include "sbi_host.h"
#include "util.h"
#include "vcpu_ctx.h"
#include "vcpu_irq.h"

/* the boot hart also polls console input while every guest is idle */
#define IDLE_POLL_TICKS 10000       /* 1 ms */
#define MIP_SSIP (1UL << IRQ_S_SOFT)
#define MIP_SGEIP (1UL << 12)

void vcpu_enter(struct vcpu_regs *regs) __attribute__((noreturn));

/* the hart that runs the devices' timers and console input for every VM */
static struct cpu *housekeeper;

/* the run list: every vCPU of every VM that was created, in order */
static struct vcpu *run_list[MAX_VMS * VM_MAX_VCPUS];
static uint32_t run_count;

void sched_init(void)
{
    for (uint32_t i = 0; i < vm_count; i++)
        for (uint32_t k = 0; vms[i].created && k < vms[i].n_vcpus; k++)
            run_list[run_count++] = &vms[i].vcpus[k];
}

#define for_each_vcpu(v, k) \
    for (uint32_t k = 0; k < run_count && ((v) = run_list[k]) != NULL; k++)

static void host_timer_set(struct cpu *c, uint64_t when)
{
    if (when == c->host_timer_armed)
        return;
    c->host_timer_armed = when;
    if (hart.sstc)
        csr_write(CSR_STIMECMP, when);
    else
        sbi_host_set_timer(when);
}

void sched_timer_irq(void)
{
    /* STIP stays set until the timer is moved into the future again */
    this_cpu()->host_timer_armed = 0;
    this_cpu()->kicked = true;
}

void sched_ipi(void)
{
    csr_clear(sip, MIP_SSIP);
    this_cpu()->ipis_in++;
    this_cpu()->kicked = true;
}

/* ---- context switch ------------------------------------------------------ */

/* The hart gives back the vCPU it holds: its state goes to memory. */
static void unload(struct cpu *c)
{
    struct vcpu *v = c->loaded;
    if (!v)
        return;
    vcpu_hvip_apply_requests(v);
    vcpu_ctx_save(v);
    vcpu_ctx_save_fp(v);
    v->cpu = NULL;
    v->last_cpu = c;
    v->runnable_at = read_time();
    c->loaded = NULL;
    irq_vcpu_on_hart(v, v->state == VCPU_IDLE);   /* an idle one waits for its line */
}

static void switch_to(struct cpu *c, struct vcpu *next)
{
    if (c->loaded == next)
        return;
    unload(c);
    if (c->fp_owner != next || next->fp_cpu != c) {
        vcpu_ctx_load_fp(next);
        c->fp_owner = next;
        next->fp_cpu = c;
    }
    vcpu_ctx_load(next);
    next->cpu = c;
    c->loaded = next;
    irq_vcpu_on_hart(next, true);
    uint64_t waited = read_time() - next->runnable_at;
    if (waited > next->vm->stats.longest_wait)
        next->vm->stats.longest_wait = waited;
    /* the guest's own sfence.vma and fence.i on its last hart did not reach
     * this one: a vCPU that moved drops what this hart may still hold */
    if (next->last_cpu && next->last_cpu != c) {
        __asm__ volatile(H_INSN("hfence.vvma zero, zero") ::: "memory");
        __asm__ volatile("fence.i" ::: "memory");
        next->vm->stats.migrations++;
    }
    if (next->imsic_reset) {
        aia_reset_file(next->imsic_file);
        next->imsic_reset = false;
    }
    next->vm->stats.switches_in++;
}

/* ---- picking ------------------------------------------------------------- */

static bool can_run_on(const struct vcpu *v, const struct cpu *c)
{
    return v->vm->state == VM_RUNNABLE && v->state == VCPU_RUNNABLE &&
           (v->cpu == NULL || v->cpu == c) && (v->pin < 0 || v->pin == (int32_t)c->id);
}

/* the hart that watches an idle vCPU's own timer */
static struct cpu *home_of(const struct vcpu *v)
{
    if (v->pin >= 0)
        return &cpus[v->pin];
    return v->last_cpu ? v->last_cpu : housekeeper;
}

/* the 10 MHz timebase of QEMU virt */
#define TICKS_PER_SECOND 10000000UL

static uint64_t watchdog_deadline(const struct vm *vm)
{
    return vm->progress_at + vm->cfg->watchdog_s * TICKS_PER_SECOND;
}

#define HEALTH_LATE_TICKS    (TICKS_PER_SECOND / 100)   /* 10 ms */

/* An idle vCPU whose interrupt is due must have been woken by whoever made
 * it due; one found still asleep is a missed wake-up: counted, logged
 * (rate-limited) and woken, so a bug there costs latency, not a hung guest. */
static void health_check(uint64_t now)
{
    struct vcpu *v;
    for_each_vcpu(v, k) {
        if (v->cpu || v->vm->state != VM_RUNNABLE || v->state != VCPU_IDLE || !vcpu_irq_pending(v))
            continue;
        /* its home hart's timer may just not have fired yet: only a wake-up
         * overdue by HEALTH_LATE_TICKS is a missed one */
        uint64_t due = hart.sstc ? v->csr.vstimecmp : v->timer_deadline;
        bool timer_only = !(v->csr.hvip & (MIP_VSSIP | MIP_VSEIP)) && !v->hvip_set;
        if (timer_only && (now < due || now - due < HEALTH_LATE_TICKS))
            continue;
        if (log_nth(++v->vm->stats.late_wakes))
            hv_log("vm %s: vCPU %u idle with a due interrupt (hvip %lx, timer due %lu us ago): "
                   "woken late (%lu times)\n", v->vm->cfg->name, v->id, v->csr.hvip | v->hvip_set,
                   now > due ? (now - due) / (TICKS_PER_SECOND / 1000000) : 0UL,
                   v->vm->stats.late_wakes);
        vcpu_resume(v);
    }
}

/* Software virtual timers (no Sstc) of the vCPUs this hart may touch, and
 * (on the housekeeping hart) every VM's timer-driven devices. */
static void update_timers(struct cpu *c, uint64_t now)
{
    struct vcpu *v;
    if (!hart.sstc) {
        for_each_vcpu(v, k)
            if (v->vm->state == VM_RUNNABLE && (v->cpu == c || v->cpu == NULL) &&
                now >= v->timer_deadline)
                vcpu_hvip_update(v, MIP_VSTIP, true);
    }
    if (c != housekeeper)
        return;
    vm_zero_step();                     /* a resetting VM boots even when every hart is busy */
    static uint64_t flushed_at;
    if (now - flushed_at >= CONSOLE_FLUSH_TICKS) {
        console_flush_partial(now);
        flushed_at = now;
    }
    health_check(now);
    for (uint32_t i = 0; i < vm_count; i++) {
        struct vm *vm = &vms[i];
        if (vm->state == VM_STOPPED)
            continue;
        vm_devices_advance(vm, now);
        irq_poll(vm);
        if (vm->cfg->watchdog_s && now >= watchdog_deadline(vm)) {
            char why[96];
            hv_snprintf(why, sizeof(why), "watchdog: no SBI call, device access or WFI for %u s",
                        vm->cfg->watchdog_s);
            vm_stop(vm, VM_OUTCOME_KILLED, why);
        }
    }
}

/* earliest moment this hart must look again for a timer it watches */
static uint64_t next_event(struct cpu *c, uint64_t now)
{
    uint64_t when = ~0UL;
    struct vcpu *v;
    for_each_vcpu(v, k) {
        if (v->vm->state != VM_RUNNABLE || v->state == VCPU_STOPPED)
            continue;
        uint64_t t = ~0UL;
        if (v->cpu == c && !hart.sstc)
            t = v->timer_deadline;                 /* the one it runs: VSTIP by hand */
        else if (v->cpu == NULL && v->state == VCPU_IDLE && home_of(v) == c)
            t = hart.sstc ? v->csr.vstimecmp : v->timer_deadline;
        if (t > now && t < when)
            when = t;
    }
    if (c == housekeeper) {
        for (uint32_t i = 0; i < vm_count; i++) {
            if (vms[i].state == VM_STOPPED)
                continue;
            uint64_t t = vm_devices_next_event(&vms[i]);
            if (t > now && t < when)
                when = t;
            t = vms[i].cfg->watchdog_s ? watchdog_deadline(&vms[i]) : ~0UL;
            if (t > now && t < when)
                when = t;
        }
    }
    return when;
}

static struct vcpu *pick(struct cpu *c, struct vcpu *cur, uint64_t now, bool woke)
{
    if (cur && can_run_on(cur, c) && now < c->slice_end && !woke)
        return cur;
    /* round robin over the shared list; the current one comes last */
    uint32_t n = run_count;
    for (uint32_t step = 1; step <= n; step++) {
        uint32_t k = (c->rr_next + step) % n;
        struct vcpu *v = run_list[k];
        if (v && can_run_on(v, c) && (v != cur || step == n)) {
            c->rr_next = k;
            c->slice_end = now + SCHED_SLICE_TICKS;
            return v;
        }
    }
    if (cur && can_run_on(cur, c)) {
        c->slice_end = now + SCHED_SLICE_TICKS;
        return cur;
    }
    return NULL;
}

static bool any_vm_alive(void)
{
    for (uint32_t i = 0; i < vm_count; i++)
        if (vms[i].state != VM_STOPPED || vms[i].zeroing)
            return true;
    return false;
}

/* the guest lines of idle vCPUs this hart sees: their interrupts end its WFI */
static uint64_t idle_guest_files(struct cpu *c)
{
    uint64_t files = 0;
    struct vcpu *v;
    for_each_vcpu(v, k)
        if (v->hgei && vcpu_sees_line(v, c) && v->state == VCPU_IDLE)
            files |= 1UL << v->hgei;
    return files;
}

static void idle_wait(struct cpu *c, uint64_t now)
{
    uint64_t t = next_event(c, now);
    uint64_t poll = now + IDLE_POLL_TICKS;
    host_timer_set(c, c == housekeeper && t > poll ? poll : t);
    uint64_t files = idle_guest_files(c);
    if (files) {
        csr_write(hgeie, files);
        csr_set(sie, MIP_SGEIP);
    }
    console_flush_partial(now);       /* a prompt waits for input: show it */
    c->idle = true;
    hv_unlock();
    __asm__ volatile("wfi");
    hv_lock();
    c->idle = false;
    if (files) {
        csr_clear(sie, MIP_SGEIP);
        csr_write(hgeie, 0);
    }
    if (csr_read(sip) & MIP_SSIP)
        sched_ipi();
    if (csr_read(sip) & MIP_STIP)
        c->host_timer_armed = 0;
}

static struct vcpu *sched_pass(struct cpu *c, struct vcpu *cur);

struct vcpu *sched_next(struct vcpu *cur)
{
    struct cpu *c = this_cpu();

    /* fast path: nothing happened that could change who runs or when the
     * host timer must fire (every timed event has the timer armed for it,
     * requests from other harts come with an IPI, and console input is
     * polled on timer interrupts); the full pass is a function of its own so
     * that this one saves no registers */
    if (!c->kicked && cur && cur->cpu == c && can_run_on(cur, c)) {
        vcpu_hvip_apply_requests(cur);
        return cur;
    }
    return sched_pass(c, cur);
}

static struct vcpu * __attribute__((noinline)) sched_pass(struct cpu *c, struct vcpu *cur)
{
    c->kicked = false;
    for (;;) {
        uint64_t now = read_time();
        bool woke = false;
        struct vcpu *v;

        update_timers(c, now);
        if (c == housekeeper)
            input_poll();
        for_each_vcpu(v, k)
            if ((v->cpu == NULL || v->cpu == c) && vcpu_wake_if_pending(v))
                woke |= can_run_on(v, c);

        struct vcpu *next = pick(c, cur, now, woke);
        if (next) {
            switch_to(c, next);
            fence_apply_owed(c, next->vm);
            vcpu_hvip_apply_requests(next);
            cpu_fence_ack();
            /* after the switch: the vCPU just put down may be idle with a
             * timer this hart now watches */
            uint64_t t = next_event(c, now);
            host_timer_set(c, t < c->slice_end ? t : c->slice_end);
            return next;
        }
        unload(c);
        cpu_fence_ack();
        if (vm_zero_step()) {           /* nothing to run: clear a resetting VM's RAM */
            cur = NULL;
            continue;
        }
        if (!any_vm_alive() && c == housekeeper)
            sched_finish();
        idle_wait(c, now);
        cur = NULL;
    }
}

/* Entered with the lock held; the guest runs with it released. */
void sched_start(void)
{
    if (!housekeeper)
        housekeeper = this_cpu();
    /* the round robin starts at the first vCPU of the first VM */
    this_cpu()->rr_next = run_count ? run_count - 1 : 0;
    struct vcpu *first = sched_next(NULL);
    hv_unlock();
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
        hv_log("  %-10s %-7s traps %lu, SBI calls %lu, MMIO exits %lu, WFI exits %lu, switches in %lu, "
               "IPIs %lu, moves %lu, late wake-ups %lu\n",
               vm->cfg->name, vm_outcome_name(vm->outcome), vm->stats.traps, vm->stats.sbi_calls,
               vm->stats.mmio_exits, vm->stats.wfi_exits, vm->stats.switches_in, vm->stats.ipis,
               vm->stats.migrations, vm->stats.late_wakes);
        if (cpu_count > 1)
            hv_log("  %-10s longest wait of a runnable vCPU for a hart: %lu us\n", vm->cfg->name,
                   vm->stats.longest_wait / (TICKS_PER_SECOND / 1000000));
    }
    hv_log("result: %s (%u of %u VMs did not pass)\n", bad ? "FAIL" : "PASS", bad, vm_count);
    if (fetch_xcheck.fetches)           /* (where the HVA walker reads them, guest_walk_report) */
        hv_log("instruction fetch cross-check: %lu fetches by HLVX and the software walker, "
               "%lu disagreements\n", fetch_xcheck.fetches, fetch_xcheck.disagreements);
    guest_walk_report();
    hva_hw_shutdown();
    platform_exit((int)bad);
}
