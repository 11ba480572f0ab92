/* Register layout of the HVA's virtual interrupt controller (VIC).
 *
 * Offsets are from the HVA's register base. Two regions:
 *   VIC_HYP_BASE  (4 KiB): the hypervisor's registers (routing table, running
 *                 bits, its own interrupt file for sources routed to it).
 *   VIC_GUEST_BASE + g * VIC_GUEST_STRIDE (32 KiB per guest): guest g's
 *                 interrupt file, 4 KiB pages laid out like the pages of a
 *                 PLIC (QEMU virt's SiFive PLIC) that hold the S-mode
 *                 contexts 2k+1 of harts k = 0..ctxs-1 (the guest's vCPUs):
 *
 *   window page  contents                       map it at guest GPA
 *   +0x0000      priority[id] at 4*id           PLIC + 0x000000
 *   +0x1000      pending bits, 32 ids per word  PLIC + 0x001000
 *   +0x2000      enables: context c at c*0x80;  PLIC + 0x002000
 *                vCPU k's (context 2k+1) at
 *                0x80 + k*0x100, M contexts read 0
 *   +0x4000+k*0x1000  vCPU k's threshold +0x0,  PLIC + 0x201000 + k*0x2000
 *                claim/complete +0x4
 *
 * so a guest whose DTB says "PLIC at P, context 2k+1 = S-mode of vCPU k" (as
 * QEMU virt's, with the M contexts 2k) works unmodified once the hypervisor
 * maps pages 0..2 at P, P+0x1000, P+0x2000 and vCPU k's page at P+0x201000+
 * k*0x2000 in its G-stage. Other offsets in a guest window read
 * 0 and ignore writes (as a PLIC's reserved space); in the hypervisor region
 * they answer with a bus error.
 *
 * Every value comes from the HVA's register map (rtl/hva/hva_regs.map, the
 * one source; build/rtl/hva/hva_regs.h here, hva_regs_pkg.sv for
 * rtl/vic/vic.sv): this header only gives the VIC's code its names.
 */
#ifndef CHIPVISOR_VIC_LAYOUT_H
#define CHIPVISOR_VIC_LAYOUT_H

#include "hva_regs.h"

/* regions: VIC_HYP_BASE and VIC_GUEST_BASE come from the map as they are */
#define VIC_HYP_SIZE        HVA_VIC_HYP_SIZE
#define VIC_GUEST_STRIDE    HVA_VIC_GUEST_STRIDE

/* hypervisor region, offsets from VIC_HYP_BASE */
#define VIC_INFO0           (VIC_HYP_INFO0_OFFSET - VIC_HYP_BASE)     /* [7:0] guests [15:8] vcpus [23:16] priority bits [31:24] version */
#define VIC_INFO1           (VIC_HYP_INFO1_OFFSET - VIC_HYP_BASE)     /* [15:0] ids per file [31:16] physical sources */
#define VIC_INFO2           (VIC_HYP_INFO2_OFFSET - VIC_HYP_BASE)     /* [7:0] contexts per guest [15:8] lines */
#define VIC_LINE            (VIC_HYP_LINE_OFFSET - VIC_HYP_BASE)      /* + 4 * (g * VIC_MAX_CTXS + k) */
#define VIC_LINE_LINE_MASK  VIC_HYP_LINE_LINE_MASK
#define VIC_LINE_RUN        VIC_HYP_LINE_RUN
#define VIC_LINE_EIP        VIC_HYP_LINE_EIP
#define VIC_RUNNING         (VIC_HYP_RUNNING_OFFSET - VIC_HYP_BASE)
#define VIC_GUEST_EIP       (VIC_HYP_GUEST_EIP_OFFSET - VIC_HYP_BASE)
#define VIC_WAKE            (VIC_HYP_WAKE_OFFSET - VIC_HYP_BASE)
#define VIC_HYP_THRESHOLD   (VIC_HYP_THRESHOLD_OFFSET - VIC_HYP_BASE)
#define VIC_HYP_CLAIM       (VIC_HYP_CLAIM_OFFSET - VIC_HYP_BASE)
#define VIC_INJECT          (VIC_HYP_INJECT_OFFSET - VIC_HYP_BASE)
#define VIC_HYP_PENDING     (VIC_HYP_PENDING_OFFSET - VIC_HYP_BASE)
#define VIC_HYP_ENABLE      (VIC_HYP_ENABLE_OFFSET - VIC_HYP_BASE)
#define VIC_HYP_PRIORITY    (VIC_HYP_PRIORITY_OFFSET - VIC_HYP_BASE)
#define VIC_SRC_LEVEL       (VIC_HYP_SRC_LEVEL_OFFSET - VIC_HYP_BASE)
#define VIC_ROUTE           (VIC_HYP_ROUTE_OFFSET - VIC_HYP_BASE)

