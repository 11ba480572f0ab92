/*
 * Decoder for the guest loads and stores that trap on emulated MMIO.
 *
 * Given the trapped instruction (or the htinst the CPU wrote for it), tell the
 * MMIO emulator how far to advance sepc, whether it reads or writes, how many
 * bytes, which x register, and whether a load sign-extends.
 * Freestanding: no libc.
 */
#ifndef MMIO_DECODE_H
#define MMIO_DECODE_H

#include <stdbool.h>
#include <stdint.h>

struct mmio_access {
    uint8_t len;         /* instruction length in bytes: 2 or 4 (sepc advance) */
    bool    is_store;
    uint8_t size;        /* access size in bytes: 1, 2, 4, 8 */
    bool    sign_extend; /* loads: LB/LH/LW sign-extend; LBU/LHU/LWU and LD do not */
    uint8_t reg;         /* x register: rd for loads, rs2 for stores (0..31) */
};

/*
 * Decode a trapped guest instruction as fetched from guest memory (a 16-bit
 * one in the low half; the high half is then ignored). Returns 0, or -1 if it
 * is not an integer load/store the MMIO emulator can do (FP loads/stores,
 * AMOs, LR/SC, reserved encodings, anything else).
 */
int mmio_decode_insn(uint32_t insn, struct mmio_access *out);

/*
 * Decode a nonzero htinst from a guest-page fault: a transformed load/store
 * (bit 0 = 1, bit 1 = 0 if the trapping instruction was compressed). The
 * pseudoinstructions for implicit VS-stage PTE accesses (0x00002000,
 * 0x00003000, 0x00002020, 0x00003020), zero, and anything else return -1.
 */
int mmio_decode_htinst(uint64_t htinst, struct mmio_access *out);

/* Value a load puts in rd, from the raw little-endian device value. */
uint64_t mmio_load_value(const struct mmio_access *a, uint64_t raw);

/* Bytes a store writes, from the value of rs2 (the low `size` bytes). */
uint64_t mmio_store_value(const struct mmio_access *a, uint64_t rs2_value);

#endif
