/* vmconfig: the parsed form of a configs/ file (see configs/README.md).
 *
 * Parsing works on a text buffer so tests can feed strings; the checks that
 * need the filesystem (image exists, image fits) run afterwards through a
 * file-size hook. Every error is one line "<file>:<line>: <message>". */
#ifndef VMCONFIG_PARSE_H
#define VMCONFIG_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm_config.h"

#define VMCFG_MAX_VMS      8
#define VMCFG_NAME_MAX     15
#define VMCFG_PATH_MAX     1024
#define VMCFG_ERR_MAX      512

#define VMCFG_DEFAULT_RAM_BASE 0x80000000ULL
#define VMCFG_RAM_ALIGN        0x200000ULL      /* 2 MiB: G-stage superpage */
#define VMCFG_DTB_RESERVE      0x10000ULL       /* last 64 KiB of RAM hold the DTB */
#define VMCFG_GPA_LIMIT        (1ULL << 41)     /* Sv39x4 guest-physical space */
#define VMCFG_UART_SIZE        0x100ULL
#define VMCFG_PLIC_SIZE        0x400000ULL
#define VMCFG_TICK_SIZE        0x1000ULL
#define VMCFG_IMSIC_SIZE       0x1000ULL
#define VMCFG_VIRTIO_SIZE      0x1000ULL
#define VMCFG_APLIC_SIZE       0x4000ULL       /* one MSI-mode domain, no IDCs */
#define VMCFG_IRQ_MAX          31
#define VMCFG_BOOTARGS_MAX     1024
#define VMCFG_INITRD_ALIGN     0x1000ULL
#define VMCFG_MAX_HARTS        8                /* host hart indexes 0..7 in `pin` */

struct vmcfg_dev {
    enum vm_device_type type;
    uint64_t gpa;
    uint64_t size;
    uint32_t irq;            /* 0: none */
    uint32_t host_irq;       /* passthrough: the machine's source */
    char compatible[64];     /* passthrough: its device-tree compatible */
    unsigned line;
};

struct vmcfg_vm {
    char name[VMCFG_NAME_MAX + 1];
    unsigned line;           /* the `vm` line */
    uint64_t ram_base;
    uint64_t ram_size;
    bool ram_identity;       /* `memory <size> identity`: RAM at HPA = ram_base */
    uint64_t load;
    char image[VMCFG_PATH_MAX];
    char initrd[VMCFG_PATH_MAX];        /* "" : none */
    char disk[VMCFG_PATH_MAX];          /* the virtio-blk image; "" : none */
    char bootargs[VMCFG_BOOTARGS_MAX];  /* /chosen/bootargs; "" : none */
    uint64_t image_extent;   /* bytes from `load` the image needs (Linux: its header's
                                image_size, bss included); set by vmcfg_check_images */
    uint64_t initrd_size, initrd_gpa;   /* set by vmcfg_check_images */
    uint64_t disk_size;                 /* set by vmcfg_check_images */
    unsigned memory_line, ram_base_line, image_line, load_line, console_line;
    unsigned initrd_line, disk_line, bootargs_line, cpus_line, pin_line, watchdog_line;
    uint32_t n_vcpus;        /* `cpus`: 1..VM_MAX_VCPUS, default 1 */
    uint32_t watchdog_s;     /* `watchdog`: seconds without progress before the VM is stopped (0: off) */
    uint32_t n_pins;         /* entries given to `pin` (0: none, every vCPU floats) */
    int8_t vcpu_pin[VM_MAX_VCPUS];      /* host hart of vCPU i, or -1: floats (also unused) */
    bool console;            /* owns host console input at boot */
    uint32_t n_devs;
    struct vmcfg_dev devs[VM_MAX_DEVICES];
};

struct vmcfg {
    uint32_t n_vms;
    struct vmcfg_vm vms[VMCFG_MAX_VMS];
};

/* Parses `len` bytes of `text`; `file` names it in messages. Returns 0, or -1
 * with the message in err. Does not touch the filesystem. */
int vmcfg_parse(const char *file, const char *text, size_t len,
                struct vmcfg *cfg, char *err, size_t err_len);

/* Returns the size of the file at `path`, or -1 with errno set; with `head`,
 * also reads up to `head_len` bytes from its start into head (zero-filled
 * past the end). */
typedef int64_t (*vmcfg_file_size_fn)(const char *path, uint8_t *head, size_t head_len,
                                      void *ctx);

/* Bytes a RISC-V Linux Image needs from its load address (its header's
 * image_size: text, data and bss), or the file size for any other payload. */
uint64_t vmcfg_image_extent(const uint8_t *head, size_t head_len, uint64_t file_size);
#define VMCFG_IMAGE_HEAD 64

/* Checks every VM's files exist and fit: the image's extent in [load, initrd),
 * the initrd in [image end, dtb_gpa) placed as high as it goes (4 KiB
 * aligned), a non-empty disk image a multiple of 512 bytes. Fills in the
 * sizes and the initrd's place. */
int vmcfg_check_images(const char *file, struct vmcfg *cfg,
                       vmcfg_file_size_fn file_size, void *ctx,
                       char *err, size_t err_len);

/* Bytes of the guest's IMSIC window: one 4 KiB guest-file page per vCPU,
 * vCPU i's at base + i * 4 KiB. */
static inline uint64_t vmcfg_imsic_size(uint32_t n_vcpus)
{
    return VMCFG_IMSIC_SIZE * n_vcpus;
}

/* The alignment the IMSIC base needs: Linux finds hart indexes (the APLIC's
 * MSI targets) as (file address - base) >> 12 with base rounded down to a
 * multiple of 2^ceil(log2(n)) pages. */
static inline uint64_t vmcfg_imsic_align(uint32_t n_vcpus)
{
    uint64_t a = VMCFG_IMSIC_SIZE;
    while (a < vmcfg_imsic_size(n_vcpus))
        a <<= 1;
    return a;
}

/* Guest-physical address where the VM's DTB is placed. */
static inline uint64_t vmcfg_dtb_gpa(const struct vmcfg_vm *vm)
{
    return vm->ram_base + vm->ram_size - VMCFG_DTB_RESERVE;
}

/* The VM's first uart, or NULL. */
const struct vmcfg_dev *vmcfg_find_dev(const struct vmcfg_vm *vm,
                                       enum vm_device_type type);

#endif
