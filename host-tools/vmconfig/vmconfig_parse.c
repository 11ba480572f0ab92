/* vmconfig: parse and check a configs/ file. */
#include "vmconfig_parse.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINE   4096
#define MAX_TOKENS 16      /* `pin` and its VM_MAX_VCPUS entries fit */

struct parser {
    const char *file;
    struct vmcfg *cfg;
    struct vmcfg_vm *vm;     /* the open `vm` block, or NULL */
    char *err;
    size_t err_len;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct parser *p, unsigned line, const char *fmt, ...)
{
    int n = snprintf(p->err, p->err_len, "%s:%u: ", p->file, line);
    if (n >= 0 && (size_t)n < p->err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + n, p->err_len - n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Decimal or 0x hex; with allow_suffix a trailing K/M/G scales by 2^10/20/30. */
static bool parse_u64(const char *s, bool allow_suffix, uint64_t *out)
{
    uint64_t base = 10, v = 0, scale = 1;
    const char *q = s;

    if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
        base = 16;
        q += 2;
    }
    if (!*q)
        return false;
    for (; *q; q++) {
        uint64_t d;
        if (*q >= '0' && *q <= '9')
            d = *q - '0';
        else if (base == 16 && *q >= 'a' && *q <= 'f')
            d = *q - 'a' + 10;
        else if (base == 16 && *q >= 'A' && *q <= 'F')
            d = *q - 'A' + 10;
        else
            break;
        if (v > (UINT64_MAX - d) / base)
            return false;
        v = v * base + d;
    }
    if (q == s || (base == 16 && q == s + 2))
        return false;
    if (*q && allow_suffix && !q[1]) {
        switch (*q) {
        case 'K': case 'k': scale = 1ULL << 10; break;
        case 'M': case 'm': scale = 1ULL << 20; break;
        case 'G': case 'g': scale = 1ULL << 30; break;
        default: return false;
        }
    } else if (*q) {
        return false;
    }
    if (v > UINT64_MAX / scale)
        return false;
    *out = v * scale;
    return true;
}

static bool valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > VMCFG_NAME_MAX)
        return false;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

static const char *dev_kind(enum vm_device_type type)
{
    switch (type) {
    case VM_DEV_PLIC:           return "plic";
    case VM_DEV_TICK:           return "tick";
    case VM_DEV_IMSIC:          return "imsic";
    case VM_DEV_VIRTIO_BLK:     return "disk";
    case VM_DEV_VIRTIO_CONSOLE: return "virtio-console";
    case VM_DEV_APLIC:          return "aplic";
    case VM_DEV_PASSTHROUGH:    return "passthrough";
    default:                    return "uart";
    }
}

/* Checks `ntok - 1` arguments lie in [min, max]; names the key. */
static int want_args(struct parser *p, unsigned line, char **tok, int ntok,
                     int min, int max)
{
    int nargs = ntok - 1;
    if (nargs < min)
        return fail(p, line, "'%s' is missing an argument (expects %d)", tok[0], min);
    if (nargs > max)
        return fail(p, line, "'%s' has an extra argument '%s'", tok[0], tok[max + 1]);
    return 0;
}

static int number(struct parser *p, unsigned line, const char *key,
                  const char *s, bool allow_suffix, uint64_t *out)
{
    if (!parse_u64(s, allow_suffix, out))
        return fail(p, line, "bad number '%s' for '%s'", s, key);
    return 0;
}

static int gpa(struct parser *p, unsigned line, const char *key,
               const char *s, uint64_t *out)
{
    if (number(p, line, key, s, false, out))
        return -1;
    if (*out >= VMCFG_GPA_LIMIT)
        return fail(p, line, "%s 0x%llx is above 2^41 (Sv39x4 guest-physical limit)",
                    key, (unsigned long long)*out);
    return 0;
}

static bool overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a < b + b_size && b < a + a_size;
}

