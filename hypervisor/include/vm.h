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

/* A guest-physical buffer as a host pointer, through the VM's G-stage tables
 * (guest_walk): false unless every byte is the VM's own RAM
 * (writable, if `write`). */
bool vm_gpa_to_hva(const struct vm *vm, uint64_t gpa, uint64_t len, bool write, uint8_t **hva);
/* One guest translation (GVA with c->virt, else GPA) as the hypervisor needs
 * them: by the HVA walker where it serves translations, else by the software
 * walker (lib/model/xlate); false on any fault. `access`: enum xlate_access. */
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
/* host memory for the software walker (guest_mem.c; faked in host tests) */
struct xlate_mem;
extern const struct xlate_mem host_mem;
extern uint64_t host_ram_base, host_ram_end;

/* operations the SBI layer asks of vCPUs (vcpu.c) */
void vcpu_set_timer(struct vcpu *v, uint64_t when);   /* SBI TIME: next timer interrupt */
void vcpu_send_ipi(struct vcpu *v);                    /* SBI IPI: its VSSIP, on whichever hart */
bool vcpu_irq_pending(const struct vcpu *v);           /* a pending, enabled VS interrupt */
/* WFI or a retentive suspend: idle until an interrupt is pending */
void vcpu_wait(struct vcpu *v);
/* HSM: start a stopped vCPU at `addr` with a0 = its hart id, a1 = `opaque` */
long vcpu_hart_start(struct vcpu *v, uint64_t addr, uint64_t opaque);
void vcpu_hart_stop(struct vcpu *v);                   /* the caller itself */
long vcpu_hart_status(const struct vcpu *v);
/* HSM non-retentive suspend: on an interrupt, resume at `addr` */
void vcpu_suspend_nonretentive(struct vcpu *v, uint64_t addr, uint64_t opaque);
/* Remote fences for the vCPUs in `targets` (bit = vCPU id), on every hart
 * that may hold their state; returns when every running one has done it.
 * `kind`: VM_FENCE_*; VVMA with a range/ASID narrows nothing yet but is
 * fenced as the whole VMID (a superset is correct). */
void vm_remote_fence(struct vcpu *caller, uint64_t targets, unsigned kind);
/* set or clear hvip bits of a vCPU, in the hart that runs it if any */
void vcpu_hvip_update(struct vcpu *v, uint64_t mask, bool on);
/* An exception for the guest's own handler (vsepc, vscause, vstval; pc = vstvec),
 * as if the hart had delegated it; the vCPU must be on this hart. */
void vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval);

/* The VM's (first) device of a type in its configuration, or NULL. */
const struct vm_device_config *vm_config_device(const struct vm_config *cfg, enum vm_device_type type);

/* devices: update interrupt lines into hvip after any device state change */
void vm_devices_init(struct vm *vm);
/* The VM's PLIC on the HVA VIC when there is one to spare (vm.c at creation). */
void vm_attach_vic(struct vm *vm);
/* The machine's own devices of the VM (config `passthrough`) mapped into it;
 * false (the reason logged: they need the HVA device's VIC) when they cannot be. */
bool vm_attach_passthrough(struct vm *vm);
/* Which path delivers this VM's interrupts (chipvisor SBI extension). */
uint32_t vm_irq_backend(const struct vm *vm);
void vm_devices_update_irqs(struct vm *vm);
bool vm_input_push(struct vm *vm, uint8_t ch);
int vm_input_pop(struct vm *vm);
void vm_input_feed_uart(struct vm *vm);
/* timer-driven devices: count what expired by `now`; when they next need the hart */
void vm_devices_advance(struct vm *vm, uint64_t now);
uint64_t vm_devices_next_event(const struct vm *vm);
/* interrupt wires from outside the hypervisor (the HVA VIC's guest outputs) */
void vm_devices_poll_lines(struct vm *vm);
/* A vCPU came onto a hart (on) or left it (on: it is idle and waits for its
 * line): the VIC's RUNNING bit of its file follows (vic_backend.c). */
void vm_irq_vcpu_on_hart(struct vcpu *v, bool on);

#endif
