/* G-stage tables: guest RAM is mapped with 2 MiB leaves (U=1 as the spec
 * requires of every G-stage leaf; A/D preset so no hart needs to set them).
 * Anything unmapped (device windows, other VMs, the hypervisor) faults into
 * the hypervisor as a guest-page fault. */
#include "gstage.h"
#include "hext.h"
#include "csr.h"
#include "util.h"

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_PPN_SHIFT 10

#define ROOT_ENTRIES 2048           /* x4: two extra index bits at the root */
#define MAX_ROOTS 8
#define TABLE_POOL 64               /* Sv57x4: one more table per VM than Sv48x4, still room */

static uint64_t roots[MAX_ROOTS][ROOT_ENTRIES] __attribute__((aligned(16384)));
static uint64_t tables[TABLE_POOL][512] __attribute__((aligned(4096)));
static unsigned roots_used, tables_used;
static unsigned levels = 3;         /* Sv39x4; 4 for Sv48x4, 5 for Sv57x4 */
static uint64_t hgatp_mode = HGATP_MODE_SV39X4;

bool gstage_init(enum gstage_mode want)
{
    bool ok = true;
    unsigned l = hart.sv48x4 ? 4 : 3;

    if (want == GSTAGE_SV39X4)
        l = 3;
    else if (want == GSTAGE_SV48X4)
        ok = hart.sv48x4;
    else if (want == GSTAGE_SV57X4 && (ok = hart.sv57x4))
        l = 5;
    levels = l;
    hgatp_mode = l == 5 ? HGATP_MODE_SV57X4 : l == 4 ? HGATP_MODE_SV48X4 : HGATP_MODE_SV39X4;
    return ok;
}

const char *gstage_mode_name(void)
{
    return levels == 5 ? "Sv57x4" : levels == 4 ? "Sv48x4" : "Sv39x4";
}

uint64_t *gstage_new_root(void)
{
    if (roots_used == MAX_ROOTS)
        return NULL;
    uint64_t *root = roots[roots_used++];
    memset(root, 0, sizeof(roots[0]));
    return root;
}

static uint64_t *new_table(void)
{
    if (tables_used == TABLE_POOL)
        return NULL;
    uint64_t *t = tables[tables_used++];
    memset(t, 0, sizeof(tables[0]));
    return t;
}

/* Installs one leaf at `leaf_level` (1: 2 MiB, 0: 4 KiB), creating tables
 * on the way; fails when out of tables or when a larger leaf is in the way. */
static bool map_leaf(uint64_t *root, uint64_t gpa, uint64_t hpa, unsigned leaf_level, uint64_t perms)
{
    uint64_t *table = root;
    for (unsigned level = levels - 1; level > leaf_level; level--) {
        uint64_t mask = level == levels - 1 ? ROOT_ENTRIES - 1 : 511;
        uint64_t *pte = &table[(gpa >> (12 + 9 * level)) & mask];
        if (!(*pte & PTE_V)) {
            uint64_t *next = new_table();
            if (!next)
                return false;
            *pte = ((uint64_t)(uintptr_t)next >> 12) << PTE_PPN_SHIFT | PTE_V;
        } else if (*pte & (PTE_R | PTE_W | PTE_X)) {
            return false;
        }
        table = (uint64_t *)(uintptr_t)((*pte >> PTE_PPN_SHIFT) << 12);
    }
    uint64_t mask = levels - 1 == leaf_level ? ROOT_ENTRIES - 1 : 511;
    table[(gpa >> (12 + 9 * leaf_level)) & mask] =
        (hpa >> 12) << PTE_PPN_SHIFT | PTE_V | PTE_U | PTE_A | PTE_D | perms;
    return true;
}

static bool map_2m(uint64_t *root, uint64_t gpa, uint64_t hpa)
{
    return map_leaf(root, gpa, hpa, 1, PTE_R | PTE_W | PTE_X);
}

bool gstage_map_device_page(uint64_t *root, uint64_t gpa, uint64_t hpa)
{
    if (!IS_ALIGNED(gpa | hpa, KiB(4)))
        return false;
    return map_leaf(root, gpa, hpa, 0, PTE_R | PTE_W);
}

bool gstage_map(uint64_t *root, uint64_t gpa, uint64_t hpa, uint64_t size)
{
    if (!IS_ALIGNED(gpa | hpa | size, MiB(2)))
        return false;
    for (uint64_t off = 0; off < size; off += MiB(2))
        if (!map_2m(root, gpa + off, hpa + off))
            return false;
    return true;
}

uint64_t gstage_hgatp(const uint64_t *root, uint16_t vmid)
{
    return hgatp_mode << HGATP_MODE_SHIFT |
           ((uint64_t)vmid & HGATP_VMID_MASK) << HGATP_VMID_SHIFT |
           (uint64_t)(uintptr_t)root >> 12;
}

void gstage_flush_vmid(uint16_t vmid)
{
    __asm__ volatile(H_INSN("hfence.gvma zero, %0") :: "r"((uint64_t)vmid) : "memory");
}

void gstage_flush_all(void)
{
    __asm__ volatile(H_INSN("hfence.gvma zero, zero") ::: "memory");
}