/* Checks that need the whole `vm` block: required keys, limits, overlaps. */
static int finish_vm(struct parser *p)
{
    struct vmcfg_vm *vm = p->vm;
    uint64_t ram_end;
    const struct vmcfg_dev *plic;

    if (!vm)
        return 0;
    if (!vm->memory_line)
        return fail(p, vm->line, "vm '%s' has no 'memory'", vm->name);
    if (!vm->image_line)
        return fail(p, vm->line, "vm '%s' has no 'image'", vm->name);
    if (vm->pin_line && vm->n_pins != vm->n_vcpus)
        return fail(p, vm->pin_line,
                    "'pin' has %u entr%s but vm '%s' has %u vCPU%s (%s): one per vCPU, '*' to float",
                    vm->n_pins, vm->n_pins == 1 ? "y" : "ies", vm->name, vm->n_vcpus,
                    vm->n_vcpus == 1 ? "" : "s",
                    vm->cpus_line ? "'cpus'" : "the default without 'cpus'");

    ram_end = vm->ram_base + vm->ram_size;
    if (ram_end > VMCFG_GPA_LIMIT || ram_end < vm->ram_base)
        return fail(p, vm->ram_base_line ? vm->ram_base_line : vm->memory_line,
                    "RAM [0x%llx, 0x%llx) of vm '%s' ends above 2^41 (Sv39x4 guest-physical limit)",
                    (unsigned long long)vm->ram_base, (unsigned long long)ram_end,
                    vm->name);

    if (!vm->load_line)
        vm->load = vm->ram_base;
    else if (vm->load < vm->ram_base || vm->load >= vmcfg_dtb_gpa(vm))
        return fail(p, vm->load_line,
                    "load 0x%llx is outside RAM [0x%llx, 0x%llx) of vm '%s' (the last 64 KiB hold the DTB)",
                    (unsigned long long)vm->load, (unsigned long long)vm->ram_base,
                    (unsigned long long)vmcfg_dtb_gpa(vm), vm->name);

    /* the IMSIC window holds one guest-file page per vCPU */
    for (uint32_t i = 0; i < vm->n_devs; i++) {
        struct vmcfg_dev *d = &vm->devs[i];
        uint64_t align = vmcfg_imsic_align(vm->n_vcpus);
        if (d->type != VM_DEV_IMSIC)
            continue;
        d->size = vmcfg_imsic_size(vm->n_vcpus);
        if (d->gpa % align)
            return fail(p, d->line,
                        "imsic 0x%llx is not %llu KiB aligned (vm '%s' has %u vCPUs: their guest files at base + i * 4 KiB from a base aligned to the next power of two)",
                        (unsigned long long)d->gpa, (unsigned long long)(align >> 10),
                        vm->name, vm->n_vcpus);
    }

    plic = vmcfg_find_dev(vm, VM_DEV_PLIC);
    const struct vmcfg_dev *aplic = vmcfg_find_dev(vm, VM_DEV_APLIC);
    if (aplic && !vmcfg_find_dev(vm, VM_DEV_IMSIC))
        return fail(p, aplic->line, "aplic needs an imsic in vm '%s' (it delivers MSIs into it)",
                    vm->name);
    if (aplic && plic)
        return fail(p, aplic->line, "vm '%s' has both a plic (line %u) and an aplic", vm->name,
                    plic->line);
    for (uint32_t i = 0; i < vm->n_devs; i++)
        if (vm->devs[i].type == VM_DEV_PASSTHROUGH && !plic)
            return fail(p, vm->devs[i].line, "passthrough needs a plic in vm '%s' (the HVA VIC serves it)",
                        vm->name);
    /* GPA = HPA only for what needs it: a machine device's DMA, which sees
     * host-physical addresses (no IOMMU); it gives up the G-stage's guard */
    if (vm->ram_identity && !vmcfg_find_dev(vm, VM_DEV_PASSTHROUGH))
        return fail(p, vm->memory_line,
                    "memory identity (GPA = HPA) needs a passthrough device in vm '%s': only a device's DMA needs it",
                    vm->name);
    if (vm->ram_identity && !vm->ram_base_line)
        return fail(p, vm->memory_line,
                    "memory identity needs a 'ram-base' in vm '%s': the host RAM it takes (not the default 0x80000000, the firmware's)",
                    vm->name);
    if (!plic)
        plic = vmcfg_find_dev(vm, VM_DEV_IMSIC);   /* device interrupts as MSIs */
    for (uint32_t i = 0; i < vm->n_devs; i++) {
        const struct vmcfg_dev *d = &vm->devs[i];

        if (d->gpa + d->size > VMCFG_GPA_LIMIT)
            return fail(p, d->line, "%s window [0x%llx, 0x%llx) ends above 2^41 (Sv39x4 guest-physical limit)",
                        dev_kind(d->type), (unsigned long long)d->gpa,
                        (unsigned long long)(d->gpa + d->size));
        if (d->irq && !plic)
            return fail(p, d->line, "%s has irq %u but vm '%s' has no plic or imsic",
                        dev_kind(d->type), d->irq, vm->name);
        if (overlaps(d->gpa, d->size, vm->ram_base, vm->ram_size))
            return fail(p, d->line, "%s window [0x%llx, 0x%llx) overlaps RAM [0x%llx, 0x%llx) of vm '%s'",
                        dev_kind(d->type), (unsigned long long)d->gpa,
                        (unsigned long long)(d->gpa + d->size),
                        (unsigned long long)vm->ram_base,
                        (unsigned long long)ram_end, vm->name);
        for (uint32_t j = 0; j < i; j++) {
            const struct vmcfg_dev *e = &vm->devs[j];
            if (d->irq && d->irq == e->irq)
                return fail(p, d->line, "irq %u is already used by the %s at line %u",
                            d->irq, dev_kind(e->type), e->line);
            if (overlaps(d->gpa, d->size, e->gpa, e->size))
                return fail(p, d->line, "%s window [0x%llx, 0x%llx) overlaps %s window [0x%llx, 0x%llx) from line %u",
                            dev_kind(d->type), (unsigned long long)d->gpa,
                            (unsigned long long)(d->gpa + d->size),
                            dev_kind(e->type), (unsigned long long)e->gpa,
                            (unsigned long long)(e->gpa + e->size), e->line);
        }
    }
    p->vm = NULL;
    return 0;
}

