/* Fences between harts. A vCPU's guest may fence (RFENCE) its VM's entries
 * on harts that run other vCPUs of it, and a VM's reset or a vCPU's move
 * leaves stale entries behind: the harts running the VM now are asked (IPI)
 * and the asker waits, lock released, until each has taken every request up
 * to then; harts not running it fence lazily, before they next run it
 * (struct vm.fence_pending). */
#ifndef CHIPVISOR_FENCE_H
#define CHIPVISOR_FENCE_H
#include <stdint.h>

struct vm;
struct vcpu;
struct cpu;

/* A new request number; every hart that later acks has seen it. */
uint64_t cpu_fence_request(void);
/* This hart has seen every request so far (the lock held, on the way into a
 * guest, after fence_apply_owed). */
void cpu_fence_ack(void);
/* Returns, the lock held, once every hart in the mask has acked `seq`. */
void cpu_fence_wait(uint64_t cpu_mask, uint64_t seq);
/* For a hart that waits on others with the lock held: the lock is given up a
 * moment (their work needs it), then fences asked of this hart meanwhile are
 * taken -- two harts waiting on each other both go on. */
void cpu_let_others_in(void);

/* The fences hart `c` owes `vm`, done now (its VMID is in hgatp). */
void fence_apply_owed(struct cpu *c, struct vm *vm);
/* Remote fences for the vCPUs in `targets` (bit = vCPU id), on every hart
 * that may hold their state; returns when every running one has done it.
 * `kind`: VM_FENCE_*; VVMA with a range/ASID narrows nothing yet but is
 * fenced as the whole VMID (a superset is correct). */
void vm_remote_fence(struct vcpu *caller, uint64_t targets, unsigned kind);

#endif
