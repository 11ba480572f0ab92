/*
 * Virtual APLIC: one interrupt domain of a RISC-V Advanced Platform-Level
 * Interrupt Controller in MSI delivery mode (RISC-V AIA 1.0, chapter 4), the
 * register page a guest's irq-riscv-aplic-msi driver programs. The
 * hypervisor traps the guest's accesses to the 16 KiB page and passes them
 * to vaplic_read/vaplic_write, reports its device wires with
 * vaplic_set_level, and after every call drains vaplic_next_msi, writing
 * each EIID it returns into the guest's IMSIC interrupt file.
 *
 * Implemented (a leaf domain, as a guest sees a supervisor-level one):
 *   domaincfg        IE writable; DM read-only 1 (MSI mode); BE read-only 0;
 *                    bits 31:24 read 0x80.
 *   sourcecfg[i]     SM = Inactive, Detached, Edge1, Edge0, Level1, Level0.
 *                    D = 1 sets the whole register to 0 (no child domains);
 *                    a reserved SM (2, 3) is ignored (register unchanged).
 *                    Making a source inactive clears its pending and enable
 *                    bits; its target reads 0 and ignores writes while
 *                    inactive and reads 0 when made active again.
 *                    A write that leaves a level source with its rectified
 *                    input high sets its pending bit (the spec allows it;
 *                    it keeps a line that was already high from being lost).
 *   m/smsiaddrcfg(h) writable and kept with their reserved bits zero,
 *                    mmsiaddrcfgh.L locks all four; the library never uses
 *                    them (the hypervisor decides where MSIs go).
 *   setip, setipnum, in_clrip (reads give the rectified inputs), clripnum,
 *   setie, setienum, clrie, clrienum, setipnum_le, setipnum_be.
 *   genmsi           Busy from the write until vaplic_next_msi takes the
 *                    extempore MSI (sent whatever domaincfg.IE is; after the
 *                    sources' MSIs; an EIID of 0 clears Busy, sends nothing).
 *   target[i]        Hart Index (14 bits), Guest Index (6 bits), EIID (11).
 *                    The library passes them through; the Hart Index the
 *                    guest writes is a vCPU index (vaplic_msi_vcpu).
 * Pending bits follow the spec's MSI-mode rules: edge sources on a rising
 * rectified edge or setip/setipnum; level sources on a rising rectified
 * input, or setip/setipnum while it is high, never while it is low (a low
 * input clears it); detached sources only by setip/setipnum. A source that
 * is pending, enabled and active while domaincfg.IE = 1 is forwarded: its
 * pending bit is cleared and one MSI (target's hart, guest index, EIID)
 * goes out. An EIID of 0 (no identity at an IMSIC) is forwarded to nobody:
 * the pending bit is cleared and nothing is returned.
 * Reserved offsets below 0x4000 read 0 and ignore writes; accesses that are
 * not naturally aligned 32-bit, or at 0x4000 or above, are rejected (-1).
 *
 * Left out: direct delivery mode (DM = 0) and its IDC structures at 0x4000,
 * delegation to child domains (D = 1), big-endian register order (BE = 1),
 * hiding the msiaddrcfg fields once locked, more than VAPLIC_MAX_SOURCES
 * sources (raise the #define, up to 1023).
 *
 * Bounded work: every call is O(VAPLIC_MAX_SOURCES / 32) at most;
 * a drain loop returns at most nr_sources + 1 MSIs. Freestanding: no libc.
 */
#ifndef VAPLIC_H
#define VAPLIC_H

#include <stdbool.h>
#include <stdint.h>

#define VAPLIC_MAX_SOURCES 63u                        /* sources 1..63 */
#define VAPLIC_WORDS       (VAPLIC_MAX_SOURCES / 32 + 1) /* bit i = source i */

/* register layout (offsets in the domain's control region) */
#define VAPLIC_DOMAINCFG     0x0000u
#define VAPLIC_SOURCECFG     0x0004u /* + 4 * (i - 1) */
#define VAPLIC_MMSIADDRCFG   0x1bc0u
#define VAPLIC_MMSIADDRCFGH  0x1bc4u
#define VAPLIC_SMSIADDRCFG   0x1bc8u
#define VAPLIC_SMSIADDRCFGH  0x1bccu
#define VAPLIC_SETIP         0x1c00u /* + 4 * k, k = 0..31 */
#define VAPLIC_SETIPNUM      0x1cdcu
#define VAPLIC_IN_CLRIP      0x1d00u
#define VAPLIC_CLRIPNUM      0x1ddcu
#define VAPLIC_SETIE         0x1e00u
#define VAPLIC_SETIENUM      0x1edcu
#define VAPLIC_CLRIE         0x1f00u
#define VAPLIC_CLRIENUM      0x1fdcu
#define VAPLIC_SETIPNUM_LE   0x2000u
#define VAPLIC_SETIPNUM_BE   0x2004u
#define VAPLIC_GENMSI        0x3000u
#define VAPLIC_TARGET        0x3004u /* + 4 * (i - 1) */
#define VAPLIC_SIZE          0x4000u /* the node's reg size in MSI mode */