static int start_vm(struct parser *p, unsigned line, char **tok, int ntok)
{
    struct vmcfg *cfg = p->cfg;
    struct vmcfg_vm *vm;

    if (want_args(p, line, tok, ntok, 1, 1) || finish_vm(p))
        return -1;
    if (!valid_name(tok[1]))
        return fail(p, line, "bad VM name '%s' (1-%d of A-Z a-z 0-9 _ -)",
                    tok[1], VMCFG_NAME_MAX);
    for (uint32_t i = 0; i < cfg->n_vms; i++)
        if (!strcmp(cfg->vms[i].name, tok[1]))
            return fail(p, line, "duplicate VM name '%s' (first at line %u)",
                        tok[1], cfg->vms[i].line);
    if (cfg->n_vms == VMCFG_MAX_VMS)
        return fail(p, line, "more than %d VMs", VMCFG_MAX_VMS);

    vm = &cfg->vms[cfg->n_vms++];
    memset(vm, 0, sizeof(*vm));
    strcpy(vm->name, tok[1]);
    vm->line = line;
    vm->ram_base = VMCFG_DEFAULT_RAM_BASE;
    vm->n_vcpus = 1;
    for (uint32_t i = 0; i < VM_MAX_VCPUS; i++)
        vm->vcpu_pin[i] = -1;
    p->vm = vm;
    return 0;
}

static int once(struct parser *p, unsigned line, const char *key, unsigned *seen)
{
    if (*seen)
        return fail(p, line, "'%s' given twice in vm '%s' (first at line %u)",
                    key, p->vm->name, *seen);
    *seen = line;
    return 0;
}

static int add_dev(struct parser *p, unsigned line, enum vm_device_type type,
                   uint64_t base, uint64_t size, uint32_t irq)
{
    struct vmcfg_vm *vm = p->vm;
    struct vmcfg_dev *d;

    if (vm->n_devs == VM_MAX_DEVICES)
        return fail(p, line, "more than %d devices in vm '%s'", VM_MAX_DEVICES, vm->name);
    d = &vm->devs[vm->n_devs++];
    d->type = type;
    d->gpa = base;
    d->size = size;
    d->irq = irq;
    d->line = line;
    return 0;
}

/* `<key> <gpa> [irq <n>]` (tok[0] is the key) */
static int parse_window_irq(struct parser *p, unsigned line, char **tok, int ntok,
                            enum vm_device_type type, uint64_t size)
{
    uint64_t base, irq = 0;
    const char *key = tok[0];

