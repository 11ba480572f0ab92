/* A running VM: its configuration, memory, G-stage tables, its vCPUs and its
 * virtual devices. Every hart runs vCPUs (sched.c); all of this is shared
 * between harts under the hypervisor lock (cpu.h). */
#ifndef CHIPVISOR_VM_H
#define CHIPVISOR_VM_H

#include <stdint.h>
#include <stdbool.h>
#include "vm_config.h"
#include "vuart/vuart.h"
#include "vplic/vplic.h"
#include "vtick/vtick.h"
#include "virtio/virtio_blk.h"
#include "virtio/virtio_console.h"
#include "vaplic/vaplic.h"
#include "cpu.h"

#define MAX_VMS 8

/* Saved on every trap from the guest (layout known to trap.S). */
struct vcpu_regs {
    uint64_t x[32];      /* x[0] unused */
    uint64_t sepc;       /* 256 */
    uint64_t sstatus;    /* 264: SPP = guest privilege, FS */
    uint64_t hstatus;    /* 272 */
    uint64_t scause;     /* 280 */
    uint64_t stval;      /* 288 */
    uint64_t htval;      /* 296 */
    uint64_t htinst;     /* 304 */
    struct cpu *cpu;     /* 312: the hart running it; trap.S puts it in tp */
};

/* Switched only when another vCPU takes the hart. */
struct vcpu_fp {
    uint64_t f[32];
    uint64_t fcsr;
};

struct vcpu_csrs {
    uint64_t vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
    uint64_t vstimecmp;  /* Sstc */
    uint64_t hvip, hie, henvcfg, hgatp, hcounteren;
};

/* A vCPU's SBI HSM state, as the scheduler sees it. */
enum vcpu_state {
    VCPU_STOPPED,        /* HSM stopped (or its VM is) */
    VCPU_RUNNABLE,
    VCPU_IDLE,           /* in WFI or an HSM suspend until an interrupt */
};

enum vm_state {
    VM_RUNNABLE,         /* started: its vCPUs follow their own states */
    VM_STOPPED,
};

enum vm_outcome {
    VM_OUTCOME_RUNNING,
    VM_OUTCOME_PASS,     /* SRST shutdown, reason "none" */
    VM_OUTCOME_FAIL,     /* SRST shutdown, reason "system failure" (or other) */
    VM_OUTCOME_KILLED,   /* stopped by the hypervisor for misbehaving */
};

#define VM_INPUT_RING 256

struct vm_stats {
    uint64_t traps, sbi_calls, mmio_exits, timer_irqs, wfi_exits, switches_in, ipis, migrations;
    uint64_t bad_regs;        /* accesses to registers a device lacks (logged 1, 2, 4, 8, ...) */
    uint64_t host_irqs;       /* traps that were the hypervisor's own interrupts (timer, IPI) */
    uint64_t longest_wait;    /* ticks a runnable vCPU waited for a hart, at most */
    uint64_t late_wakes;      /* idle vCPUs found with a due interrupt by the health check */
};

struct vm;
struct irq_backend;

/* One virtual hart of a VM. Its registers live here while it is not on a
 * hart; `cpu` (non-NULL) is the hart that holds its CSRs and runs it. */
struct vcpu {
    struct vcpu_regs regs;           /* first: trap.S finds the vCPU from it */
    struct vcpu_fp fp;
    struct vcpu_csrs csr;
    struct vm *vm;
    uint32_t id;                     /* the guest's hart id */
    int32_t pin;                     /* host hart index, or -1: any */
    enum vcpu_state state;
    struct cpu *cpu;                 /* holds it now (NULL: its state is all in here) */
    struct cpu *last_cpu;            /* ran it last: a move to another one fences */
    struct cpu *fp_cpu;              /* whose FP registers are its live copy */
    uint64_t timer_deadline;         /* without Sstc: when VSTIP is raised */
    uint64_t hvip_set, hvip_clear;   /* asked by other harts while it runs */
    uint64_t runnable_at;            /* when it last became runnable off any hart */
    bool hsm_suspended;              /* idle by an HSM suspend (status SUSPENDED), not WFI */
    bool resume_nonretentive;        /* HSM non-retentive suspend: resume at resume_addr */
    uint64_t resume_addr, resume_opaque;
    uint32_t imsic_file;             /* AIA guest interrupt file on its pinned hart (0: none) */
    /* its guest external interrupt line (hstatus.VGEIN, an hgeip bit; 0: none):
     * its IMSIC file, or its VM's HVA VIC guest output; seen on its pinned
     * hart, or on every hart when it has no pin */
    uint32_t hgei;
    bool imsic_reset;                /* its file must be cleared by its hart before it runs */
};

