/* Host harts: discovery, start-up, the hypervisor lock, host IPIs and the
 * kicks that make a hart look at its scheduler again (cpu.h). */
#include "cpu.h"
#include "console.h"
#include "csr.h"
#include "fdt_min.h"
#include "sbi_defs.h"
#include "sbi_host.h"
#include "util.h"

struct cpu cpus[MAX_CPUS];
uint32_t cpu_count;

/* A test-and-test-and-set lock, not a ticket lock: QEMU runs more harts than
 * the host has cores, and a ticket lock hands the lock to the next hart in
 * line even when the host has descheduled that hart's thread, so every other
 * hart spins until it runs again (milliseconds each time); here whichever
 * hart is running takes it. */
static volatile uint32_t hv_lock_word;

void hv_lock(void)
{
    for (;;) {
        while (__atomic_load_n(&hv_lock_word, __ATOMIC_RELAXED))
            ;
        if (!__atomic_exchange_n(&hv_lock_word, 1, __ATOMIC_ACQUIRE))
            return;
    }
}

void hv_unlock(void)
{
    __atomic_store_n(&hv_lock_word, 0, __ATOMIC_RELEASE);
}

void cpu_kick(struct cpu *c)
{
    if (c == this_cpu()) {
        c->kicked = true;
        return;
    }
    sbi_host_call(SBI_EXT_IPI, 0, 1, c->hartid, 0);
}

void cpu_kick_mask(uint64_t cpu_mask)
{
    for (uint32_t i = 0; i < cpu_count; i++)
        if (cpu_mask & (1UL << i))
            cpu_kick(&cpus[i]);
}

/* hart ids from the /cpus/cpu@N nodes, in tree order */
void cpu_init_boot(uint64_t hartid, const void *dtb)
{
    uint64_t ids[MAX_CPUS];
    uint32_t n = fdt_cpu_hartids(dtb, ids, MAX_CPUS);
    bool found = false;

    if (n == 0) {
        ids[0] = hartid;
        n = 1;
    }
    for (uint32_t i = 0; i < n; i++) {
        struct cpu *c = &cpus[i];
        c->id = i;
        c->hartid = ids[i];
        c->stack_top = (uint64_t)(uintptr_t)(c->stack + CPU_STACK_SIZE);
        c->host_timer_armed = ~0UL;
        c->kicked = true;
        if (ids[i] == hartid) {
            found = true;
            c->online = true;
            __asm__ volatile("mv tp, %0" :: "r"(c));
        }
    }
    cpu_count = n;
    if (!found) {
        /* a tree that does not name the boot hart: run on it alone */
        cpus[0].hartid = hartid;
        cpus[0].online = true;
        cpu_count = 1;
        __asm__ volatile("mv tp, %0" :: "r"(&cpus[0]));
    }
}

void cpu_setup_hart(void)
{
    extern char trap_entry[];
    csr_write(stvec, (uint64_t)(uintptr_t)trap_entry);
    csr_write(sscratch, 0);
}

extern char _secondary_start[];

/* start.S: where a hart that entered at _start after the boot hart waits
 * for its struct cpu (indexed by hart id) */
extern struct cpu *volatile late_harts[MAX_CPUS];
_Static_assert(MAX_CPUS == 8, "start.S's late_harts has MAX_CPUS_ASM = 8 entries");

void cpu_start_secondaries(void)
{
    uint32_t started = 1;
    for (uint32_t i = 0; i < cpu_count; i++) {
        struct cpu *c = &cpus[i];
        if (c == this_cpu())
            continue;
        struct sbiret r = sbi_host_call(SBI_EXT_HSM, SBI_HSM_HART_START, c->hartid,
                                        (uint64_t)(uintptr_t)_secondary_start, (uint64_t)(uintptr_t)c);
        if (r.error == SBI_ERR_ALREADY_AVAILABLE && c->hartid < MAX_CPUS) {
            /* the firmware sent it to _start as well: it waits there */
            hv_log("hart %lu: came in at the boot entry too; it joins as a secondary\n", c->hartid);
            __atomic_store_n(&late_harts[c->hartid], c, __ATOMIC_RELEASE);
        } else if (r.error) {
            hv_log("hart %lu: SBI HSM start failed (%ld); it stays out\n", c->hartid, r.error);
            continue;
        }
        started++;
    }
    /* the timebase is 10 MHz on QEMU virt (and counts from power-on) */
    hv_log("SMP: %u hart(s) in the device tree, %u started; VMs ready %lu us after power-on\n",
           cpu_count, started, read_time() / 10);
}
