/* The guest's interrupt controller, enable / claim / complete: the PLIC at
 * PLIC_BASE (context 1, the hart's S-mode external interrupt), or with
 * IRQ_CTL_AIA defined before including this, an AIA IMSIC guest file through
 * the S-level CSRs (VS-mode: the vs* ones), where a claim is the whole
 * handshake and never traps. */
#ifndef IRQ_CTL_H
#define IRQ_CTL_H
#include "guest.h"
#include "devices.h"

#ifdef IRQ_CTL_AIA
#define IMSIC_EIDELIVERY  0x70
#define IMSIC_EITHRESHOLD 0x72
#define IMSIC_EIE0        0xC0

static inline void irq_ctl_ireg_write(uint64_t sel, uint64_t val)
{
    __asm__ volatile("csrw 0x150, %0\n\tcsrw 0x151, %1" :: "r"(sel), "r"(val) : "memory");
}

/* ids 1..31 in `mask` enabled, delivery on, threshold off */
static inline void irq_ctl_init(uint32_t mask)
{
    irq_ctl_ireg_write(IMSIC_EIDELIVERY, 1);
    irq_ctl_ireg_write(IMSIC_EITHRESHOLD, 0);
    irq_ctl_ireg_write(IMSIC_EIE0, mask);
}

static inline uint32_t irq_ctl_claim(void)
{
    uint64_t top;
    __asm__ volatile("csrrw %0, 0x15C, zero" : "=r"(top) :: "memory");    /* stopei */
    return (uint32_t)(top >> 16);
}

static inline void irq_ctl_complete(uint32_t id)
{
    (void)id;
}
#else
static inline void irq_ctl_init(uint32_t mask)
{
    for (uint32_t id = 1; id < 32; id++)
        if (mask & 1U << id)
            mmio_w32(PLIC_PRIORITY(id), 1);
    mmio_w32(PLIC_ENABLE_S, mask);
    mmio_w32(PLIC_THRESHOLD_S, 0);
}

static inline uint32_t irq_ctl_claim(void)
{
    return mmio_r32(PLIC_CLAIM_S);
}

static inline void irq_ctl_complete(uint32_t id)
{
    mmio_w32(PLIC_CLAIM_S, id);
}
#endif
#endif
