/* vmconfig: build one guest's flattened device tree. */
#ifndef VMCONFIG_DTB_H
#define VMCONFIG_DTB_H

#include <stddef.h>
#include <stdint.h>

#include "vmconfig_parse.h"

#define VMCFG_PHANDLE_PLIC      2
#define VMCFG_PHANDLE_IMSIC     3
#define VMCFG_PHANDLE_APLIC     4
/* vCPU i (0..VM_MAX_VCPUS-1): its cpu node and its riscv,cpu-intc child */
#define VMCFG_PHANDLE_CPU_INTC(i) (0x10u + (uint32_t)(i))
#define VMCFG_PHANDLE_CPU(i)      (0x20u + (uint32_t)(i))
#define VMCFG_PHANDLE_CPU0_INTC   VMCFG_PHANDLE_CPU_INTC(0)

/* What every VM's harts have. Zicntr: hcounteren lets it read time, cycle,
 * instret. The hypervisor appends "sstc" to both forms (hypervisor/core/
 * guest_dtb.c) on a hart with Sstc; keep the two lists the same. */
#define VMCFG_ISA_STRING     "rv64imafdc_zicntr_zicsr_zifencei"
#define VMCFG_ISA_EXTENSIONS "i\0m\0a\0f\0d\0c\0zicntr\0zicsr\0zifencei"

/* Writes the DTB of `vm` into buf (packed). Returns its size, or -1 with a
 * message in err. The DTB must fit in the 64 KiB reserved at the top of RAM. */
int vmcfg_build_dtb(const struct vmcfg_vm *vm, void *buf, size_t buf_len,
                    char *err, size_t err_len);

#endif
