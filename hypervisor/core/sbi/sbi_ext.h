/* Inside the SBI layer for guests: one file per extension (sbi_<ext>.c), each
 * defining its handler and one struct sbi_extension, in the manner of
 * OpenSBI's lib/sbi/sbi_ecall_<ext>.c, registered by SBI_EXTENSION below.
 * sbi_dispatch.c finds them and owns the ecall entry, sbi_guest_ecall()
 * (sbi_guest.h). */
#ifndef CHIPVISOR_SBI_EXT_H
#define CHIPVISOR_SBI_EXT_H

#include <stdbool.h>
#include <stdint.h>
#include "sbi_defs.h"
#include "vm.h"

enum sbi_flow {
    SBI_FLOW_RETURN,     /* write a0/a1, step over the ecall */
    SBI_FLOW_NONE,       /* vCPU stopped, reset or resumed elsewhere: its registers are not the caller's any more */
};

/* one ecall: a7, a6, a0..a5 in; error (a0) and value (a1) out */
struct sbi_call {
    uint64_t ext, fid, arg[6];
    long error, value;
};

struct sbi_extension {
    uint64_t eid_first, eid_last;
    const char *name;
    /* NULL: every id in [eid_first, eid_last] is present (BASE probe answers 1) */
    bool (*probe)(uint64_t eid);
    enum sbi_flow (*handle)(struct vcpu *v, struct sbi_call *c);
};

/* An extension registers itself where it is defined: a pointer to its struct
 * goes into the linker section sbi_ext, which sbi_dispatch.c searches (the
 * manner of OpenSBI's generated sbi_ecall_exts[], without the generator):
 *     SBI_EXTENSION(sbi_ext_time) = { ... };                                  */
#define SBI_EXTENSION(name)                                                     \
    static const struct sbi_extension name;                                     \
    static const struct sbi_extension *const name##_entry                      \
        __attribute__((section("sbi_ext"), used)) = &name;                      \
    static const struct sbi_extension name

/* sbi_dispatch.c: the extension that owns an id, or NULL */
const struct sbi_extension *sbi_find_extension(uint64_t eid);

/* sbi_dispatch.c: the vCPUs (bit = hart id) named by hart_mask / hart_mask_base;
 * false when the mask names a hart the VM does not have (SBI 2.0: INVALID_PARAM) */
bool sbi_named_harts(const struct vm *vm, uint64_t mask, uint64_t base, uint64_t *set);

/* sbi_dispatch.c: a guest buffer an SBI call copies, bounded per call.
 * [gpa, gpa + len) must lie in the VM's RAM (checked whole, in O(1)); only
 * its first *n = min(len, SBI_GUEST_COPY_MAX) bytes are translated through
 * the G-stage (writable if write) and handed back in *hva. False: invalid. */
bool sbi_guest_buffer(const struct vm *vm, uint64_t gpa, uint64_t len, bool write,
                      uint8_t **hva, uint64_t *n);

#endif
