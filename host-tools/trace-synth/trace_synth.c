/*
 * hva-trace-synth: a Linux-like synthetic stream of two-stage translations
 * in the format hva-trace-replay reads (sim/walker/README.md), for walker
 * sweeps until real streams are recorded (the HVA platform's QEMU).
 *
 *   hva-trace-synth [--seed N] [--requests N] [--procs N] [--vms N]
 *                   [--gpage 4k|2m] [--mode sv39|sv48] [--ram MIB] <out prefix>
 *
 * writes <prefix>.mem (the G-stage and VS-stage tables) and <prefix>.req (the
 * requests, with "mem" lines and fences where the guest changes a mapping).
 *
 * What it models, per VM (VMID 1..N, Sv39 over Sv39x4, or Sv48 over Sv48x4):
 *  - G-stage: guest RAM at GPA 0x80000000 with 2 MiB leaves (what chipvisor's
 *    hypervisor/core/gstage.c builds) or 4 KiB leaves (a host that backs guest
 *    RAM with small pages);
 *  - the guest kernel as Linux lays out Sv39 (Sv48): the kernel image at
 *    0xffffffff80000000 and the linear map at 0xffffffd800000000
 *    (0xffffaf8000000000), both with
 *    2 MiB global leaves, shared by every process's root table;
 *  - processes (ASID 1..P) with 4 KiB user pages: text, a shared library (the
 *    same GPAs in every process), heap and stack, on guest pages scattered
 *    over RAM (a buddy allocator after some uptime);
 *  - references in time slices of one process: kernel text and data, user
 *    text, data (a hot set and sequential runs) and stack, page numbers drawn
 *    with a power-law skew (hot pages first); now and then a heap page moves
 *    to a new guest page (the PTE store as a "mem" line, then the
 *    hfence.vvma the guest's sfence.vma becomes).
 * A/D bits are preset (no A/D writes). Every request is checked against the
 * golden model (hypervisor/lib/model/xlate) before it is written: the stream
 * has no faults. Deterministic for a seed.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlate.h"

#define PAGE        UINT64_C(4096)
#define MIB         (UINT64_C(1) << 20)
#define GUEST_BASE  0x80000000ull
#define HOST_TABLES 0x80000000ull            /* HPA of the G-stage tables */
#define HOST_RAM    0x88000000ull            /* HPA of VM 0's RAM; VM i at + i * ram */
#define KERNEL_VA   0xffffffff80000000ull
#define LINEAR_VA   (levels == 4 ? 0xffffaf8000000000ull : 0xffffffd800000000ull)
#define KERNEL_GPA  0x80200000ull
#define KERNEL_SIZE (16 * MIB)               /* text 8 MiB, data 8 MiB */
#define LIB_VA      0x3f80000000ull
#define TEXT_VA     0x10000ull
#define HEAP_VA     0x2000000ull
#define STACK_TOP   0x3fffff0000ull
#define TEXT_PAGES  96
#define LIB_PAGES   384
#define HEAP_PAGES  4096
#define STACK_PAGES 32
#define MAX_VMS     4
#define MAX_PROCS   32

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

/* ---- sparse memory: the table pages the generator writes ---------------- */
struct tpage { uint64_t hpa; uint64_t w[512]; struct tpage *next; };
#define TP_HASH 4096
static struct tpage *tp_hash[TP_HASH];
static unsigned tp_count;

static struct tpage *tp_find(uint64_t hpa, bool create)
{
    uint64_t pn = hpa / PAGE;
    struct tpage **slot = &tp_hash[pn % TP_HASH];
    for (struct tpage *p = *slot; p; p = p->next)
        if (p->hpa == pn * PAGE)
            return p;
    if (!create)
        return NULL;
    struct tpage *p = calloc(1, sizeof(*p));
    if (!p) {
        fprintf(stderr, "hva-trace-synth: out of memory\n");
        exit(1);
    }
    p->hpa = pn * PAGE;
    p->next = *slot;
    *slot = p;
    tp_count++;
    return p;
}

static uint64_t mem_get(uint64_t hpa)
{
    struct tpage *p = tp_find(hpa, false);
    return p ? p->w[(hpa % PAGE) / 8] : 0;
}

static void mem_set(uint64_t hpa, uint64_t v) { tp_find(hpa, true)->w[(hpa % PAGE) / 8] = v; }

static int model_read(void *ctx, uint64_t hpa, uint64_t *val)
{
    (void)ctx;
    *val = mem_get(hpa);
    return 0;
}

