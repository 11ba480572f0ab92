/* regmap: one register-map source -> SystemVerilog package + C header.
 *
 * The map format (one directive per line, '#' starts a comment, numbers are
 * decimal or 0x hex, an optional trailing "quoted text" documents the item):
 *
 *   map    <name>                          names the outputs: <name>_pkg (SV), <NAME>_H (C)
 *   block  <name> <base>                   registers below are at <base> + offset;
 *                                          <NAME>_ prefixes every name of the block
 *   const  <NAME> <value>                  a named number          -> <BLK>_<NAME>
 *   window <NAME> <offset> <size>          a range another module answers
 *                                          -> <BLK>_<NAME>_OFFSET, <BLK>_<NAME>_SIZE
 *   reg    <NAME> <offset> [<ACC> [<reset>]]
 *                                          a 32-bit register       -> <BLK>_<NAME>_OFFSET,
 *                                          _RESVAL, _RWMASK, _W1CMASK, _WOMASK, _ROMASK;
 *                                          with <ACC>: one field VALUE 31:0
 *   field  <NAME> <msb>[:<lsb>] <ACC> [<reset>]
 *                                          a field of the last reg -> <BLK>_<REG>_<NAME>_LSB,
 *                                          _WIDTH, _MASK (in place)
 *
 * ACC is RW (read/write), RO (read-only, value from hardware), W1C (read,
 * write 1 to clear) or WO (write-only, reads 0; a command). Reset defaults to 0.
 * Offsets are absolute byte addresses base + offset, 4-byte aligned. The
 * checks (each reported as file:line: message): unknown directive, bad
 * number, duplicate name, misaligned or overlapping register, register inside
 * a window, field outside 31:0 or overlapping another field, reset too wide,
 * register without fields, field before any register, items before map/block.
 */
#ifndef REGMAP_H
#define REGMAP_H

#include <stdint.h>
#include <stdio.h>

#define REGMAP_NAME_MAX  48
#define REGMAP_DOC_MAX   128
#define REGMAP_MAX_ITEMS 512
#define REGMAP_MAX_FIELDS 32

enum regmap_acc { REGMAP_RW, REGMAP_RO, REGMAP_W1C, REGMAP_WO };

struct regmap_field {
    char name[REGMAP_NAME_MAX];
    char doc[REGMAP_DOC_MAX];
    unsigned msb, lsb;
    enum regmap_acc acc;
    uint32_t reset;
};

enum regmap_kind { REGMAP_REG, REGMAP_CONST, REGMAP_WINDOW };

struct regmap_item {
    enum regmap_kind kind;
    int block;                        /* index into regmap.blocks */
    int line;
    char name[REGMAP_NAME_MAX];
    char doc[REGMAP_DOC_MAX];
    uint64_t offset;                  /* reg/window: absolute; const: the value */
    uint64_t size;                    /* window */
    int n_fields;
    struct regmap_field fields[REGMAP_MAX_FIELDS];
};

struct regmap_block {
    char name[REGMAP_NAME_MAX];
    char doc[REGMAP_DOC_MAX];
    uint64_t base;
};

struct regmap {
    char name[REGMAP_NAME_MAX];
    int n_blocks, n_items;
    struct regmap_block blocks[16];
    struct regmap_item items[REGMAP_MAX_ITEMS];
};

/* Parses text (file is the name used in messages). Returns 0, or -1 with a
 * "file:line: message" in err. */
int regmap_parse(const char *file, const char *text, struct regmap *m, char *err, size_t err_len);

/* Derived register values. */
uint32_t regmap_reset(const struct regmap_item *r);
uint32_t regmap_acc_mask(const struct regmap_item *r, enum regmap_acc acc);

/* Writers; both return 0 or -1 on a write error. */
int regmap_emit_sv(const struct regmap *m, FILE *out);
int regmap_emit_c(const struct regmap *m, FILE *out);

#endif
