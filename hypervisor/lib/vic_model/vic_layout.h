/* Register layout of the HVA's virtual interrupt controller (VIC).
 *
 * Offsets are from the HVA's register base. Two regions:
 *   VIC_HYP_BASE  (4 KiB): the hypervisor's registers (routing table, running
 *                 bits, its own interrupt file for sources routed to it).
 *   VIC_GUEST_BASE + g * VIC_GUEST_STRIDE (16 KiB per guest): guest g's
 *                 interrupt file, four 4 KiB pages laid out like the pages of
 *                 a PLIC (QEMU virt's SiFive PLIC) that hold context 1:
 *
 *   window page  contents                       map it at guest GPA
 *   +0x0000      priority[id] at 4*id           PLIC + 0x000000
 *   +0x1000      pending bits, 32 ids per word  PLIC + 0x001000
 *   +0x2000      enables: context 0 at +0x00    PLIC + 0x002000
 *                (reads 0, writes ignored), the guest's S context
 *                (context 1) at +0x80
 *   +0x3000      threshold +0x0, claim/complete PLIC + 0x201000
 *                +0x4 (context 1's page)
 *
 * so a guest whose DTB says "PLIC at P, context 1 = S-mode of hart 0" works
 * unmodified once the hypervisor maps those four pages at P, P+0x1000,
 * P+0x2000 and P+0x201000 in its G-stage. Other offsets in a guest window read
 * 0 and ignore writes (as a PLIC's reserved space); in the hypervisor region
 * they answer with a bus error.
 *
 * This header must agree with rtl/vic/vic_pkg.sv; tests/rtl/vic runs the RTL
 * and the C model (which uses this header) side by side on every register.
 */
#ifndef CHIPVISOR_VIC_LAYOUT_H
#define CHIPVISOR_VIC_LAYOUT_H

#define VIC_HYP_BASE        0x01000u
#define VIC_HYP_SIZE        0x01000u
#define VIC_GUEST_BASE      0x10000u
#define VIC_GUEST_STRIDE    0x04000u

/* hypervisor region, offsets from VIC_HYP_BASE */
#define VIC_INFO0           0x000u  /* RO [7:0] guests [15:8] vcpus [23:16] priority bits [31:24] version */
#define VIC_INFO1           0x004u  /* RO [15:0] ids per file [31:16] physical sources */
#define VIC_RUNNING         0x010u  /* RW bit g: guest g is running (its line goes to hgeip) */
#define VIC_GUEST_EIP       0x014u  /* RO bit g: guest g's file has a deliverable interrupt */
#define VIC_WAKE            0x018u  /* RO GUEST_EIP & ~RUNNING: guests to schedule */
#define VIC_HYP_THRESHOLD   0x020u  /* RW the hypervisor file's threshold */
#define VIC_HYP_CLAIM       0x024u  /* R: claim, W: complete (hypervisor file) */
#define VIC_INJECT          0x028u  /* WO set a pending bit by software: VIC_ROUTE_* fields vid, guest, to_hyp */
#define VIC_HYP_PENDING     0x080u  /* RO 32 ids per word */
#define VIC_HYP_ENABLE      0x0c0u  /* RW 32 ids per word */
#define VIC_HYP_PRIORITY    0x100u  /* RW 4*id */
#define VIC_SRC_LEVEL       0x200u  /* RO raw source inputs, 32 per word */
#define VIC_ROUTE           0x400u  /* RW 4*source */

#define VIC_VERSION         1u

/* routing table entry (also the INJECT command's format) */
#define VIC_ROUTE_VID_SHIFT    0
#define VIC_ROUTE_VID_MASK     0x3ffu
#define VIC_ROUTE_VCPU_SHIFT   16
#define VIC_ROUTE_VCPU_MASK    0xfu
#define VIC_ROUTE_GUEST_SHIFT  24
#define VIC_ROUTE_GUEST_MASK   0xfu
#define VIC_ROUTE_TO_HYP       (1u << 29)
#define VIC_ROUTE_EDGE         (1u << 30)
#define VIC_ROUTE_ENABLE       (1u << 31)
#define VIC_ROUTE_STORED       0xef0f03ffu  /* bits a route register keeps */

/* guest window, offsets from VIC_GUEST_BASE + g * VIC_GUEST_STRIDE */
#define VIC_G_PRIORITY      0x0000u
#define VIC_G_PENDING       0x1000u
#define VIC_G_ENABLE        0x2080u   /* context 1 */
#define VIC_G_THRESHOLD     0x3000u
#define VIC_G_CLAIM         0x3004u

/* where each window page goes in a guest's PLIC (offset from the PLIC's GPA) */
#define VIC_PLIC_PAGE0_OFF  0x000000u
#define VIC_PLIC_PAGE1_OFF  0x001000u
#define VIC_PLIC_PAGE2_OFF  0x002000u
#define VIC_PLIC_PAGE3_OFF  0x201000u

/* limits of this implementation (the RTL and the model check them) */
#define VIC_MAX_GUESTS      15u
#define VIC_MAX_IDS         64u
#define VIC_MAX_SOURCES     256u
#define VIC_MAX_VCPUS       16u
#define VIC_MAX_PRIO_BITS   7u

#endif
