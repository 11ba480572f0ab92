/* MMIO load/store decoder: see mmio_decode.h. Field layouts per the RISC-V
 * unprivileged spec (RV64I base, "C" extension) and the privileged spec
 * (transformed instructions in htinst). */
#include "mmio_decode/mmio_decode.h"

#define OPCODE_LOAD  0x03u
#define OPCODE_STORE 0x23u

static uint32_t bits(uint32_t x, unsigned hi, unsigned lo)
{
    return (x >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static void set(struct mmio_access *out, uint8_t len, bool is_store, uint8_t size,
                bool sign_extend, uint32_t reg)
{
    out->len = len;
    out->is_store = is_store;
    out->size = size;
    out->sign_extend = sign_extend;
    out->reg = (uint8_t)reg;
}

/* A 32-bit LOAD/STORE opcode instruction; len is 4, or 2 for a transformed
 * compressed one from htinst. */
static int decode_32(uint32_t insn, uint8_t len, struct mmio_access *out)
{
    uint32_t opcode = bits(insn, 6, 0);
    uint32_t funct3 = bits(insn, 14, 12);

    if (opcode == OPCODE_LOAD) {
        /* funct3: 0 LB, 1 LH, 2 LW, 3 LD, 4 LBU, 5 LHU, 6 LWU; 7 is reserved */
        if (funct3 == 7)
            return -1;
        uint8_t size = (uint8_t)(1u << (funct3 & 3));
        bool sign = funct3 < 3; /* LD (3) fills the register: nothing to extend */
        set(out, len, false, size, sign, bits(insn, 11, 7));
        return 0;
    }
    if (opcode == OPCODE_STORE) {
        /* funct3: 0 SB, 1 SH, 2 SW, 3 SD; 4 (SQ) and above are not RV64 */
        if (funct3 > 3)
            return -1;
        set(out, len, true, (uint8_t)(1u << funct3), false, bits(insn, 24, 20));
        return 0;
    }
    return -1; /* FP loads/stores (0x07/0x27), AMO/LR/SC (0x2f), everything else */
}

static int decode_16(uint32_t insn, struct mmio_access *out)
{
    uint32_t op = bits(insn, 1, 0);
    uint32_t funct3 = bits(insn, 15, 13);
    uint32_t rdp = 8 + bits(insn, 4, 2); /* rd'/rs2' name x8..x15 */
    uint32_t rd = bits(insn, 11, 7);     /* CI: full rd */
    uint32_t rs2 = bits(insn, 6, 2);     /* CSS: full rs2 */

    if (op == 0) {
        switch (funct3) {
        case 2: set(out, 2, false, 4, true, rdp); return 0;  /* C.LW */
        case 3: set(out, 2, false, 8, false, rdp); return 0; /* C.LD */
        case 6: set(out, 2, true, 4, false, rdp); return 0;  /* C.SW */
        case 7: set(out, 2, true, 8, false, rdp); return 0;  /* C.SD */
        default: return -1; /* C.ADDI4SPN, C.FLD, C.FSD, reserved/Zcb */
        }
    }
    if (op == 2) {
        switch (funct3) {
        case 2: /* C.LWSP; rd = 0 is reserved */
            if (rd == 0)
                return -1;
            set(out, 2, false, 4, true, rd);
            return 0;
        case 3: /* C.LDSP; rd = 0 is reserved */
            if (rd == 0)
                return -1;
            set(out, 2, false, 8, false, rd);
            return 0;
        case 6: set(out, 2, true, 4, false, rs2); return 0; /* C.SWSP */
        case 7: set(out, 2, true, 8, false, rs2); return 0; /* C.SDSP */
        default: return -1; /* C.SLLI, C.FLDSP, C.JR/C.MV/C.ADD..., C.FSDSP */
        }
    }
    return -1; /* quadrant 1 has no loads or stores */
}

int mmio_decode_insn(uint32_t insn, struct mmio_access *out)
{
    if (bits(insn, 1, 0) != 3)
        return decode_16(insn & 0xffffu, out);
    if (bits(insn, 4, 2) == 7)
        return -1; /* 48-bit or longer encodings */
    return decode_32(insn, 4, out);
}

int mmio_decode_htinst(uint64_t htinst, struct mmio_access *out)
{
    /* Transformed instructions are 32 bits wide with bit 0 set; this also
     * rejects 0 and the PTE-access pseudoinstructions (bits 1:0 = 00). */
    if ((htinst >> 32) != 0 || (htinst & 1) == 0)
        return -1;
    uint32_t insn = (uint32_t)htinst;
    uint8_t len = (insn & 2) ? 4 : 2;
    return decode_32(insn | 2, len, out);
}

uint64_t mmio_load_value(const struct mmio_access *a, uint64_t raw)
{
    if (a->size >= 8)
        return raw;
    if (a->size == 0)
        return 0;
    unsigned width = 8u * a->size;
    uint64_t mask = ((uint64_t)1 << width) - 1;
    uint64_t v = raw & mask;
    if (a->sign_extend && (v >> (width - 1)) & 1)
        v |= ~mask;
    return v;
}

uint64_t mmio_store_value(const struct mmio_access *a, uint64_t rs2_value)
{
    if (a->size >= 8)
        return rs2_value;
    return rs2_value & (((uint64_t)1 << (8u * a->size)) - 1);
}