    if (ntok == 3)      /* `<key> <gpa> irq` */
        return fail(p, line, "'%s' is missing an argument (expects '%s <gpa> [irq <n>]')",
                    key, key);
    if (want_args(p, line, tok, ntok, 1, 3) || gpa(p, line, key, tok[1], &base))
        return -1;
    if (ntok == 4) {
        if (strcmp(tok[2], "irq"))
            return fail(p, line, "unknown key '%s' after '%s' (expects 'irq')", tok[2], key);
        if (number(p, line, "irq", tok[3], false, &irq))
            return -1;
        if (irq < 1 || irq > VMCFG_IRQ_MAX)
            return fail(p, line, "irq %s out of range 1..%d", tok[3], VMCFG_IRQ_MAX);
    }
    if (size == VMCFG_VIRTIO_SIZE && base % size)
        return fail(p, line, "%s 0x%llx is not 4 KiB aligned", key, (unsigned long long)base);
    return add_dev(p, line, type, base, size, (uint32_t)irq);
}

static int parse_uart(struct parser *p, unsigned line, char **tok, int ntok)
{
    return parse_window_irq(p, line, tok, ntok, VM_DEV_UART16550, VMCFG_UART_SIZE);
}

/* A file path argument: length and the characters the table cannot embed. */
static int path_arg(struct parser *p, unsigned line, const char *key, const char *s, char *out)
{
    if (strlen(s) >= VMCFG_PATH_MAX)
        return fail(p, line, "%s path is longer than %d bytes", key, VMCFG_PATH_MAX - 1);
    if (strpbrk(s, "\"\\$"))
        return fail(p, line, "%s path '%s' has a quote, backslash or '$'", key, s);
    strcpy(out, s);
    return 0;
}

/* `disk <path> <gpa> [irq <n>]`: a virtio-blk device over the image at path */
static int parse_disk(struct parser *p, unsigned line, char **tok, int ntok)
{
    struct vmcfg_vm *vm = p->vm;

    if (ntok < 3)
        return fail(p, line, "'disk' is missing an argument (expects 'disk <path> <gpa> [irq <n>]')");
    if (once(p, line, "disk", &vm->disk_line) || path_arg(p, line, "disk", tok[1], vm->disk))
        return -1;
    tok[1] = tok[0];    /* the rest reads as `disk <gpa> [irq <n>]` */
    return parse_window_irq(p, line, tok + 1, ntok - 1, VM_DEV_VIRTIO_BLK, VMCFG_VIRTIO_SIZE);
}

static int parse_virtio_console(struct parser *p, unsigned line, char **tok, int ntok)
{
    const struct vmcfg_dev *old = vmcfg_find_dev(p->vm, VM_DEV_VIRTIO_CONSOLE);
    if (old)
        return fail(p, line, "'virtio-console' given twice in vm '%s' (first at line %u)",
                    p->vm->name, old->line);
    return parse_window_irq(p, line, tok, ntok, VM_DEV_VIRTIO_CONSOLE, VMCFG_VIRTIO_SIZE);
}

/* `passthrough <hpa> <size> <compatible> source <s> irq <n>`: a device of the
 * machine mapped GPA = HPA, its source s routed by the HVA VIC to irq n */
static int parse_passthrough(struct parser *p, unsigned line, char **tok, int ntok)
{
    uint64_t base, size, src, irq;

    if (ntok != 8 || strcmp(tok[4], "source") || strcmp(tok[6], "irq"))
        return fail(p, line, "'passthrough' expects 'passthrough <hpa> <size> <compatible> source <s> irq <n>'");
    if (gpa(p, line, "passthrough", tok[1], &base) ||
        number(p, line, "passthrough size", tok[2], true, &size) ||
        number(p, line, "source", tok[5], false, &src) || number(p, line, "irq", tok[7], false, &irq))
        return -1;
    if (base % VMCFG_VIRTIO_SIZE || !size || size % VMCFG_VIRTIO_SIZE)
        return fail(p, line, "passthrough window 0x%llx+0x%llx is not whole 4 KiB pages",
                    (unsigned long long)base, (unsigned long long)size);
    if (strlen(tok[3]) >= sizeof(((struct vmcfg_dev *)0)->compatible) || strpbrk(tok[3], "\"\\$"))
        return fail(p, line, "passthrough compatible '%s' is too long or has a quote, backslash or '$'",
                    tok[3]);
    if (src < 1 || src > VMCFG_IRQ_MAX)
        return fail(p, line, "source %s out of range 1..%d", tok[5], VMCFG_IRQ_MAX);
    if (irq < 1 || irq > VMCFG_IRQ_MAX)
        return fail(p, line, "irq %s out of range 1..%d", tok[7], VMCFG_IRQ_MAX);
    if (add_dev(p, line, VM_DEV_PASSTHROUGH, base, size, (uint32_t)irq))
        return -1;
    struct vmcfg_dev *d = &p->vm->devs[p->vm->n_devs - 1];
    d->host_irq = (uint32_t)src;
    strcpy(d->compatible, tok[3]);
    return 0;
}