#define VIC_VERSION         HVA_VIC_VERSION

/* routing table entry (also the INJECT command's format) */
#define VIC_ROUTE_VID_SHIFT    VIC_HYP_INJECT_VID_LSB
#define VIC_ROUTE_VID_MASK     ((1u << VIC_HYP_INJECT_VID_WIDTH) - 1)
#define VIC_ROUTE_VCPU_SHIFT   VIC_HYP_INJECT_VCPU_LSB
#define VIC_ROUTE_VCPU_MASK    ((1u << VIC_HYP_INJECT_VCPU_WIDTH) - 1)
#define VIC_ROUTE_GUEST_SHIFT  VIC_HYP_INJECT_GUEST_LSB
#define VIC_ROUTE_GUEST_MASK   ((1u << VIC_HYP_INJECT_GUEST_WIDTH) - 1)
#define VIC_ROUTE_TO_HYP       VIC_HYP_INJECT_TO_HYP_MASK
#define VIC_ROUTE_EDGE         VIC_HYP_INJECT_EDGE_MASK
#define VIC_ROUTE_ENABLE       VIC_HYP_INJECT_ENABLE_MASK
#define VIC_ROUTE_STORED       VIC_HYP_INJECT_WOMASK   /* bits a route register keeps */

/* guest window, offsets from VIC_GUEST_BASE + g * VIC_GUEST_STRIDE */
#define VIC_G_PRIORITY      (VIC_GUEST_PRIORITY_OFFSET - VIC_GUEST_BASE)
#define VIC_G_PENDING       (VIC_GUEST_PENDING_OFFSET - VIC_GUEST_BASE)
#define VIC_G_ENABLE        (VIC_GUEST_ENABLE_S_OFFSET - VIC_GUEST_BASE)   /* vCPU 0: context 1 */
#define VIC_G_THRESHOLD     (VIC_GUEST_THRESHOLD_OFFSET - VIC_GUEST_BASE)  /* vCPU 0 */
#define VIC_G_CLAIM         (VIC_GUEST_CLAIM_OFFSET - VIC_GUEST_BASE)
#define VIC_G_CTX_ENABLE_STRIDE VIC_GUEST_CTX_ENABLE_STRIDE              /* vCPU k: + k * this */
#define VIC_G_CTX_PAGE_STRIDE   VIC_GUEST_CTX_PAGE_STRIDE
#define VIC_G_ENABLE_K(k)   (VIC_G_ENABLE + (k) * VIC_G_CTX_ENABLE_STRIDE)
#define VIC_G_THRESHOLD_K(k) (VIC_G_THRESHOLD + (k) * VIC_G_CTX_PAGE_STRIDE)
#define VIC_G_CLAIM_K(k)    (VIC_G_CLAIM + (k) * VIC_G_CTX_PAGE_STRIDE)

/* where each window page goes in a guest's PLIC (offset from the PLIC's GPA) */
#define VIC_PLIC_PAGE0_OFF  VIC_GUEST_PLIC_PAGE0
#define VIC_PLIC_PAGE1_OFF  VIC_GUEST_PLIC_PAGE1
#define VIC_PLIC_PAGE2_OFF  VIC_GUEST_PLIC_PAGE2
#define VIC_PLIC_PAGE3_OFF  VIC_GUEST_PLIC_PAGE3      /* vCPU 0's context page */
#define VIC_PLIC_CTX_STRIDE VIC_GUEST_PLIC_CTX_STRIDE /* vCPU k's: + k * this */

/* limits of this implementation (the RTL and the model check them) */
#define VIC_MAX_GUESTS      HVA_VIC_MAX_GUESTS
#define VIC_MAX_IDS         HVA_VIC_MAX_IDS
#define VIC_MAX_SOURCES     HVA_VIC_MAX_SOURCES
#define VIC_MAX_VCPUS       HVA_VIC_MAX_VCPUS
#define VIC_MAX_PRIO_BITS   HVA_VIC_MAX_PRIO_BITS
#define VIC_MAX_CTXS        HVA_VIC_MAX_CTXS

#endif