static int model_cas(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    (void)ctx;
    *old = mem_get(hpa);
    if (*old == expect)
        mem_set(hpa, desired);
    return 0;
}

/* ---- random numbers (xorshift64*, seeded) ------------------------------- */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static double rnd_unit(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }
static unsigned rnd_below(unsigned n) { return (unsigned)(rnd_unit() * n); }
/* power-law skew: index 0 hottest; larger exponent, hotter head */
static unsigned rnd_skewed(unsigned n, double exponent)
{
    double u = rnd_unit(), x = u;
    for (double e = 1.0; e < exponent; e += 1.0)
        x *= u;
    return (unsigned)(x * n);
}

/* ---- one VM ------------------------------------------------------------- */
struct proc {
    uint64_t root_gpa;              /* VS root table */
    uint16_t asid;
    uint64_t heap_pos;              /* sequential run: next heap page */
    unsigned run_left;
};

struct vm {
    uint16_t vmid;
    uint64_t ram, hpa_base, groot;  /* guest RAM size, its HPA, G-stage root (HPA) */
    uint64_t next_table_gpa;        /* VS tables: bump allocator from the top of RAM down */
    uint64_t kroot_gpa;             /* kernel's root (template for the processes) */
    uint64_t lib_gpa[LIB_PAGES];    /* the shared library's pages */
    struct proc proc[MAX_PROCS];
    unsigned n_proc;
};

static uint64_t host_next_table = HOST_TABLES + 4 * PAGE;   /* the first 16 KiB: VM 0's root */
static bool gpage_4k;
static int levels = 3;                      /* 3: Sv39 over Sv39x4, 4: Sv48 over Sv48x4 */
static unsigned n_vms = 1, n_procs = 8;

static uint64_t host_table(void)
{
    uint64_t a = host_next_table;
    host_next_table += PAGE;
    if (host_next_table > HOST_RAM) {
        fprintf(stderr, "hva-trace-synth: out of host table space\n");
        exit(1);
    }
    tp_find(a, true);
    return a;
}

static uint64_t gpa_to_hpa(const struct vm *v, uint64_t gpa) { return v->hpa_base + (gpa - GUEST_BASE); }