/* `bootargs "<text>"`: the rest of the line, quotes optional; no '#'. */
static int parse_bootargs(struct parser *p, unsigned line, const char *rest)
{
    struct vmcfg_vm *vm = p->vm;
    size_t n;

    if (once(p, line, "bootargs", &vm->bootargs_line))
        return -1;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    n = strlen(rest);
    while (n && (rest[n - 1] == ' ' || rest[n - 1] == '\t' || rest[n - 1] == '\r'))
        n--;
    if (n && rest[0] == '"') {
        if (n < 2 || rest[n - 1] != '"')
            return fail(p, line, "bootargs: unterminated quote");
        rest++;
        n -= 2;
    }
    if (!n)
        return fail(p, line, "'bootargs' is missing an argument (expects 'bootargs \"<text>\"')");
    if (n >= VMCFG_BOOTARGS_MAX)
        return fail(p, line, "bootargs longer than %d bytes", VMCFG_BOOTARGS_MAX - 1);
    for (size_t i = 0; i < n; i++)
        if (rest[i] == '"' || (unsigned char)rest[i] < 0x20 || rest[i] == 0x7f)
            return fail(p, line, "bootargs may not contain quotes or control characters");
    memcpy(vm->bootargs, rest, n);
    vm->bootargs[n] = '\0';
    return 0;
}

/* `tick <gpa> irq <n>`: a periodic interrupt source the guest programs */
static int parse_tick(struct parser *p, unsigned line, char **tok, int ntok)
{
    uint64_t base, irq;

    if (ntok != 4)
        return fail(p, line, "'tick' expects 'tick <gpa> irq <n>'");
    if (gpa(p, line, "tick", tok[1], &base))
        return -1;
    if (strcmp(tok[2], "irq"))
        return fail(p, line, "unknown key '%s' after 'tick' (expects 'irq')", tok[2]);
    if (number(p, line, "irq", tok[3], false, &irq))
        return -1;
    if (irq < 1 || irq > VMCFG_IRQ_MAX)
        return fail(p, line, "irq %s out of range 1..%d", tok[3], VMCFG_IRQ_MAX);
    return add_dev(p, line, VM_DEV_TICK, base, VMCFG_TICK_SIZE, (uint32_t)irq);
}

/* `<key> <gpa>` for an interrupt controller: at most one of each per VM, its
 * window `size` bytes, aligned to `align` (0: any address) */
static int parse_controller(struct parser *p, unsigned line, char **tok, int ntok,
                            enum vm_device_type type, uint64_t size, uint64_t align)
{
    uint64_t base;
    const struct vmcfg_dev *old = vmcfg_find_dev(p->vm, type);

    if (want_args(p, line, tok, ntok, 1, 1) || gpa(p, line, tok[0], tok[1], &base))
        return -1;
    if (old)
        return fail(p, line, "'%s' given twice in vm '%s' (first at line %u)",
                    tok[0], p->vm->name, old->line);
    if (align && base % align)
        return fail(p, line, "%s 0x%llx is not %llu KiB aligned", tok[0],
                    (unsigned long long)base, (unsigned long long)(align >> 10));
    return add_dev(p, line, type, base, size, 0);
}

static int parse_console(struct parser *p, unsigned line, char **tok, int ntok)
{
    struct vmcfg *cfg = p->cfg;

    if (want_args(p, line, tok, ntok, 0, 0) || once(p, line, "console", &p->vm->console_line))
        return -1;
    for (uint32_t i = 0; i + 1 < cfg->n_vms; i++)
        if (cfg->vms[i].console)
            return fail(p, line, "two console VMs: '%s' (line %u) and '%s'",
                        cfg->vms[i].name, cfg->vms[i].console_line, p->vm->name);
    p->vm->console = true;
    return 0;
}

/* `cpus <n>`: the VM's vCPUs, 1..VM_MAX_VCPUS */
static int parse_cpus(struct parser *p, unsigned line, char **tok, int ntok)
{
    uint64_t n;

    if (want_args(p, line, tok, ntok, 1, 1) || number(p, line, "cpus", tok[1], false, &n) ||
        once(p, line, "cpus", &p->vm->cpus_line))
        return -1;
    if (n < 1 || n > VM_MAX_VCPUS)
        return fail(p, line, "cpus %s out of range 1..%d", tok[1], VM_MAX_VCPUS);
    p->vm->n_vcpus = (uint32_t)n;
    return 0;
}