struct vm {
    struct vcpu vcpus[VM_MAX_VCPUS];
    uint32_t n_vcpus;
    const struct vm_config *cfg;
    uint32_t index;
    uint16_t vmid;
    uint64_t ram_hpa;                /* host-physical base of the guest RAM */
    uint64_t *gstage_root;
    uint64_t hgatp;                  /* its G-stage root and VMID, on every hart */
    enum vm_state state;
    enum vm_outcome outcome;
    bool resetting;                  /* a reset or stop waits for its vCPUs to leave their harts */
    bool created;                    /* has its memory and tables: its vCPUs are scheduled */
    bool booted;                     /* started before: a reset clears its RAM */
    bool zeroing;                    /* a reset clears its RAM before it boots again */
    uint64_t zero_next;              /* offset of the next chunk to clear */
    uint32_t zero_busy;              /* chunks harts are clearing now */
    uint64_t progress_at;            /* time of its last request (watchdog) */
    uint8_t fence_pending[MAX_CPUS]; /* VM_FENCE_* bits each hart owes before it runs this VM */
    struct vuart uart;
    struct vplic plic;
    struct vtick tick;
    struct virtio_blk blk;           /* over cfg->disk */
    struct virtio_console vcon;
    struct vaplic aplic;             /* wired lines -> MSIs into the vCPUs' IMSIC files */
    const struct vm_device_config *uart_dev, *plic_dev, *tick_dev, *imsic_dev;
    const struct vm_device_config *blk_dev, *vcon_dev, *aplic_dev;
    uint32_t vic_file;               /* HVA VIC guest file + 1 serving its PLIC (0: software vPLIC) */
    bool vic_direct;                 /* the file's pages in its G-stage, its output on hgeip */
    uint32_t vic_src_uart, vic_src_tick;   /* its devices' physical sources at the VIC */
    bool uart_line, tick_line, blk_line, vcon_line;   /* device interrupt levels, for MSI edges */
    uint32_t blk_errors_logged, vcon_errors_logged;   /* virtio driver errors reported */
    uint8_t input[VM_INPUT_RING];    /* host console input not yet taken by the guest */
    uint32_t input_head, input_tail;
    const struct irq_backend *irq;   /* what delivers its interrupts (irq_backend.h) */
    struct vm_stats stats;
};

/* what a hart owes a VM before it runs one of its vCPUs again */
#define VM_FENCE_I     1             /* fence.i */
#define VM_FENCE_VVMA  2             /* hfence.vvma of the VM's VMID (VS-stage entries) */
#define VM_FENCE_GVMA  4             /* hfence.gvma of the VM's VMID (both stages) */

extern struct vm vms[MAX_VMS];
extern uint32_t vm_count;

void vm_create_all(uint64_t pool_base, uint64_t pool_end);
/* (Re)load image and DTB, reset its vCPUs (vCPU 0 started, the others HSM
 * stopped) and devices. From a vCPU of the VM itself or at creation. */
void vm_reset(struct vm *vm);
/* Clears one chunk of a resetting VM's RAM with the lock released, or boots
 * the VM when its RAM is clear; false when no VM waits for that. */
bool vm_zero_step(void);
#define VM_ZERO_CHUNK (1UL << 20)
/* Stops every vCPU of the VM, on every hart; other VMs go on. */
void vm_stop(struct vm *vm, enum vm_outcome outcome, const char *why);
const char *vm_outcome_name(enum vm_outcome o);

#endif
