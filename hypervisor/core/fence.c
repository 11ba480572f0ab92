/* Fences between harts (fence.h): request numbers, acks, and what each hart
 * owes each VM. */
#include "fence.h"
#include "cpu.h"
#include "csr.h"
#include "gstage.h"
#include "hext.h"
#include "vm.h"

static volatile uint64_t fence_seq;

uint64_t cpu_fence_request(void)
{
    return __atomic_add_fetch(&fence_seq, 1, __ATOMIC_SEQ_CST);
}

void cpu_fence_ack(void)
{
    __atomic_store_n(&this_cpu()->fence_ack, __atomic_load_n(&fence_seq, __ATOMIC_SEQ_CST),
                     __ATOMIC_RELEASE);
}

static bool all_acked(uint64_t cpu_mask, uint64_t seq)
{
    for (uint32_t i = 0; i < cpu_count; i++)
        if ((cpu_mask & (1UL << i)) && __atomic_load_n(&cpus[i].fence_ack, __ATOMIC_ACQUIRE) < seq)
            return false;
    return true;
}

void fence_apply_owed(struct cpu *c, struct vm *vm)
{
    uint8_t owed = vm->fence_pending[c->id];
    if (!owed)
        return;
    vm->fence_pending[c->id] = 0;
    if (owed & VM_FENCE_GVMA)
        gstage_flush_vmid(vm->vmid);
    else if (owed & VM_FENCE_VVMA)
        __asm__ volatile(H_INSN("hfence.vvma zero, zero") ::: "memory");
    if (owed & VM_FENCE_I)
        __asm__ volatile("fence.i" ::: "memory");
}

/* what other harts asked of this one while it waited: the fences its loaded
 * vCPU's VM is owed, then the ack */
static void apply_own(void)
{
    struct cpu *c = this_cpu();
    if (c->loaded)
        fence_apply_owed(c, c->loaded->vm);
    cpu_fence_ack();
}

void cpu_let_others_in(void)
{
    hv_unlock();
    for (int spin = 0; spin < 64; spin++)
        __asm__ volatile("nop");
    hv_lock();
    apply_own();
}

void cpu_fence_wait(uint64_t cpu_mask, uint64_t seq)
{
    while (!all_acked(cpu_mask, seq))
        cpu_let_others_in();
}

void vm_remote_fence(struct vcpu *caller, uint64_t targets, unsigned kind)
{
    struct vm *vm = caller->vm;
    struct cpu *me = this_cpu();
    uint64_t running = 0;
    (void)targets;      /* every hart that may hold the VM's entries is fenced: a superset */

    for (uint32_t i = 0; i < cpu_count; i++) {
        vm->fence_pending[i] |= (uint8_t)kind;
        struct vcpu *l = cpus[i].loaded;
        if (&cpus[i] != me && l && l->vm == vm)
            running |= 1UL << i;
    }
    fence_apply_owed(me, vm);
    if (running) {
        uint64_t seq = cpu_fence_request();
        cpu_kick_mask(running);
        cpu_fence_wait(running, seq);
    }
}