/* `watchdog <seconds>`: the VM is stopped when none of its vCPUs made a
 * request of the hypervisor (an SBI call, a device access, a WFI) for that
 * long: a guest that spins with interrupts off or waits for an interrupt
 * that never comes cannot keep a run from ending. */
static int parse_watchdog(struct parser *p, unsigned line, char **tok, int ntok)
{
    uint64_t n;

    if (want_args(p, line, tok, ntok, 1, 1) || number(p, line, "watchdog", tok[1], false, &n) ||
        once(p, line, "watchdog", &p->vm->watchdog_line))
        return -1;
    if (n < 1 || n > 3600)
        return fail(p, line, "watchdog %s out of range 1..3600 seconds", tok[1]);
    p->vm->watchdog_s = (uint32_t)n;
    return 0;
}

/* `pin <h0> <h1> ...`: vCPU i's host hart (0..7), or `*`: it floats. The
 * count is checked against `cpus` when the block ends (either may come first). */
static int parse_pin(struct parser *p, unsigned line, char **tok, int ntok)
{
    struct vmcfg_vm *vm = p->vm;

    if (want_args(p, line, tok, ntok, 1, VM_MAX_VCPUS) || once(p, line, "pin", &vm->pin_line))
        return -1;
    for (int i = 1; i < ntok; i++) {
        uint64_t h;
        if (!strcmp(tok[i], "*")) {
            vm->vcpu_pin[i - 1] = -1;
            continue;
        }
        if (!parse_u64(tok[i], false, &h))
            return fail(p, line, "bad host hart '%s' for 'pin' (0..%d, or '*' to float)",
                        tok[i], VMCFG_MAX_HARTS - 1);
        if (h >= VMCFG_MAX_HARTS)
            return fail(p, line, "pin: host hart %s (vCPU %d) out of range 0..%d",
                        tok[i], i - 1, VMCFG_MAX_HARTS - 1);
        vm->vcpu_pin[i - 1] = (int8_t)h;
    }
    vm->n_pins = (uint32_t)(ntok - 1);
    return 0;
}