/* domaincfg */
#define VAPLIC_DOMAINCFG_RO80 0x80000000u
#define VAPLIC_DOMAINCFG_IE   (1u << 8)
#define VAPLIC_DOMAINCFG_DM   (1u << 2)
#define VAPLIC_DOMAINCFG_BE   (1u << 0)

/* sourcecfg */
#define VAPLIC_SOURCECFG_D    (1u << 10)
#define VAPLIC_SM_INACTIVE    0u
#define VAPLIC_SM_DETACHED    1u
#define VAPLIC_SM_EDGE1       4u
#define VAPLIC_SM_EDGE0       5u
#define VAPLIC_SM_LEVEL1      6u
#define VAPLIC_SM_LEVEL0      7u

/* target (MSI mode) and genmsi */
#define VAPLIC_TARGET_HART_SHIFT  18
#define VAPLIC_TARGET_HART_MASK   0x3fffu
#define VAPLIC_TARGET_GUEST_SHIFT 12
#define VAPLIC_TARGET_GUEST_MASK  0x3fu
#define VAPLIC_TARGET_EIID_MASK   0x7ffu
#define VAPLIC_GENMSI_BUSY        (1u << 12)

/* msiaddrcfg writable bits */
#define VAPLIC_MMSIADDRCFGH_L     (1u << 31)
#define VAPLIC_MMSIADDRCFGH_MASK  0x9f77ffffu /* L, HHXS, LHXS, HHXW, LHXW, PPN */
#define VAPLIC_SMSIADDRCFGH_MASK  0x00700fffu /* LHXS, PPN */

struct vaplic_msi {
    uint32_t hart_index;  /* target Hart Index (genmsi's for an extempore MSI): the
                             guest's vCPU index, its place in the guest IMSIC node */
    uint32_t guest_index; /* 0 = the hart's supervisor-level file (as the guest sees it) */
    uint32_t eiid;        /* the identity to write into that file, 1..2047 */
};

struct vaplic {
    uint32_t nr_sources;                 /* N: sources 1..N exist */
    bool     ie;                         /* domaincfg.IE */
    uint8_t  sm[VAPLIC_MAX_SOURCES + 1]; /* sourcecfg[i] (SM only; D is never 1) */
    uint32_t target[VAPLIC_MAX_SOURCES + 1];
    uint32_t wire[VAPLIC_WORDS];         /* incoming wire levels, whatever the mode */
    uint32_t pending[VAPLIC_WORDS];
    uint32_t enable[VAPLIC_WORDS];
    uint32_t genmsi;                     /* Busy set while the extempore MSI is queued */
    uint32_t mmsiaddrcfg, mmsiaddrcfgh, smsiaddrcfg, smsiaddrcfgh;
};

/* Reset state: every source inactive, IE = 0, wires low. nr_sources is
 * clamped to 1..VAPLIC_MAX_SOURCES; give the same number as the DT node's
 * riscv,num-sources. */
void vaplic_init(struct vaplic *a, uint32_t nr_sources);

/* One guest access of size bytes at byte offset off of the register page.
 * 0, or -1 for an access the spec does not support (size != 4, misaligned,
 * off >= VAPLIC_SIZE): the caller reports an access fault to the guest.
 * After a write, drain vaplic_next_msi. Reads never create MSIs. */
int vaplic_read(struct vaplic *a, uint32_t off, uint32_t size, uint32_t *val);
int vaplic_write(struct vaplic *a, uint32_t off, uint32_t size, uint32_t val);

/* The wire of source (1..N) is now at level; other numbers are ignored.
 * Call it whenever a device's line may have changed (same level again is
 * harmless), then drain vaplic_next_msi. */
void vaplic_set_level(struct vaplic *a, uint32_t source, bool level);

/* Pops one MSI to send: the lowest-numbered source that is pending and
 * enabled while domaincfg.IE = 1 (its pending bit is cleared: it is
 * forwarded now), else the extempore MSI of genmsi. false when none.
 * Call in a loop after every vaplic_write / vaplic_set_level:
 *     while (vaplic_next_msi(a, &m)) send m.eiid to file (m.hart_index, m.guest_index);
 * It returns true at most nr_sources + 1 times between other calls. */
bool vaplic_next_msi(struct vaplic *a, struct vaplic_msi *msi);

/* The vCPU whose IMSIC guest file an MSI is for, in a VM of n_vcpus vCPUs:
 * true with *vcpu = hart_index when guest_index is 0 and hart_index <
 * n_vcpus; false for a file the VM does not have (the MSI is dropped, as a
 * write to an address with no IMSIC behind it would be). */
bool vaplic_msi_vcpu(const struct vaplic_msi *msi, uint32_t n_vcpus, uint32_t *vcpu);

#endif
