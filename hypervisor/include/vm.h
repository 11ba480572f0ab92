/* A running VM: its configuration, memory, G-stage tables, its one vCPU and
 * its virtual devices. One hart runs every vCPU in turn (sched.c). */
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

enum vm_state {
    VM_RUNNABLE,
    VM_IDLE,             /* in WFI (or a retentive HSM suspend) until an interrupt */
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
    uint64_t traps, sbi_calls, mmio_exits, timer_irqs, wfi_exits, switches_in;
};

struct vm {
    struct vcpu_regs regs;           /* first: trap.S finds the VM from it */
    struct vcpu_fp fp;
    struct vcpu_csrs csr;
    const struct vm_config *cfg;
    uint32_t index;
    uint16_t vmid;
    uint64_t ram_hpa;                /* host-physical base of the guest RAM */
    uint64_t *gstage_root;
    uint64_t timer_deadline;         /* without Sstc: when VSTIP is raised */
    enum vm_state state;
    enum vm_outcome outcome;
    bool fp_dirty;
    struct vuart uart;
    struct vplic plic;
    struct vtick tick;
    struct virtio_blk blk;           /* over cfg->disk */
    struct virtio_console vcon;
    struct vaplic aplic;             /* wired lines -> MSIs into imsic_file */
    const struct vm_device_config *uart_dev, *plic_dev, *tick_dev, *imsic_dev;
    const struct vm_device_config *blk_dev, *vcon_dev, *aplic_dev;
    uint32_t imsic_file;             /* AIA guest interrupt file (0: none) */
    uint32_t vic_file;               /* HVA VIC guest file + 1 serving its PLIC (0: software vPLIC) */
    uint32_t vic_src_uart, vic_src_tick;   /* its devices' physical sources at the VIC */
    bool uart_line, tick_line, blk_line, vcon_line;   /* device interrupt levels, for MSI edges */
    uint32_t blk_errors_logged, vcon_errors_logged;   /* virtio driver errors reported */
    uint8_t input[VM_INPUT_RING];    /* host console input not yet taken by the guest */
    uint32_t input_head, input_tail;
    struct vm_stats stats;
};

extern struct vm vms[MAX_VMS];
extern uint32_t vm_count;

void vm_create_all(uint64_t pool_base, uint64_t pool_end);
void vm_reset(struct vm *vm);        /* (re)load image and DTB, reset vCPU and devices */
void vm_stop(struct vm *vm, enum vm_outcome outcome, const char *why);
const char *vm_outcome_name(enum vm_outcome o);

/* A guest-physical buffer as a host pointer, through the VM's G-stage tables
 * (software walker, lib/xlate): false unless every byte is the VM's own RAM
 * (writable, if `write`). */
bool vm_gpa_to_hva(const struct vm *vm, uint64_t gpa, uint64_t len, bool write, uint8_t **hva);
/* The instruction at a guest virtual address, read through the guest's own
 * translation (vsatp over hgatp) by the software walker; false on any fault. */
bool guest_fetch_insn(const struct vm *vm, uint64_t gva, uint32_t *insn);
/* walks the HVA did beside the software walker, and how many disagreed */
struct hva_walk_stats {
    uint64_t walks, disagreements;
};
extern struct hva_walk_stats hva_walk_stats;
/* host memory for the software walker (guest_mem.c; faked in host tests) */
struct xlate_mem;
extern const struct xlate_mem host_mem;
extern uint64_t host_ram_base, host_ram_end;

/* operations the SBI layer asks of a VM (sched.c) */
void vm_set_timer(struct vm *vm, uint64_t when);      /* SBI TIME: next timer interrupt */
void vm_raise_soft_irq(struct vm *vm);                 /* SBI IPI to its hart */
void vm_fence_i(struct vm *vm);
void vm_flush_guest_tlb(struct vm *vm);                /* its VS-stage entries (this VMID) */
bool vm_irq_pending(const struct vm *vm);              /* a pending, enabled VS interrupt */

/* The VM's (first) device of a type in its configuration, or NULL. */
const struct vm_device_config *vm_config_device(const struct vm_config *cfg, enum vm_device_type type);

/* devices: update interrupt lines into hvip after any device state change */
void vm_devices_init(struct vm *vm);
/* The VM's PLIC on the HVA VIC when there is one to spare (vm.c at creation). */
void vm_attach_vic(struct vm *vm);
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

#endif