static int parse_directive(struct parser *p, unsigned line, char **tok, int ntok)
{
    struct vmcfg_vm *vm = p->vm;
    const char *key = tok[0];
    uint64_t v;

    if (!strcmp(key, "vm"))
        return start_vm(p, line, tok, ntok);

    if (strcmp(key, "memory") && strcmp(key, "ram-base") && strcmp(key, "image") &&
        strcmp(key, "load") && strcmp(key, "uart") && strcmp(key, "plic") &&
        strcmp(key, "tick") && strcmp(key, "imsic") && strcmp(key, "console") &&
        strcmp(key, "initrd") && strcmp(key, "disk") && strcmp(key, "virtio-console") &&
        strcmp(key, "aplic") && strcmp(key, "cpus") && strcmp(key, "pin") &&
        strcmp(key, "watchdog") && strcmp(key, "passthrough"))
        return fail(p, line, "unknown key '%s'", key);
    if (!vm)
        return fail(p, line, "'%s' before any 'vm' block", key);

    if (!strcmp(key, "memory")) {
        if (want_args(p, line, tok, ntok, 1, 2) ||
            number(p, line, key, tok[1], true, &v) ||
            once(p, line, key, &vm->memory_line))
            return -1;
        if (v < VMCFG_RAM_ALIGN || v % VMCFG_RAM_ALIGN)
            return fail(p, line, "memory %s is not a multiple of 2 MiB (at least 2 MiB)", tok[1]);
        if (ntok == 3 && strcmp(tok[2], "identity"))
            return fail(p, line, "'memory' has an extra argument '%s' (expects 'memory <size> [identity]')", tok[2]);
        vm->ram_size = v;
        vm->ram_identity = ntok == 3;
    } else if (!strcmp(key, "ram-base")) {
        if (want_args(p, line, tok, ntok, 1, 1) || gpa(p, line, key, tok[1], &v) ||
            once(p, line, key, &vm->ram_base_line))
            return -1;
        if (v % VMCFG_RAM_ALIGN)
            return fail(p, line, "ram-base %s is not 2 MiB aligned", tok[1]);
        vm->ram_base = v;
    } else if (!strcmp(key, "image")) {
        if (want_args(p, line, tok, ntok, 1, 1) || once(p, line, key, &vm->image_line) ||
            path_arg(p, line, key, tok[1], vm->image))
            return -1;
    } else if (!strcmp(key, "initrd")) {
        if (want_args(p, line, tok, ntok, 1, 1) || once(p, line, key, &vm->initrd_line) ||
            path_arg(p, line, key, tok[1], vm->initrd))
            return -1;
    } else if (!strcmp(key, "disk")) {
        return parse_disk(p, line, tok, ntok);
    } else if (!strcmp(key, "virtio-console")) {
        return parse_virtio_console(p, line, tok, ntok);
    } else if (!strcmp(key, "passthrough")) {
        return parse_passthrough(p, line, tok, ntok);
    } else if (!strcmp(key, "cpus")) {
        return parse_cpus(p, line, tok, ntok);
    } else if (!strcmp(key, "pin")) {
        return parse_pin(p, line, tok, ntok);
    } else if (!strcmp(key, "watchdog")) {
        return parse_watchdog(p, line, tok, ntok);
    } else if (!strcmp(key, "aplic")) {
        return parse_controller(p, line, tok, ntok, VM_DEV_APLIC, VMCFG_APLIC_SIZE,
                                VMCFG_APLIC_SIZE);
    } else if (!strcmp(key, "load")) {
        if (want_args(p, line, tok, ntok, 1, 1) || gpa(p, line, key, tok[1], &v) ||
            once(p, line, key, &vm->load_line))
            return -1;
        vm->load = v;
    } else if (!strcmp(key, "uart")) {
        return parse_uart(p, line, tok, ntok);
    } else if (!strcmp(key, "plic")) {
        return parse_controller(p, line, tok, ntok, VM_DEV_PLIC, VMCFG_PLIC_SIZE, 0);
    } else if (!strcmp(key, "tick")) {
        return parse_tick(p, line, tok, ntok);
    } else if (!strcmp(key, "imsic")) {
        return parse_controller(p, line, tok, ntok, VM_DEV_IMSIC, VMCFG_IMSIC_SIZE,
                                VMCFG_IMSIC_SIZE);
    } else {
        return parse_console(p, line, tok, ntok);
    }
    return 0;
}

/* Splits a line in place; returns the token count, or MAX_TOKENS + 1 if more. */
static int tokenize(char *s, char **tok)
{
    int n = 0;
    char *hash = strchr(s, '#');

    if (hash)
        *hash = '\0';
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (!*s)
            return n;
        if (n == MAX_TOKENS)
            return n + 1;
        tok[n++] = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\r')
            s++;
        if (*s)
            *s++ = '\0';
    }
}

int vmcfg_parse(const char *file, const char *text, size_t len,
                struct vmcfg *cfg, char *err, size_t err_len)
{
    struct parser p = { file, cfg, NULL, err, err_len };
    char buf[MAX_LINE + 1];
    char *tok[MAX_TOKENS];
    unsigned line = 0;
    size_t pos = 0;

    memset(cfg, 0, sizeof(*cfg));
    if (err_len)
        err[0] = '\0';
    while (pos < len) {
        size_t end = pos;
        int ntok;

        while (end < len && text[end] != '\n')
            end++;
        line++;
        if (end - pos > MAX_LINE)
            return fail(&p, line, "line longer than %d bytes", MAX_LINE);
        if (memchr(text + pos, '\0', end - pos))
            return fail(&p, line, "NUL byte in line");
        memcpy(buf, text + pos, end - pos);
        buf[end - pos] = '\0';
        pos = end + 1;

        /* bootargs takes the rest of the line, spaces and all */
        const char *word = buf + strspn(buf, " \t");
        if (!strncmp(word, "bootargs", 8) && (word[8] == ' ' || word[8] == '\t' ||
                                               word[8] == '\0' || word[8] == '\r')) {
            char *hash = strchr(buf, '#');
            if (hash)
                *hash = '\0';
            if (!p.vm)
                return fail(&p, line, "'bootargs' before any 'vm' block");
            if (parse_bootargs(&p, line, word + 8))
                return -1;
            continue;
        }
        ntok = tokenize(buf, tok);
        if (ntok > MAX_TOKENS)
            return fail(&p, line, "'%s' has an extra argument", tok[0]);
        if (ntok && parse_directive(&p, line, tok, ntok))
            return -1;
    }
    if (finish_vm(&p))
        return -1;
    if (!cfg->n_vms)
        return fail(&p, line ? line : 1, "no 'vm' block: at least one VM is needed");

