/* Host tests of host-tools/regmap: a small map parsed and emitted, every
 * documented check on a bad map (with its line number), and the real HVA map
 * through the command, its C header compiled. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "regmap.h"

static struct regmap map;
static char err[256];

static const char small_map[] =
    "# a comment line\n"
    "map demo\n"
    "block top 0x1000 \"the block\"\n"
    "const SLOTS 16\n"
    "reg CTRL 0x0 \"control\"\n"
    "field EN 0 RW 1\n"
    "field MODE 5:4 RW 2   # trailing comment\n"
    "field DONE 8 W1C\n"
    "field GO 31 WO\n"
    "reg COUNT 0x4 RO\n"
    "reg SCRATCH 0x8 RW 0xdeadbeef\n"
    "window WIN 0x100 0x100\n";

static const struct regmap_item *find(const char *name)
{
    for (int i = 0; i < map.n_items; i++)
        if (strcmp(map.items[i].name, name) == 0)
            return &map.items[i];
    return NULL;
}

static void parses_small_map(void **state)
{
    (void)state;
    assert_int_equal(regmap_parse("small", small_map, &map, err, sizeof err), 0);
    assert_string_equal(map.name, "demo");
    assert_int_equal(map.n_blocks, 1);
    assert_string_equal(map.blocks[0].name, "TOP");

    const struct regmap_item *ctrl = find("CTRL");
    assert_non_null(ctrl);
    assert_int_equal(ctrl->offset, 0x1000);     /* base + offset */
    assert_int_equal(ctrl->n_fields, 4);
    /* EN=1 at bit 0, MODE=2 at bits 5:4 */
    assert_int_equal(regmap_reset(ctrl), 0x21);
    assert_int_equal(regmap_acc_mask(ctrl, REGMAP_RW), 0x31);
    assert_int_equal(regmap_acc_mask(ctrl, REGMAP_W1C), 0x100);
    assert_int_equal(regmap_acc_mask(ctrl, REGMAP_WO), 0x80000000u);
    assert_int_equal(regmap_acc_mask(ctrl, REGMAP_RO), 0);

    const struct regmap_item *count = find("COUNT");   /* shorthand: one 31:0 field */
    assert_non_null(count);
    assert_int_equal(count->n_fields, 1);
    assert_int_equal(regmap_acc_mask(count, REGMAP_RO), 0xffffffffu);
    assert_int_equal(regmap_reset(find("SCRATCH")), 0xdeadbeefu);
    assert_int_equal(find("WIN")->offset, 0x1100);
    assert_int_equal(find("SLOTS")->offset, 16);
}

/* "#define NAME <spaces> VALUE\n" is in buf */
static int c_define(const char *buf, const char *name, const char *value)
{
    char key[96];
    const char *p;
    snprintf(key, sizeof key, "#define %s ", name);
    p = strstr(buf, key);
    if (!p)
        return 0;
    p += strlen(key);
    while (*p == ' ')
        p++;
    return strncmp(p, value, strlen(value)) == 0 && p[strlen(value)] == '\n';
}

/* The emitted text holds each name with its value. */
static void emits_both_languages(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f;
    (void)state;
    assert_int_equal(regmap_parse("small", small_map, &map, err, sizeof err), 0);

    f = open_memstream(&buf, &len);
    assert_int_equal(regmap_emit_c(&map, f), 0);
    fclose(f);
    assert_true(c_define(buf, "TOP_CTRL_OFFSET", "0x1000u"));
    assert_true(c_define(buf, "TOP_CTRL_MODE_LSB", "4u"));
    assert_true(c_define(buf, "TOP_CTRL_MODE_WIDTH", "2u"));
    assert_true(c_define(buf, "TOP_CTRL_MODE_MASK", "0x30u"));
    assert_true(c_define(buf, "TOP_CTRL_RWMASK", "0x31u"));
    assert_true(c_define(buf, "TOP_SCRATCH_RESVAL", "0xdeadbeefu"));
    assert_true(c_define(buf, "TOP_WIN_SIZE", "0x100u"));
    assert_true(c_define(buf, "TOP_SLOTS", "0x10u"));
    assert_false(c_define(buf, "TOP_CTRL_MODE_LSB", "5u"));   /* the helper can say no */
    free(buf);

    f = open_memstream(&buf, &len);
    assert_int_equal(regmap_emit_sv(&map, f), 0);
    fclose(f);
    assert_non_null(strstr(buf, "package demo_pkg;"));
    assert_non_null(strstr(buf, "localparam int unsigned TOP_CTRL_OFFSET = 32'h1000;"));
    assert_non_null(strstr(buf, "localparam int unsigned TOP_CTRL_RESVAL = 32'h21;"));
    assert_non_null(strstr(buf, "localparam int unsigned TOP_CTRL_W1CMASK = 32'h100;"));
    assert_non_null(strstr(buf, "localparam int unsigned TOP_CTRL_MODE_WIDTH = 2;"));
    assert_non_null(strstr(buf, "endpackage"));
    free(buf);
}

