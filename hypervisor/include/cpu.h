/* The harts the hypervisor runs on. Each has a struct cpu, found through tp
 * (trap.S keeps it there while the hypervisor runs); everything else
 * (VMs, vCPUs, devices) is shared and touched only under the hypervisor
 * lock, which a hart holds from a guest's trap until it enters a guest again
 * (or goes idle). Guests run in parallel; the hypervisor's own work is
 * serialized, which keeps every handler as simple as on one hart. */
#ifndef CHIPVISOR_CPU_H
#define CHIPVISOR_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_CPUS 8
#define CPU_STACK_SIZE 16384

struct vcpu;

struct cpu {
    uint64_t stack_top;          /* offset 0: start.S and trap.S load sp from it */
    struct vcpu *loaded;         /* offset 8: whose VS-level CSRs the hart holds: the one it runs */
    uint32_t id;                 /* index in cpus[] (the order of the host DTB's cpus) */
    uint64_t hartid;
    bool online;                 /* runs the hypervisor */
    bool idle;                   /* waits in WFI with no vCPU (lock released) */
    bool kicked;                 /* the scheduler must look before the next guest entry */
    struct vcpu *fp_owner;       /* whose FP registers the hart holds */
    uint64_t slice_end;
    uint64_t host_timer_armed;
    uint32_t rr_next;            /* round-robin position in the run list */
    volatile uint64_t fence_ack; /* fence requests it has seen, up to this number */
    uint64_t ipis_in;            /* host IPIs taken */
    uint8_t stack[CPU_STACK_SIZE] __attribute__((aligned(16)));
};

extern struct cpu cpus[MAX_CPUS];
extern uint32_t cpu_count;

static inline struct cpu *this_cpu(void)
{
    struct cpu *c;
    __asm__ volatile("mv %0, tp" : "=r"(c));
    return c;
}

/* The hypervisor lock (test-and-test-and-set: see cpu.c for why not a ticket lock). */
void hv_lock(void);
void hv_unlock(void);

/* A host IPI: the hart traps out of its guest (or leaves WFI) and runs its
 * scheduler, which applies what other harts asked of it. */
void cpu_kick(struct cpu *c);
void cpu_kick_mask(uint64_t cpu_mask);
/* Something changed that this hart's scheduler must look at on the way out
 * of this trap (timers, device state, vCPU state); without it, a trap returns
 * straight to the vCPU that took it. */
static inline void cpu_resched(void)
{
    this_cpu()->kicked = true;
}

/* Host harts from the device tree; the boot hart starts the others (SBI HSM)
 * once the VMs exist. */
void cpu_init_boot(uint64_t hartid, const void *dtb);
void cpu_start_secondaries(void);
/* Per-hart CSR set-up (trap vector, delegation, interrupt enables). */
void cpu_setup_hart(void);

#endif
