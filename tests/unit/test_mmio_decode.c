/* Host tests for the MMIO load/store decoder. Every encoding is built here from
 * the field layouts in the RISC-V unprivileged spec (RV64I, "C" extension) and
 * the privileged spec's transformed-instruction rules, not from the decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mmio_decode/mmio_decode.h"

/* ---- encoders, from the spec ---------------------------------------------- */

/* I-type: imm[11:0] rs1 funct3 rd opcode */
static uint32_t enc_i(uint32_t opcode, uint32_t f3, uint32_t rd, uint32_t rs1, int32_t imm)
{
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode;
}

/* S-type: imm[11:5] rs2 rs1 funct3 imm[4:0] opcode */
static uint32_t enc_s(uint32_t opcode, uint32_t f3, uint32_t rs2, uint32_t rs1, int32_t imm)
{
    uint32_t u = (uint32_t)imm & 0xfff;
    return (u >> 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 0x1f) << 7 | opcode;
}

/* R-type AMO: funct5 aq rl rs2 rs1 funct3 rd 0101111 */
static uint32_t enc_amo(uint32_t f5, uint32_t f3, uint32_t rd, uint32_t rs1, uint32_t rs2)
{
    return f5 << 27 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | 0x2f;
}

#define OP_LOAD 0x03
#define OP_STORE 0x23
#define OP_LOAD_FP 0x07
#define OP_STORE_FP 0x27