/* Each bad map fails with "bad:<line>: " and a message naming the problem. */
static void expect_error(const char *text, int line, const char *words)
{
    char prefix[32];
    int rc = regmap_parse("bad", text, &map, err, sizeof err);
    if (rc == 0)
        fail_msg("accepted a bad map (expected '%s'):\n%s", words, text);
    snprintf(prefix, sizeof prefix, "bad:%d: ", line);
    if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, words))
        fail_msg("got '%s', expected '%s...%s'", err, prefix, words);
}

#define HEAD "map m\nblock b 0\n"   /* lines 1-2 */

static void rejects_bad_maps(void **state)
{
    (void)state;
    expect_error("block b 0\n", 1, "first directive must be 'map");
    expect_error("", 1, "empty map");
    expect_error("map m\nreg A 0 RW\n", 2, "before any block");
    expect_error(HEAD "frob A 0\n", 3, "unknown directive 'frob'");
    expect_error(HEAD "reg A 0x1z RW\n", 3, "'0x1z' is not a number");
    expect_error(HEAD "reg 9A 0 RW\n", 3, "not an identifier");
    expect_error(HEAD "reg A 2 RW\n", 3, "not 4-byte aligned");
    expect_error(HEAD "reg A 0 RW\nreg B 0 RW\n", 4, "overlaps A");
    expect_error(HEAD "reg A 0 RW\nreg A 4 RW\n", 4, "A defined twice");
    expect_error(HEAD "window W 0x100 0x10\nreg A 0x108 RW\n", 4, "overlaps W");
    expect_error(HEAD "reg A 0 XX\n", 3, "access 'XX'");
    expect_error(HEAD "field F 0 RW\n", 3, "field outside a register");
    expect_error(HEAD "reg A 0\nfield F 32 RW\n", 4, "not within 31:0");
    expect_error(HEAD "reg A 0\nfield F 3:4 RW\n", 4, "not within 31:0");
    expect_error(HEAD "reg A 0\nfield F 3:0 RW 16\n", 4, "does not fit in 4 bits");
    expect_error(HEAD "reg A 0\nfield F 3:0 RW\nfield G 4:3 RW\n", 5, "G overlaps field F");
    expect_error(HEAD "reg A 0\nfield F 0 RW\nfield F 1 RW\n", 5, "field F defined twice");
    expect_error(HEAD "reg A 0\nreg B 4 RW\n", 3, "register A has no fields");
    expect_error(HEAD "reg A 0\n", 3, "register A has no fields");
    expect_error(HEAD "reg A 0 \"doc\n", 3, "unterminated");
    expect_error(HEAD "reg A 0 RW 1 2\n", 3, "usage: reg");
}

/* The real map: the command writes both files and the header compiles with
 * a few spot checks of values the RTL and driver rely on. */
static void real_map_through_command(void **state)
{
    char cmd[1024];
    (void)state;
    snprintf(cmd, sizeof cmd,
             "d=$(mktemp -d) && %s %s $d/p.sv $d/h.h && "
             "printf '#include \"h.h\"\\n"
             "_Static_assert(HVA_REQ_CTRL_ACCESS_MASK == 3u, \"access\");\\n"
             "_Static_assert(HVA_RSP_STATUS_DONE_MASK == 0x80000000u, \"done\");\\n"
             "_Static_assert(HVA_SLOT_BYTES == 64u, \"slot\");\\n"
             "_Static_assert(HVA_IRQ_STATUS_W1CMASK == 7u, \"w1c\");\\n' > $d/t.c && "
             "gcc -std=gnu11 -Wall -Werror -fsyntax-only -I$d $d/t.c && "
             "grep -q 'package hva_regs_pkg;' $d/p.sv && rm -r $d",
             REGMAP_TEST_BIN, REGMAP_TEST_MAP);
    assert_int_equal(system(cmd), 0);
    /* a bad map: exit 1 and the line on stderr */
    snprintf(cmd, sizeof cmd,
             "d=$(mktemp -d) && printf 'map m\\nblock b 0\\nreg A 3 RW\\n' > $d/bad.map && "
             "! %s $d/bad.map $d/p.sv $d/h.h 2>$d/err && grep -q \"bad.map:3: \" $d/err && "
             "test ! -e $d/p.sv && rm -r $d",
             REGMAP_TEST_BIN);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_small_map),
        cmocka_unit_test(emits_both_languages),
        cmocka_unit_test(rejects_bad_maps),
        cmocka_unit_test(real_map_through_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
