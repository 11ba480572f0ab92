/* Boot: probe the hart, set up the H extension, build the VMs, run them. */
#include "console.h"
#include "cpu.h"
#include "aia.h"
#include "hva_hw.h"
#include "csr.h"
#include "fdt_min.h"
#include "gstage.h"
#include "hext.h"
#include "input.h"
#include "guest_mem.h"
#include "platform.h"
#include "sched.h"
#include "util.h"
#include "vm.h"

extern char __image_start[], __image_end[];

/* exceptions a guest handles itself (hedeleg): misaligned fetch, illegal
 * instruction, breakpoint, misaligned load/store, ecall from VU, page faults */
#define GUEST_EXCEPTIONS ((1UL << 0) | (1UL << 2) | (1UL << 3) | (1UL << 4) | (1UL << 6) | \
                          (1UL << 8) | (1UL << 12) | (1UL << 13) | (1UL << 15))
#define GUEST_INTERRUPTS (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

/* Is `opt` one of the words of /chosen/bootargs (QEMU: -append), separated
 * by spaces or commas? */
static bool option_set(const void *dtb, const char *opt)
{
    uint32_t len;
    const char *args = fdt_find_property(dtb, "chosen", "bootargs", &len);
    size_t n = strlen(opt);
    for (const char *p = args; p && p < args + len && *p; ) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *word = p;
        while (*p && *p != ' ' && *p != ',')
            p++;
        if ((size_t)(p - word) == n && memcmp(word, opt, n) == 0)
            return true;
    }
    return false;
}

/* What every hart sets up for itself before it runs guests. */
static void hart_setup(void)
{
    cpu_setup_hart();
    csr_write(hedeleg, GUEST_EXCEPTIONS);
    csr_write(hideleg, GUEST_INTERRUPTS);
    csr_write(hvip, 0);
    csr_write(hgeie, 0);
    csr_write(hcounteren, 0x7);
    csr_set(sstatus, SSTATUS_FS_INITIAL);     /* guests' FP needs FS != Off at HS too */
    /* the host timer and host IPIs; taken while a guest runs */
    csr_write(sie, MIP_STIP | (1UL << IRQ_S_SOFT));
}

void hv_main(uint64_t hartid, const void *dtb)
{
    hv_log("chipvisor on hart %lu, %lu us after power-on\n", hartid, read_time() / 10);
    cpu_init_boot(hartid, dtb);               /* tp = this hart's struct cpu from here on */
    hext_probe();
    if (!hart.h) {
        hv_log("this hart has no H extension (hypervisor); chipvisor cannot run guests without it\n");
        platform_exit(2);
    }
    hart_setup();
    hv_log("H extension: VMID %u bits, Sv48x4 %s, Sstc %s\n", hart.vmid_bits,
           hart.sv48x4 ? "yes" : "no", hart.sstc ? "yes (vstimecmp)" : "no (VSTIP injection)");

    uint64_t ram_base = 0x80000000UL, ram_size = MiB(128);
    if (!fdt_find_memory(dtb, &ram_base, &ram_size))
        hv_log("no /memory in the device tree; assuming 128 MiB at 0x80000000\n");
    host_ram_base = ram_base;
    host_ram_end = ram_base + ram_size;
    uint64_t pool = ALIGN_UP((uint64_t)(uintptr_t)__image_end, MiB(2));
    hv_log("host RAM 0x%lx-0x%lx, hypervisor 0x%lx-0x%lx, guest pool from 0x%lx\n", ram_base,
           ram_base + ram_size, (uint64_t)(uintptr_t)__image_start, (uint64_t)(uintptr_t)__image_end,
           pool);

    aia_probe(dtb);
    int walker = option_set(dtb, "chipvisor.hva.walker=on") ? 1 :
                 option_set(dtb, "chipvisor.hva.walker=off") ? 0 : -1;
    uint64_t pool_end = ram_base + ram_size;
    pool_end -= hva_hw_init(dtb, option_set(dtb, "chipvisor.hva=cosim"), walker, pool_end);
    aia_reserve_lines(hva_hw_vic_lines());
    /* debug: every translation the hypervisor makes also by the software
     * walker, compared (asking for the walker through the mailbox implies it) */
    fetch_xcheck.on = option_set(dtb, "chipvisor.xcheck=on") || walker > 0;
    enum gstage_mode gmode = option_set(dtb, "chipvisor.gstage=sv39x4") ? GSTAGE_SV39X4 :
                             option_set(dtb, "chipvisor.gstage=sv48x4") ? GSTAGE_SV48X4 :
                             option_set(dtb, "chipvisor.gstage=sv57x4") ? GSTAGE_SV57X4 :
                             GSTAGE_DEFAULT;
    if (!gstage_init(gmode))
        hv_log("chipvisor.gstage: the hart lacks that mode; using the default\n");
    hv_log("G-stage tables: %s\n", gstage_mode_name());
    hv_lock();
    vm_create_all(pool, pool_end);
    sched_init();
    input_init();
    cpu_start_secondaries();
    sched_start();
}

/* The other harts (start.S, after SBI HSM started them): the same set-up,
 * then the same scheduler loop over the shared vCPU list. */
void hv_secondary_main(void);
void hv_secondary_main(void)
{
    hart_setup();
    hv_lock();
    this_cpu()->online = true;
    sched_start();
}
