/* The HVA as the hypervisor's hardware path: found at boot where the board
 * description (platform.h) says it may be, reached through one transport
 * (hva_transport.h), used through lib/driver/hva. Without one, every VM
 * uses the software paths. */
#include "hva_hw.h"
#include "console.h"
#include "cosim_mailbox.h"
#include "fdt_min.h"
#include "hva_regs.h"
#include "hva_transport.h"
#include "platform.h"
#include "util.h"

static const struct hva_transport *tp;
static struct hva hva;
static bool present, walker_on;
static uint32_t hgei[HVA_VIC_MAX_GUESTS];      /* hgeip bit of each VIC guest output (0: none) */

static uint32_t be32(const uint8_t *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The device's node in the host tree (sim/hva-device/README.md): its
 * register block (2 address and 2 size cells, as QEMU's /soc; or 1 and 1),
 * its interrupt, and which hgeip line each VIC guest output drives. */
static bool dt_device(const void *dtb, uint64_t *base, uint32_t *irq)
{
    const char *compat = platform.hva.compatible;
    uint32_t len;
    if (!compat)
        return false;
    const uint8_t *reg = fdt_find_compatible_property(dtb, compat, "reg", &len);
    if (!reg || (len != 16 && len != 8))
        return false;
    *base = len == 16 ? (uint64_t)be32(reg) << 32 | be32(reg + 4) : be32(reg);
    const uint8_t *ints = fdt_find_compatible_property(dtb, compat, "interrupts", &len);
    *irq = ints && len >= 4 ? be32(ints) : 0;
    /* <first count>: VIC guest g drives hgeip bit first + g of every hart */
    const uint8_t *lines = platform.hva.hgei_prop ?
        fdt_find_compatible_property(dtb, compat, platform.hva.hgei_prop, &len) : NULL;
    for (uint32_t g = 0; lines && len >= 8 && g < be32(lines + 4) && g < HVA_VIC_MAX_GUESTS; g++)
        hgei[g] = be32(lines) + g;
    return true;
}

static bool connect(const struct hva_transport *t)
{
    if (!t)
        return false;
    int e = hva_probe(&hva, &t->io);
    if (e != HVA_OK) {
        hv_log("HVA: the %s HVA does not identify as one (error %d)\n", t->name, e);
        return false;
    }
    tp = t;
    present = true;
    return true;
}

static void log_found(const char *where)
{
    const struct hva_caps *c = &hva.caps;
    char lines[48] = "polled";
    if (!tp->guest_eip && c->vic && hgei[0])
        hv_snprintf(lines, sizeof(lines), "on hgeip %u..%u", hgei[0], hgei[c->vic_guests - 1]);
    hv_log("HVA %u.%u (%s): TLB %u/%u-way, G-TLB %u/%u-way, PWC %u, VIC %s (%u guests, %u ids, "
           "%u sources, outputs %s), walker %s\n", c->version >> 8, c->version & 0xff, where,
           c->tlb_entries, c->tlb_ways, c->gtlb_entries, c->gtlb_ways, c->pwc_entries,
           c->vic ? "yes" : "no", c->vic_guests, c->vic_ids, c->vic_sources, lines,
           walker_on ? "serves translations" : "off");
}

uint64_t hva_hw_init(const void *dtb, bool mailbox_asked, int walker, uint64_t ram_end)
{
    char where[96];
    uint64_t base = 0, kept = 0;
    uint32_t irq = 0;
    tp = NULL;
    present = walker_on = false;
    memset(hgei, 0, sizeof(hgei));
    bool from_dt = dt_device(dtb, &base, &irq);
    if (!from_dt && platform.hva.size) {
        base = platform.hva.base;
        irq = platform.hva.host_irq;
    }
    if (!from_dt)
        for (uint32_t g = 0; g < HVA_VIC_MAX_GUESTS && platform.hva.hgei_first; g++)
            hgei[g] = platform.hva.hgei_first + g;
    if (base && connect(hva_mmio_transport(base))) {
        hv_snprintf(where, sizeof(where), "device at 0x%lx, %s, irq %u", base,
                    from_dt ? "from the device tree" : "the board's address", irq);
    } else if (mailbox_asked && platform.hva.mailbox) {
        /* the mailbox is the last 64 KiB of RAM: guests are kept out of it */
        kept = COSIM_MAILBOX_SIZE;
        if (!connect(hva_mailbox_transport(ram_end - kept)))
            return kept;
        hv_snprintf(where, sizeof(where), "co-simulated, mailbox 0x%lx", ram_end - kept);
        for (uint32_t g = 0; g < HVA_VIC_MAX_GUESTS; g++)
            hgei[g] = 0;                /* its outputs are a polled word */
    } else {
        hv_log("HVA: none (no \"%s\" in the device tree%s); software paths\n",
               platform.hva.compatible ? platform.hva.compatible : "-",
               platform.hva.mailbox ? ", no chipvisor.hva=cosim" : "");
        return 0;
    }
    /* the walker serves the hypervisor's translations by default on a device;
     * through the mailbox (twenty round trips a walk) only when asked */
    walker_on = walker > 0 || (walker < 0 && tp->regs_hpa);
    log_found(where);
    return kept;
}

/* every register access goes through here: a transport that lost its HVA
 * (a simulator that died) turns the HVA off for good */
static bool alive(void)
{
    if (present && tp->lost && tp->lost())
        present = false;
    return present;
}

bool hva_hw_present(void)
{
    return alive();
}

uint32_t hva_hw_vic_guests(void)
{
    return alive() && hva.caps.vic ? hva.caps.vic_guests : 0;
}

uint32_t hva_hw_vic_sources(void)
{
    return alive() && hva.caps.vic ? hva.caps.vic_sources : 0;
}

uint32_t hva_hw_vic_ids(void)
{
    return alive() && hva.caps.vic ? hva.caps.vic_ids : 0;
}

bool hva_hw_read(uint32_t off, uint32_t *val)
{
    if (!alive())
        return false;
    *val = tp->io.read32(tp->io.ctx, off);
    return !(tp->io.bus_error && tp->io.bus_error(tp->io.ctx)) && alive();
}

bool hva_hw_write(uint32_t off, uint32_t val)
{
    if (!alive())
        return false;
    tp->io.write32(tp->io.ctx, off, val);
    return !(tp->io.bus_error && tp->io.bus_error(tp->io.ctx)) && alive();
}

bool hva_hw_drives_sources(void)
{
    return alive() && tp->set_source;
}

void hva_hw_set_source(uint32_t src, bool level)
{
    if (alive() && tp->set_source)
        tp->set_source(src, level);
}

uint64_t hva_hw_vic_guest_hpa(uint32_t file)
{
    if (!alive() || !tp->regs_hpa || file >= hva_hw_vic_guests())
        return 0;
    return tp->regs_hpa + HVA_VIC_GUEST_OFFSET + (uint64_t)file * HVA_VIC_GUEST_STRIDE;
}

uint32_t hva_hw_vic_hgei(uint32_t file)
{
    if (!alive() || tp->guest_eip || file >= HVA_VIC_MAX_GUESTS)
        return 0;
    return hgei[file];
}

uint64_t hva_hw_vic_lines(void)
{
    uint64_t lines = 0;
    for (uint32_t g = 0; g < hva_hw_vic_guests(); g++)
        lines |= hva_hw_vic_hgei(g) ? 1UL << hva_hw_vic_hgei(g) : 0;
    return lines;
}

uint32_t hva_hw_guest_eip(void)
{
    if (!alive())
        return 0;
    if (tp->guest_eip)
        return tp->guest_eip();
    uint32_t bits = 0;
    hva_hw_read(VIC_HYP_GUEST_EIP_OFFSET, &bits);
    return bits;
}

bool hva_hw_walker_on(void)
{
    return walker_on && alive();      /* walker_on first: the MMIO path asks on every exit */
}

static bool same_ctx(const struct xlate_ctx *a, const struct xlate_ctx *b)
{
    return a->vsatp == b->vsatp && a->hgatp == b->hgatp && a->virt == b->virt &&
           a->user == b->user && a->sum == b->sum && a->vmxr == b->vmxr && a->mxr == b->mxr &&
           a->hlvx == b->hlvx && a->ad_mode == b->ad_mode;
}

/* Through context slot 0 where the HVA has slots: the context is written
 * once while it stays the same, and a translation is then one write and one
 * read (the full result registers only on a fault); else a full request. */
bool hva_hw_translate(const struct xlate_ctx *c, uint64_t addr, int access, struct xlate_result *r)
{
    static struct xlate_ctx in_slot;
    static bool slot_valid;
    if (!alive())
        return false;
    if (!hva.caps.ctx_slots)
        return hva_translate(&hva, c, addr, (enum xlate_access)access, r, NULL) == HVA_OK && alive();
    if (!slot_valid || !same_ctx(&in_slot, c)) {
        slot_valid = false;
        if (hva_ctx_load(&hva, 0, c) != HVA_OK)
            return false;
        in_slot = *c;
        slot_valid = true;
    }
    uint64_t hpa = 0;
    int e = hva_translate_fast(&hva, 0, addr, (enum xlate_access)access, &hpa);
    if (e < 0) {
        slot_valid = false;            /* unknown what the slot holds now */
        return false;
    }
    if (e > 0)                         /* a fault: its details from the result registers */
        return hva_last_result(&hva, addr, r, NULL) == HVA_OK && alive();
    r->exc = XLATE_EXC_NONE;
    r->hpa = hpa;
    r->htval = 0;
    return alive();
}

void hva_hw_flush_vmid(uint16_t vmid)
{
    struct hva_inval inv = { .gvma = false, .by_vmid = true, .vmid = vmid };
    if (alive())
        hva_invalidate(&hva, &inv);
}

void hva_hw_shutdown(void)
{
    if (present && tp->shutdown)
        tp->shutdown();
}
