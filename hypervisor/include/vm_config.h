/* A VM described as plain data (Bao-style): host-tools/vmconfig generates one
 * `struct vm_config` per `vm` block of a configs/ file, with the guest image and
 * its device tree embedded; the hypervisor only reads this table. */
#ifndef CHIPVISOR_VM_CONFIG_H
#define CHIPVISOR_VM_CONFIG_H

#include <stdint.h>

#define VM_MAX_DEVICES 8
#define VM_MAX_VCPUS 8

enum vm_device_type {
    VM_DEV_UART16550 = 1,   /* trap-and-emulate ns16550a */
    VM_DEV_PLIC      = 2,   /* trap-and-emulate virtual PLIC */
    VM_DEV_TICK      = 3,   /* periodic interrupt source (lib/vdev/vtick), timer-driven */
    VM_DEV_IMSIC     = 4,   /* an AIA IMSIC guest interrupt file of the hart, mapped in */
    VM_DEV_VIRTIO_BLK     = 5,   /* virtio-mmio block device over vm_config.disk */
    VM_DEV_VIRTIO_CONSOLE = 6,   /* virtio-mmio console (hvc0) */
    VM_DEV_APLIC     = 7,   /* trap-and-emulate APLIC in MSI mode, in front of the IMSIC file */
    VM_DEV_PASSTHROUGH = 8, /* a device of the machine itself, mapped GPA = HPA; its
                               interrupt source `host_irq` routed by the HVA VIC to `irq` */
};

struct vm_device_config {
    enum vm_device_type type;
    uint64_t gpa_base;       /* guest-physical base of the register window */
    uint64_t size;           /* bytes */
    uint32_t irq;            /* interrupt id at the VM's PLIC (0: none) */
    uint32_t host_irq;       /* passthrough: the machine's interrupt source (a VIC source) */
};

struct vm_config {
    const char *name;        /* printed as the console prefix and in reports */
    uint64_t ram_gpa;        /* guest-physical base of RAM */
    uint64_t ram_size;       /* bytes, multiple of 2 MiB */
    uint32_t ram_identity;   /* 1: RAM at HPA = ram_gpa (a passthrough device's DMA
                                sees host-physical addresses; no IOMMU) */
    const uint8_t *image;    /* payload bytes (embedded) */
    uint64_t image_size;
    uint64_t image_gpa;      /* where the image is loaded; also the entry point */
    const uint8_t *dtb;      /* guest device tree blob (embedded) */
    uint64_t dtb_size;
    uint64_t dtb_gpa;        /* passed to the guest in a1 */
    const uint8_t *initrd;   /* initramfs (embedded; NULL: none), loaded at initrd_gpa */
    uint64_t initrd_size;
    uint64_t initrd_gpa;     /* the DTB's /chosen/linux,initrd-start */
    uint8_t *disk;           /* the virtio-blk image in host RAM (NULL: none); the guest
                                reaches it only through the device, and what it writes
                                survives a reboot of the VM */
    uint64_t disk_size;
    uint32_t n_devices;
    struct vm_device_config devices[VM_MAX_DEVICES];
    uint32_t console_input;  /* 1: this VM owns host console input at boot */
    uint32_t n_vcpus;  /* 1..VM_MAX_VCPUS */
    int8_t vcpu_pin[VM_MAX_VCPUS];  /* host hart index, or -1: floats */
    uint32_t watchdog_s;     /* stop the VM after this many seconds without progress (0: never) */
};

extern const struct vm_config vm_configs[];
extern const uint32_t vm_config_count;

/* The VM's (first) device of a type in its configuration, or NULL. */
static inline const struct vm_device_config *vm_config_device(const struct vm_config *cfg,
                                                              enum vm_device_type type)
{
    for (uint32_t i = 0; i < cfg->n_devices; i++)
        if (cfg->devices[i].type == type)
            return &cfg->devices[i];
    return (const struct vm_device_config *)0;
}

#endif