    /* Console input goes to the first VM unless one asks for it. */
    bool any_console = false;
    for (uint32_t i = 0; i < cfg->n_vms; i++)
        any_console |= cfg->vms[i].console;
    if (!any_console)
        cfg->vms[0].console = true;
    return 0;
}

uint64_t vmcfg_image_extent(const uint8_t *head, size_t head_len, uint64_t file_size)
{
    /* Documentation/arch/riscv/boot-image-header.rst: u64 image_size at 16,
     * magic2 "RSC\x05" at 56 (and the deprecated magic "RISCV\0\0\0" at 48) */
    static const uint8_t magic2[4] = { 'R', 'S', 'C', 0x05 };
    uint64_t size = 0;

    if (head_len < VMCFG_IMAGE_HEAD || (memcmp(head + 56, magic2, 4) &&
                                        memcmp(head + 48, "RISCV\0\0\0", 8)))
        return file_size;
    for (int i = 7; i >= 0; i--)
        size = size << 8 | head[16 + i];
    return size > file_size ? size : file_size;
}

static int file_check(struct parser *p, unsigned line, const char *what, const char *path,
                      vmcfg_file_size_fn file_size, void *ctx, uint8_t *head, int64_t *size)
{
    errno = 0;
    *size = file_size(path, head, head ? VMCFG_IMAGE_HEAD : 0, ctx);
    if (*size < 0)
        return fail(p, line, "cannot read %s '%s': %s", what, path, strerror(errno ? errno : EIO));
    if (*size == 0)
        return fail(p, line, "%s '%s' is empty", what, path);
    return 0;
}

int vmcfg_check_images(const char *file, struct vmcfg *cfg,
                       vmcfg_file_size_fn file_size, void *ctx,
                       char *err, size_t err_len)
{
    struct parser p = { file, NULL, NULL, err, err_len };

    for (uint32_t i = 0; i < cfg->n_vms; i++) {
        struct vmcfg_vm *vm = &cfg->vms[i];
        uint64_t top = vmcfg_dtb_gpa(vm), room;
        uint8_t head[VMCFG_IMAGE_HEAD];
        int64_t size;

        if (vm->initrd[0]) {
            if (file_check(&p, vm->initrd_line, "initrd", vm->initrd, file_size, ctx, NULL, &size))
                return -1;
            if ((uint64_t)size > top - vm->load)
                return fail(&p, vm->initrd_line,
                            "initrd '%s' (%lld bytes) does not fit in vm '%s' below the DTB at 0x%llx",
                            vm->initrd, (long long)size, vm->name, (unsigned long long)top);
            vm->initrd_size = (uint64_t)size;
            vm->initrd_gpa = (top - vm->initrd_size) & ~(VMCFG_INITRD_ALIGN - 1);
            top = vm->initrd_gpa;
        }
        if (vm->disk[0]) {
            if (file_check(&p, vm->disk_line, "disk image", vm->disk, file_size, ctx, NULL, &size))
                return -1;
            if (size % 512)
                return fail(&p, vm->disk_line, "disk image '%s' (%lld bytes) is not a multiple of 512 bytes",
                            vm->disk, (long long)size);
            vm->disk_size = (uint64_t)size;
        }
        if (file_check(&p, vm->image_line, "image", vm->image, file_size, ctx, head, &size))
            return -1;
        vm->image_extent = vmcfg_image_extent(head, sizeof(head), (uint64_t)size);
        room = top > vm->load ? top - vm->load : 0;
        if (vm->image_extent > room)
            return fail(&p, vm->image_line,
                        "image '%s' (%llu bytes%s) does not fit in vm '%s': %llu bytes from load 0x%llx to the %s at 0x%llx",
                        vm->image, (unsigned long long)vm->image_extent,
                        vm->image_extent != (uint64_t)size ? " with its bss" : "", vm->name,
                        (unsigned long long)room, (unsigned long long)vm->load,
                        vm->initrd[0] ? "initrd" : "DTB", (unsigned long long)top);
    }
    return 0;
}

const struct vmcfg_dev *vmcfg_find_dev(const struct vmcfg_vm *vm,
                                       enum vm_device_type type)
{
    for (uint32_t i = 0; i < vm->n_devs; i++)
        if (vm->devs[i].type == type)
            return &vm->devs[i];
    return NULL;
}
