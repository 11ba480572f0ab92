/* The wire between the HVA platform QEMU's hart (host-tools/qemu-hva/0002
 * patch, target/riscv/hva_walk.c, which keeps its own copy of these numbers)
 * and hva-walk-check: fixed-size messages on a Unix SOCK_SEQPACKET socket the
 * checker listens on. Host byte order (both ends run on one host).
 *
 *   QEMU -> checker  XLATE   one two-stage translation of the hart's TLB fill,
 *                            with QEMU's own answer; answered by a VERDICT
 *                            (synchronous: the walker must see the page tables
 *                            the hart just read, before the guest runs on)
 *   QEMU -> checker  FENCE   an SFENCE.VMA executed with V=1, an HFENCE.VVMA or
 *                            an HFENCE.GVMA that the hart executed (no answer)
 *   checker -> QEMU  VERDICT 0 agree, 1 disagree (text: the request and both answers)
 *
 * A separate socket from the device's (hva_dev_proto.h): the checker is its
 * own walker instance with its own caches, so the hypervisor's use of the
 * HVA's walker and the hart's stream do not disturb each other. */
#ifndef HVA_WALK_PROTO_H
#define HVA_WALK_PROTO_H

#include <stdint.h>

#define HVA_WALK_VERSION 1u

enum hva_walk_type {
    HVA_WALK_XLATE   = 1,
    HVA_WALK_FENCE   = 2,
    HVA_WALK_VERDICT = 3,
};

/* flags of XLATE: the request as the walker takes it */
#define HVA_WALK_F_VIRT    (1u << 0)   /* two-stage (always, from QEMU) */
#define HVA_WALK_F_USER    (1u << 1)   /* effective privilege U */
#define HVA_WALK_F_SUM     (1u << 2)
#define HVA_WALK_F_MXR     (1u << 3)   /* MXR of both stages (QEMU: vsstatus.MXR, its G-stage MXR) */
#define HVA_WALK_F_VMXR    (1u << 4)   /* MXR of the VS-stage (QEMU: mstatus.MXR) */
#define HVA_WALK_F_HLVX    (1u << 5)
#define HVA_WALK_F_ACC_SHIFT 8         /* 2 bits: 0 read, 1 write, 2 execute */
#define HVA_WALK_F_HYP     (1u << 12)  /* an HLV/HSV of HS-mode (V=0), not the guest's own access */
/* flags of FENCE */
#define HVA_WALK_F_GVMA    (1u << 16)  /* HFENCE.GVMA (else HFENCE.VVMA or SFENCE.VMA at V=1) */
#define HVA_WALK_F_RS1     (1u << 17)  /* rs1 != x0: addr is given */
#define HVA_WALK_F_RS2     (1u << 18)  /* rs2 != x0: id is given (ASID, or VMID for GVMA) */

/* QEMU's answer (XLATE) */
enum hva_walk_qemu {
    HVA_WALK_Q_OK        = 0,   /* pa, prot */
    HVA_WALK_Q_PAGE      = 1,   /* VS-stage page fault */
    HVA_WALK_Q_GUEST     = 2,   /* guest-page fault on the access's GPA (htval) */
    HVA_WALK_Q_GUEST_IMP = 3,   /* guest-page fault on a VS-stage PTE's GPA (htval) */
    HVA_WALK_Q_PMP       = 4,   /* a PMP check failed: not a translation answer, not compared */
};

/* QEMU's prot bits (PAGE_READ/WRITE/EXEC) */
#define HVA_WALK_PROT_R 1u
#define HVA_WALK_PROT_W 2u
#define HVA_WALK_PROT_X 4u

struct hva_walk_msg {
    uint32_t type;
    uint32_t flags;
    uint64_t vsatp;    /* XLATE: the VS-stage satp QEMU used */
    uint64_t hgatp;    /* XLATE, FENCE: hgatp now (FENCE: its VMID is the fence's, except GVMA) */
    uint64_t addr;     /* XLATE: GVA; FENCE: rs1 (GVA, or GPA >> 2 for GVMA) */
    uint64_t id;       /* FENCE: rs2 (ASID, or VMID for GVMA) */
    uint32_t q_result; /* XLATE: enum hva_walk_qemu */
    uint32_t q_prot;   /* XLATE ok: PAGE_* of the TLB entry, both stages, before PMP */
    uint64_t q_pa;     /* XLATE ok: HPA of addr */
    uint64_t q_htval;  /* XLATE guest-page faults: GPA >> 2 */
};

_Static_assert(sizeof(struct hva_walk_msg) == 64, "the wire format is 64 bytes");

#define HVA_WALK_TEXT 248

struct hva_walk_verdict {
    uint32_t type;
    uint32_t disagree;
    char text[HVA_WALK_TEXT];   /* NUL-terminated */
};

_Static_assert(sizeof(struct hva_walk_verdict) == 256, "the wire format is 256 bytes");

#endif