/* G-stage Sv39x4: GPA[40:30] root (2048 entries), [29:21], [20:12]; Sv48x4 one level more */
static void g_map(struct vm *v, uint64_t gpa, uint64_t hpa, bool big)
{
    uint64_t pte_addr = v->groot + ((gpa >> (12 + 9 * (levels - 1))) & 0x7ff) * 8;
    for (int level = levels - 1; level > (big ? 1 : 0); level--) {
        uint64_t pte = mem_get(pte_addr);
        if (!(pte & PTE_V)) {
            pte = ((host_table() / PAGE) << 10) | PTE_V;
            mem_set(pte_addr, pte);
        }
        pte_addr = (pte >> 10) * PAGE + ((gpa >> (12 + 9 * (level - 1))) & 0x1ff) * 8;
    }
    mem_set(pte_addr, ((hpa / PAGE) << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D);
}

static uint64_t vs_table(struct vm *v)
{
    v->next_table_gpa -= PAGE;
    tp_find(gpa_to_hpa(v, v->next_table_gpa), true);
    return v->next_table_gpa;
}

/* VS Sv39/Sv48 leaf at level 0 (4 KiB) or 1 (2 MiB) in the table rooted at root_gpa;
 * returns the leaf's HPA */
static uint64_t vs_map(struct vm *v, uint64_t root_gpa, uint64_t va, uint64_t gpa, int leaf_level,
                       uint64_t flags)
{
    uint64_t table = root_gpa;
    for (int level = levels - 1; level > leaf_level; level--) {
        uint64_t pa = gpa_to_hpa(v, table) + ((va >> (12 + 9 * level)) & 0x1ff) * 8;
        uint64_t pte = mem_get(pa);
        if (!(pte & PTE_V)) {
            pte = ((vs_table(v) / PAGE) << 10) | PTE_V;
            mem_set(pa, pte);
        }
        table = (pte >> 10) * PAGE;
    }
    uint64_t pa = gpa_to_hpa(v, table) + ((va >> (12 + 9 * leaf_level)) & 0x1ff) * 8;
    mem_set(pa, ((gpa / PAGE) << 10) | flags | PTE_V | PTE_A | PTE_D);
    return pa;
}

/* a guest page for user data, scattered over the RAM below the tables and
 * above the kernel (distinct pages are not required: two processes sharing
 * a frame changes nothing for the walker) */
static uint64_t user_page(struct vm *v)
{
    uint64_t lo = KERNEL_GPA + KERNEL_SIZE, hi = GUEST_BASE + v->ram - 8 * MIB;
    return lo + (uint64_t)rnd_below((unsigned)((hi - lo) / PAGE)) * PAGE;
}

static void build_vm(struct vm *v, unsigned i, uint64_t ram)
{
    memset(v, 0, sizeof(*v));
    v->vmid = (uint16_t)(i + 1);
    v->ram = ram;
    v->hpa_base = HOST_RAM + i * ram;
    if (i == 0) {
        v->groot = HOST_TABLES;
        for (unsigned k = 0; k < 4; k++)
            tp_find(HOST_TABLES + k * PAGE, true);
    } else {
        host_next_table = (host_next_table + 4 * PAGE - 1) & ~(4 * PAGE - 1);
        v->groot = host_next_table;
        for (unsigned k = 0; k < 4; k++)
            host_table();
    }
    for (uint64_t off = 0; off < ram; off += gpage_4k ? PAGE : 2 * MIB)
        g_map(v, GUEST_BASE + off, v->hpa_base + off, !gpage_4k);

    v->next_table_gpa = GUEST_BASE + ram;
    v->kroot_gpa = vs_table(v);
    for (uint64_t off = 0; off < KERNEL_SIZE; off += 2 * MIB)
        vs_map(v, v->kroot_gpa, KERNEL_VA + off, KERNEL_GPA + off, 1,
               PTE_G | PTE_R | (off < KERNEL_SIZE / 2 ? PTE_X : PTE_W));
    for (uint64_t off = 0; off < ram; off += 2 * MIB)
        vs_map(v, v->kroot_gpa, LINEAR_VA + off, GUEST_BASE + off, 1, PTE_G | PTE_R | PTE_W);
    for (unsigned k = 0; k < LIB_PAGES; k++)
        v->lib_gpa[k] = user_page(v);

    v->n_proc = n_procs;
    for (unsigned p = 0; p < n_procs; p++) {
        struct proc *pr = &v->proc[p];
        pr->asid = (uint16_t)(p + 1);
        pr->root_gpa = vs_table(v);
        /* the kernel half of the root: the same level-1 tables (Linux copies
         * the kernel's top-level entries into every new page directory) */
        for (unsigned e = 256; e < 512; e++)
            mem_set(gpa_to_hpa(v, pr->root_gpa) + e * 8, mem_get(gpa_to_hpa(v, v->kroot_gpa) + e * 8));
        for (unsigned k = 0; k < TEXT_PAGES; k++)
            vs_map(v, pr->root_gpa, TEXT_VA + k * PAGE, user_page(v), 0, PTE_U | PTE_R | PTE_X);
        for (unsigned k = 0; k < LIB_PAGES; k++)
            vs_map(v, pr->root_gpa, LIB_VA + k * PAGE, v->lib_gpa[k], 0, PTE_U | PTE_R | PTE_X);
        for (unsigned k = 0; k < HEAP_PAGES; k++)
            vs_map(v, pr->root_gpa, HEAP_VA + k * PAGE, user_page(v), 0, PTE_U | PTE_R | PTE_W);
        for (unsigned k = 0; k < STACK_PAGES; k++)
            vs_map(v, pr->root_gpa, STACK_TOP - (k + 1) * PAGE, user_page(v), 0, PTE_U | PTE_R | PTE_W);
        pr->heap_pos = rnd_below(HEAP_PAGES);
    }
}

/* ---- the stream --------------------------------------------------------- */
struct ref { uint64_t va; enum xlate_access acc; bool user; };

static struct ref next_ref(struct vm *v, struct proc *p)
{
    struct ref r = { 0, XLATE_READ, true };
    unsigned pick = rnd_below(100), off = (unsigned)(rnd() & 0xff8);
    (void)v;
    if (pick < 12) {                        /* kernel text (syscalls, interrupts) */
        r.va = KERNEL_VA + (uint64_t)rnd_skewed((unsigned)(KERNEL_SIZE / 2 / PAGE), 3) * PAGE;
        r.acc = XLATE_EXEC;
        r.user = false;
    } else if (pick < 24) {                 /* kernel data: slab, page cache, via the linear map */
        r.va = LINEAR_VA + (uint64_t)rnd_skewed((unsigned)(v->ram / PAGE), 4) * PAGE;
        r.acc = rnd_below(3) ? XLATE_READ : XLATE_WRITE;
        r.user = false;
    } else if (pick < 36) {                 /* program text */
        r.va = TEXT_VA + (uint64_t)rnd_skewed(TEXT_PAGES, 2) * PAGE;
        r.acc = XLATE_EXEC;
    } else if (pick < 50) {                 /* shared library text */
        r.va = LIB_VA + (uint64_t)rnd_skewed(LIB_PAGES, 3) * PAGE;
        r.acc = XLATE_EXEC;
    } else if (pick < 88) {                 /* heap: sequential runs, else the hot set */
        if (!p->run_left && rnd_below(100) < 8) {
            p->heap_pos = rnd_below(HEAP_PAGES);
            p->run_left = 16 + rnd_below(48);
        }
        uint64_t page;
        if (p->run_left) {
            page = p->heap_pos;
            p->heap_pos = (p->heap_pos + 1) % HEAP_PAGES;
            p->run_left--;
        } else {
            page = rnd_skewed(HEAP_PAGES, 3);
        }
        r.va = HEAP_VA + page * PAGE;
        r.acc = rnd_below(10) < 7 ? XLATE_READ : XLATE_WRITE;
    } else {                                /* stack */
        r.va = STACK_TOP - (uint64_t)(1 + rnd_skewed(STACK_PAGES, 3)) * PAGE;
        r.acc = rnd_below(2) ? XLATE_READ : XLATE_WRITE;
    }
    r.va += off;
    return r;
}

static void usage(void)
{
    fprintf(stderr, "usage: hva-trace-synth [--seed N] [--requests N] [--procs N] [--vms N] "
                    "[--gpage 4k|2m] [--mode sv39|sv48] [--ram MIB] <out prefix>\n");
    exit(2);
}

static void write_image(const char *path, unsigned n_vm, uint64_t ram)
{
    FILE *f = fopen(path, "w");
    struct tpage **all = malloc(sizeof(*all) * (tp_count ? tp_count : 1));
    unsigned n = 0;
    if (!f || !all) {
        fprintf(stderr, "hva-trace-synth: %s: cannot write\n", path);
        exit(1);
    }
    for (unsigned i = 0; i < TP_HASH; i++)
        for (struct tpage *p = tp_hash[i]; p; p = p->next)
            all[n++] = p;
    for (unsigned i = 1; i < n; i++)        /* insertion sort by address: a few thousand pages */
        for (unsigned j = i; j > 0 && all[j - 1]->hpa > all[j]->hpa; j--) {
            struct tpage *t = all[j];
            all[j] = all[j - 1];
            all[j - 1] = t;
        }
    fprintf(f, "# hva-trace-synth page tables: %u VM(s), %" PRIu64 " MiB each, %u table pages\n",
            n_vm, ram / MIB, n);
    fprintf(f, "ram 80000000 80000000\n");
    for (unsigned i = 0; i < n; i++) {
        for (unsigned k = 0; k < 512;) {
            if (!all[i]->w[k]) {
                k++;
                continue;
            }
            fprintf(f, "%" PRIx64 ":", all[i]->hpa + k * 8);
            /* runs of at most 64 words: the image reader's lines are under 4 KiB */
            for (unsigned run = 0; k < 512 && all[i]->w[k] && run < 64; run++)
                fprintf(f, " %016" PRIx64, all[i]->w[k++]);
            fputc('\n', f);
        }
    }
    free(all);
    fclose(f);
}

int main(int argc, char **argv)
{
    uint64_t seed = 1, requests = 100000, ram_mib = 256;
    static struct vm vms[MAX_VMS];
    const char *prefix = NULL;
    char path[4096];

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(a, "--requests") && i + 1 < argc) requests = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(a, "--procs") && i + 1 < argc) n_procs = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(a, "--vms") && i + 1 < argc) n_vms = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(a, "--ram") && i + 1 < argc) ram_mib = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(a, "--mode") && i + 1 < argc) {
            a = argv[++i];
            if (!strcmp(a, "sv48")) levels = 4;
            else if (strcmp(a, "sv39")) usage();
        } else if (!strcmp(a, "--gpage") && i + 1 < argc) {
            a = argv[++i];
            if (!strcmp(a, "4k")) gpage_4k = true;
            else if (strcmp(a, "2m")) usage();
        } else if (a[0] != '-' && !prefix) prefix = a;
        else usage();
    }
    if (!prefix || !n_procs || n_procs > MAX_PROCS || !n_vms || n_vms > MAX_VMS ||
        ram_mib < 64 || ram_mib % 2 || HOST_RAM + n_vms * ram_mib * MIB > GUEST_BASE + 0x80000000ull)
        usage();
    rng_state = seed * 0x9e3779b97f4a7c15ull + 1;
    for (unsigned i = 0; i < n_vms; i++)
        build_vm(&vms[i], i, ram_mib * MIB);

    snprintf(path, sizeof(path), "%s.req", prefix);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "hva-trace-synth: %s: cannot write\n", path);
        return 1;
    }
    fprintf(f, "# source synthetic: hva-trace-synth --seed %" PRIu64 " --requests %" PRIu64
               " --procs %u --vms %u --gpage %s --mode %s --ram %" PRIu64 "\n",
            seed, requests, n_procs, n_vms, gpage_4k ? "4k" : "2m", levels == 4 ? "sv48" : "sv39", ram_mib);
    fprintf(f, "# vsatp hgatp virt user sum mxr vmxr hlvx access addr\n");

    struct xlate_mem mm = { model_read, model_cas, NULL };
    static const char acc_ch[] = { 'r', 'w', 'x' };
    unsigned vi = 0, pi = 0, slice_left = 0, remaps = 0;
    uint64_t model_reads = 0;
    for (uint64_t n = 0; n < requests; n++) {
        if (!slice_left) {                  /* next time slice: another process, maybe another VM */
            slice_left = 500 + rnd_below(3000);
            pi = rnd_below(n_procs);
            vi = rnd_below(n_vms);
        }
        slice_left--;
        struct vm *v = &vms[vi];
        struct proc *p = &v->proc[pi];
        if (rnd_below(4000) == 0) {         /* a heap page moves (migration, COW): new PTE, fence */
            uint64_t va = HEAP_VA + (uint64_t)rnd_skewed(HEAP_PAGES, 3) * PAGE;
            uint64_t leaf = vs_map(v, p->root_gpa, va, user_page(v), 0, PTE_U | PTE_R | PTE_W);
            fprintf(f, "mem %" PRIx64 " %016" PRIx64 "\n", leaf, mem_get(leaf));
            fprintf(f, "hfence.vvma vmid=%u asid=%u addr=0x%" PRIx64 "\n", v->vmid, p->asid, va);
            remaps++;
        }
        struct ref r = next_ref(v, p);
        struct xlate_ctx c = {
            .vsatp = ((uint64_t)(5 + levels) << 60) | ((uint64_t)p->asid << 44) | (p->root_gpa / PAGE),
            .hgatp = ((uint64_t)(5 + levels) << 60) | ((uint64_t)v->vmid << 44) | (v->groot / PAGE),
            .virt = true, .user = r.user, .ad_mode = XLATE_AD_UPDATE,
        };
        struct xlate_result res;
        xlate_translate(&c, &mm, r.va, r.acc, &res);
        if (res.exc) {
            fprintf(stderr, "hva-trace-synth: request %" PRIu64 " (0x%" PRIx64 ") faults in the model: "
                    "exc %u (a generator bug)\n", n, r.va, res.exc);
            return 1;
        }
        model_reads += res.pte_reads;
        fprintf(f, "0x%016" PRIx64 " 0x%016" PRIx64 " 1 %d 0 0 0 0 %c 0x%" PRIx64 "\n",
                c.vsatp, c.hgatp, r.user, acc_ch[r.acc], r.va);
    }
    /* what a walker without caches must read (make test compares) */
    fprintf(f, "# model: %" PRIu64 " requests, %" PRIu64 " PTE reads without caches\n", requests, model_reads);
    fclose(f);
    snprintf(path, sizeof(path), "%s.mem", prefix);
    write_image(path, n_vms, ram_mib * MIB);
    printf("hva-trace-synth: seed %" PRIu64 ": %" PRIu64 " requests, %u VM(s) x %u processes, "
           "G-stage %s leaves, %u remaps, %u table pages -> %s.{mem,req}\n",
           seed, requests, n_vms, n_procs, gpage_4k ? "4 KiB" : "2 MiB", remaps, tp_count, prefix);
    return 0;
}
