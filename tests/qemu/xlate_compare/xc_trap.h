/* The record an expected fault leaves for the probes (shared by start.S and C). */
#ifndef XC_TRAP_H
#define XC_TRAP_H

#define TRAP_FIXUP   0
#define TRAP_CAUSE   8
#define TRAP_TVAL    16
#define TRAP_HTVAL   24
#define TRAP_HTINST  32
#define TRAP_HSTATUS 40
#define TRAP_SAVE_T1 48

#ifndef __ASSEMBLER__
#include <stdint.h>

struct xc_trap_record {
    uint64_t fixup;     /* nonzero: a probe is armed, resume there on a trap */
    uint64_t cause;     /* 0: the probe's access completed */
    uint64_t tval, htval, htinst, hstatus;
    uint64_t save_t1;
};

extern volatile struct xc_trap_record xc_trap;

uint64_t xc_probe_hlv_d(uint64_t gva);
uint64_t xc_probe_hlvx_hu(uint64_t gva);
void xc_probe_hsv_d(uint64_t gva, uint64_t value);
void xc_hfence_all(void);
void xc_unexpected_trap(uint64_t scause, uint64_t sepc, uint64_t stval) __attribute__((noreturn));

_Static_assert(__builtin_offsetof(struct xc_trap_record, hstatus) == TRAP_HSTATUS, "trap record");
_Static_assert(__builtin_offsetof(struct xc_trap_record, save_t1) == TRAP_SAVE_T1, "trap record");
#endif
#endif