/* CL/CS with word offset: funct3 | off[5:3] @12:10 | rs1' @9:7 | off[2] @6 | off[6] @5 | rd' @4:2 | op */
static uint32_t enc_cl_w(uint32_t f3, uint32_t op, uint32_t rdp, uint32_t rs1p, uint32_t off)
{
    return f3 << 13 | ((off >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((off >> 2) & 1) << 6 |
           ((off >> 6) & 1) << 5 | (rdp - 8) << 2 | op;
}

/* CL/CS with doubleword offset: off[5:3] @12:10, off[7:6] @6:5 */
static uint32_t enc_cl_d(uint32_t f3, uint32_t op, uint32_t rdp, uint32_t rs1p, uint32_t off)
{
    return f3 << 13 | ((off >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((off >> 6) & 3) << 5 |
           (rdp - 8) << 2 | op;
}

/* C.LWSP (CI): 010 | off[5] @12 | rd @11:7 | off[4:2|7:6] @6:2 | 10 */
static uint32_t enc_c_lwsp(uint32_t f3, uint32_t rd, uint32_t off)
{
    return f3 << 13 | ((off >> 5) & 1) << 12 | rd << 7 | ((off >> 2) & 7) << 4 |
           ((off >> 6) & 3) << 2 | 2;
}

/* C.LDSP (CI): 011 | off[5] @12 | rd @11:7 | off[4:3|8:6] @6:2 | 10 */
static uint32_t enc_c_ldsp(uint32_t f3, uint32_t rd, uint32_t off)
{
    return f3 << 13 | ((off >> 5) & 1) << 12 | rd << 7 | ((off >> 3) & 3) << 5 |
           ((off >> 6) & 7) << 2 | 2;
}

/* C.SWSP (CSS): 110 | off[5:2|7:6] @12:7 | rs2 @6:2 | 10 */
static uint32_t enc_c_swsp(uint32_t f3, uint32_t rs2, uint32_t off)
{
    return f3 << 13 | ((off >> 2) & 0xf) << 9 | ((off >> 6) & 3) << 7 | rs2 << 2 | 2;
}

/* C.SDSP (CSS): 111 | off[5:3|8:6] @12:7 | rs2 @6:2 | 10 */
static uint32_t enc_c_sdsp(uint32_t f3, uint32_t rs2, uint32_t off)
{
    return f3 << 13 | ((off >> 3) & 7) << 10 | ((off >> 6) & 7) << 7 | rs2 << 2 | 2;
}

/* Privileged spec: a transformed load/store keeps rd/rs2, funct3 and opcode,
 * zeroes the immediate, puts the address offset (0 for a guest-page fault of
 * an aligned access) in rs1, and clears bit 1 if the original was compressed. */
static uint32_t transform_load(uint32_t f3, uint32_t rd, int compressed)
{
    uint32_t t = enc_i(OP_LOAD, f3, rd, 0, 0);
    return compressed ? t & ~2u : t;
}

static uint32_t transform_store(uint32_t f3, uint32_t rs2, int compressed)
{
    uint32_t t = enc_s(OP_STORE, f3, rs2, 0, 0);
    return compressed ? t & ~2u : t;
}

/* ---- helpers -------------------------------------------------------------- */

static void expect_access(uint32_t insn, uint8_t len, bool st, uint8_t size, bool sx, uint8_t reg)
{
    struct mmio_access a = { 0 };
    if (mmio_decode_insn(insn, &a) != 0)
        fail_msg("insn %08x rejected", insn);
    assert_int_equal(a.len, len);
    assert_int_equal(a.is_store, st);
    assert_int_equal(a.size, size);
    if (!st)
        assert_int_equal(a.sign_extend, sx);
    assert_int_equal(a.reg, reg);
}

static void expect_reject(uint32_t insn)
{
    struct mmio_access a;
    if (mmio_decode_insn(insn, &a) != -1)
        fail_msg("insn %08x accepted", insn);
}

static const uint32_t xregs[] = { 0, 1, 5, 17, 30, 31 };
#define NXREGS (sizeof(xregs) / sizeof(xregs[0]))

/* ---- 32-bit forms --------------------------------------------------------- */

struct load_form {
    uint32_t f3;
    uint8_t size;
    bool sx;
};

static const struct load_form loads[] = {
    { 0, 1, true },  /* LB */
    { 1, 2, true },  /* LH */
    { 2, 4, true },  /* LW */
    { 3, 8, false }, /* LD */
    { 4, 1, false }, /* LBU */
    { 5, 2, false }, /* LHU */
    { 6, 4, false }, /* LWU */
};

static void test_loads_32(void **state)
{
    (void)state;
    for (size_t f = 0; f < sizeof(loads) / sizeof(loads[0]); f++)
        for (size_t r = 0; r < NXREGS; r++) {
            uint32_t rd = xregs[r], rs1 = xregs[NXREGS - 1 - r];
            expect_access(enc_i(OP_LOAD, loads[f].f3, rd, rs1, -2048), 4, false, loads[f].size,
                          loads[f].sx, (uint8_t)rd);
            expect_access(enc_i(OP_LOAD, loads[f].f3, rd, rs1, 2047), 4, false, loads[f].size,
                          loads[f].sx, (uint8_t)rd);
        }
}

static void test_stores_32(void **state)
{
    (void)state;
    for (uint32_t f3 = 0; f3 < 4; f3++) /* SB SH SW SD */
        for (size_t r = 0; r < NXREGS; r++) {
            uint32_t rs2 = xregs[r], rs1 = xregs[NXREGS - 1 - r];
            expect_access(enc_s(OP_STORE, f3, rs2, rs1, -1), 4, true, (uint8_t)(1u << f3), false,
                          (uint8_t)rs2);
            expect_access(enc_s(OP_STORE, f3, rs2, rs1, 0x7e0), 4, true, (uint8_t)(1u << f3),
                          false, (uint8_t)rs2);
        }
}

static void test_rejects_32(void **state)
{
    (void)state;
    expect_reject(enc_i(OP_LOAD, 7, 5, 10, 0));   /* reserved load funct3 */
    for (uint32_t f3 = 4; f3 < 8; f3++)
        expect_reject(enc_s(OP_STORE, f3, 5, 10, 0)); /* SQ / reserved */
    for (uint32_t f3 = 1; f3 < 5; f3++) {
        expect_reject(enc_i(OP_LOAD_FP, f3, 5, 10, 8));   /* FLH FLW FLD FLQ */
        expect_reject(enc_s(OP_STORE_FP, f3, 5, 10, 8));  /* FSH FSW FSD FSQ */
    }
    for (uint32_t f3 = 2; f3 < 4; f3++) {
        expect_reject(enc_amo(0x02, f3, 5, 10, 0));  /* LR.W/D */
        expect_reject(enc_amo(0x03, f3, 5, 10, 6));  /* SC.W/D */
        expect_reject(enc_amo(0x00, f3, 5, 10, 6));  /* AMOADD */
        expect_reject(enc_amo(0x01, f3, 5, 10, 6));  /* AMOSWAP */
        expect_reject(enc_amo(0x1c, f3, 5, 10, 6));  /* AMOMAXU */
    }
    expect_reject(enc_i(0x13, 0, 5, 10, 1));     /* ADDI */
    expect_reject(0x00000073);                   /* ECALL */
    expect_reject(0x0000001f | (3u << 12));      /* 48-bit encoding prefix */
    expect_reject(0xffffffff);
}

/* ---- compressed forms ----------------------------------------------------- */

static void test_compressed_cl_cs(void **state)
{
    (void)state;
    static const uint32_t cregs[] = { 8, 9, 12, 15 };
    for (size_t i = 0; i < 4; i++) {
        uint32_t r = cregs[i], b = cregs[3 - i];
        expect_access(enc_cl_w(2, 0, r, b, 0x7c), 2, false, 4, true, (uint8_t)r);  /* C.LW */
        expect_access(enc_cl_d(3, 0, r, b, 0xf8), 2, false, 8, false, (uint8_t)r); /* C.LD */
        expect_access(enc_cl_w(6, 0, r, b, 0x44), 2, true, 4, false, (uint8_t)r);  /* C.SW */
        expect_access(enc_cl_d(7, 0, r, b, 0x08), 2, true, 8, false, (uint8_t)r);  /* C.SD */
    }
}

static void test_compressed_sp(void **state)
{
    (void)state;
    for (size_t i = 0; i < NXREGS; i++) {
        uint32_t r = xregs[i];
        if (r != 0) { /* rd = 0 is reserved for the SP loads, tested below */
            expect_access(enc_c_lwsp(2, r, 0xfc), 2, false, 4, true, (uint8_t)r);
            expect_access(enc_c_ldsp(3, r, 0x1f8), 2, false, 8, false, (uint8_t)r);
        }
        expect_access(enc_c_swsp(6, r, 0xfc), 2, true, 4, false, (uint8_t)r);
        expect_access(enc_c_sdsp(7, r, 0x1f8), 2, true, 8, false, (uint8_t)r);
    }
}

static void test_compressed_upper_half_ignored(void **state)
{
    (void)state;
    /* a 16-bit instruction fetched as 32 bits has the next one in the high half */
    expect_access(0xffff0000u | enc_cl_w(2, 0, 9, 10, 4), 2, false, 4, true, 9);
    expect_access(0x12340000u | enc_c_sdsp(7, 31, 0), 2, true, 8, false, 31);
}

static void test_compressed_rejects(void **state)
{
    (void)state;
    expect_reject(0x0000);                        /* defined illegal instruction */
    expect_reject(enc_c_lwsp(2, 0, 8));           /* C.LWSP rd=0 reserved */
    expect_reject(enc_c_ldsp(3, 0, 8));           /* C.LDSP rd=0 reserved */
    expect_reject(enc_cl_d(1, 0, 8, 9, 8));       /* C.FLD */
    expect_reject(enc_cl_d(5, 0, 8, 9, 8));       /* C.FSD */
    expect_reject(enc_c_ldsp(1, 5, 8));           /* C.FLDSP */
    expect_reject(enc_c_sdsp(5, 5, 8));           /* C.FSDSP */
    expect_reject(0x0000u | 1u << 5 | 0u << 13);  /* C.ADDI4SPN */
    expect_reject(4u << 13 | 0x0);                /* quadrant 0 funct3 100 (reserved / Zcb) */
    expect_reject(2u << 13 | 5u << 7 | 1);        /* C.LI: quadrant 1 */
    expect_reject(4u << 13 | 5u << 7 | 6u << 2 | 2); /* C.MV */
    expect_reject(0x9002);                        /* C.EBREAK */
}

/* ---- htinst --------------------------------------------------------------- */

static void expect_ht(uint64_t ht, uint8_t len, bool st, uint8_t size, bool sx, uint8_t reg)
{
    struct mmio_access a = { 0 };
    if (mmio_decode_htinst(ht, &a) != 0)
        fail_msg("htinst %llx rejected", (unsigned long long)ht);
    assert_int_equal(a.len, len);
    assert_int_equal(a.is_store, st);
    assert_int_equal(a.size, size);
    if (!st)
        assert_int_equal(a.sign_extend, sx);
    assert_int_equal(a.reg, reg);
}

static void expect_ht_reject(uint64_t ht)
{
    struct mmio_access a;
    if (mmio_decode_htinst(ht, &a) != -1)
        fail_msg("htinst %llx accepted", (unsigned long long)ht);
}

static void test_htinst_transformed(void **state)
{
    (void)state;
    for (size_t f = 0; f < sizeof(loads) / sizeof(loads[0]); f++)
        for (size_t r = 0; r < NXREGS; r++) {
            uint8_t rd = (uint8_t)xregs[r];
            expect_ht(transform_load(loads[f].f3, rd, 0), 4, false, loads[f].size, loads[f].sx, rd);
        }
    for (uint32_t f3 = 0; f3 < 4; f3++)
        for (size_t r = 0; r < NXREGS; r++) {
            uint8_t rs2 = (uint8_t)xregs[r];
            expect_ht(transform_store(f3, rs2, 0), 4, true, (uint8_t)(1u << f3), false, rs2);
        }
    /* compressed originals: C.LW x15 -> LW x15, C.SDSP x1 -> SD x1, bit 1 clear */
    expect_ht(transform_load(2, 15, 1), 2, false, 4, true, 15);
    expect_ht(transform_load(3, 8, 1), 2, false, 8, false, 8);
    expect_ht(transform_store(2, 31, 1), 2, true, 4, false, 31);
    expect_ht(transform_store(3, 1, 1), 2, true, 8, false, 1);
    /* a nonzero address offset in the rs1 field (misaligned case) is tolerated */
    expect_ht(transform_load(1, 7, 0) | 1u << 15, 4, false, 2, true, 7);
}

static void test_htinst_rejects(void **state)
{
    (void)state;
    expect_ht_reject(0);
    expect_ht_reject(0x00002000); /* VS-stage PTE read, 32-bit */
    expect_ht_reject(0x00003000); /* VS-stage PTE read, 64-bit */
    expect_ht_reject(0x00002020); /* VS-stage PTE write, 32-bit */
    expect_ht_reject(0x00003020); /* VS-stage PTE write, 64-bit */
    expect_ht_reject(enc_amo(0x02, 3, 5, 0, 0));          /* LR.D */
    expect_ht_reject(enc_amo(0x01, 2, 5, 0, 6));          /* AMOSWAP.W */
    expect_ht_reject(enc_i(OP_LOAD_FP, 3, 5, 0, 0));      /* FLD */
    expect_ht_reject(enc_s(OP_STORE_FP, 2, 5, 0, 0) & ~2u); /* C.FSW-style transformed */
    expect_ht_reject(enc_i(OP_LOAD, 7, 5, 0, 0));
    expect_ht_reject((uint64_t)1 << 32 | transform_load(2, 5, 0)); /* beyond 32 bits */
}

/* ---- load/store values ---------------------------------------------------- */

static uint64_t load_val(uint32_t insn, uint64_t raw)
{
    struct mmio_access a;
    assert_int_equal(mmio_decode_insn(insn, &a), 0);
    return mmio_load_value(&a, raw);
}

static void test_load_values(void **state)
{
    (void)state;
    const uint64_t raw = 0x1122334455668899ull; /* low byte 0x99, half 0x8899, word 0x55668899 */
    assert_true(load_val(enc_i(OP_LOAD, 0, 5, 6, 0), raw) == 0xffffffffffffff99ull); /* LB */
    assert_true(load_val(enc_i(OP_LOAD, 4, 5, 6, 0), raw) == 0x99ull);               /* LBU */
    assert_true(load_val(enc_i(OP_LOAD, 1, 5, 6, 0), raw) == 0xffffffffffff8899ull); /* LH */
    assert_true(load_val(enc_i(OP_LOAD, 5, 5, 6, 0), raw) == 0x8899ull);             /* LHU */
    assert_true(load_val(enc_i(OP_LOAD, 2, 5, 6, 0), raw) == 0x55668899ull);         /* LW, bit 31 clear */
    assert_true(load_val(enc_i(OP_LOAD, 2, 5, 6, 0), 0xa5a5a5a5f0000000ull) ==
                0xfffffffff0000000ull);                                              /* LW, bit 31 set */
    assert_true(load_val(enc_i(OP_LOAD, 6, 5, 6, 0), 0xa5a5a5a5f0000000ull) ==
                0xf0000000ull);                                                      /* LWU */
    assert_true(load_val(enc_i(OP_LOAD, 3, 5, 6, 0), raw) == raw);                   /* LD */
    assert_true(load_val(enc_i(OP_LOAD, 0, 5, 6, 0), 0x7f) == 0x7f);                 /* LB positive */
    assert_true(load_val(enc_cl_w(2, 0, 8, 9, 0), 0x80000000ull) == 0xffffffff80000000ull); /* C.LW */
}

static void test_store_values(void **state)
{
    (void)state;
    struct mmio_access a;
    const uint64_t v = 0xdeadbeefcafef00dull;
    assert_int_equal(mmio_decode_insn(enc_s(OP_STORE, 0, 5, 6, 0), &a), 0);
    assert_true(mmio_store_value(&a, v) == 0x0d);
    assert_int_equal(mmio_decode_insn(enc_s(OP_STORE, 1, 5, 6, 0), &a), 0);
    assert_true(mmio_store_value(&a, v) == 0xf00d);
    assert_int_equal(mmio_decode_insn(enc_s(OP_STORE, 2, 5, 6, 0), &a), 0);
    assert_true(mmio_store_value(&a, v) == 0xcafef00d);
    assert_int_equal(mmio_decode_insn(enc_s(OP_STORE, 3, 5, 6, 0), &a), 0);
    assert_true(mmio_store_value(&a, v) == v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_32),
        cmocka_unit_test(test_stores_32),
        cmocka_unit_test(test_rejects_32),
        cmocka_unit_test(test_compressed_cl_cs),
        cmocka_unit_test(test_compressed_sp),
        cmocka_unit_test(test_compressed_upper_half_ignored),
        cmocka_unit_test(test_compressed_rejects),
        cmocka_unit_test(test_htinst_transformed),
        cmocka_unit_test(test_htinst_rejects),
        cmocka_unit_test(test_load_values),
        cmocka_unit_test(test_store_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
