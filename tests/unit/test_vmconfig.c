/* host-tools/vmconfig: parser checks, the guest DTB (read back with libfdt and
 * dtc), the generated table (compiled and linked on the host), and the command
 * (exit status, one-line errors, nothing written on error). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <libfdt.h>

#include "vmconfig_dtb.h"
#include "vmconfig_emit.h"
#include "vmconfig_parse.h"

static struct vmcfg cfg;
static char err[VMCFG_ERR_MAX];

static void parse_ok(const char *text)
{
    if (vmcfg_parse("t.cfg", text, strlen(text), &cfg, err, sizeof(err)))
        fail_msg("unexpected error: %s\n--- config:\n%s", err, text);
}

/* ---- valid configs ------------------------------------------------------ */

static const char sample[] =
    "# two guests\n"
    "vm linux            # the first\n"
    "    memory 64M\n"
    "    image build/linux.bin\n"
    "    uart 0x10000000 irq 10\n"
    "    plic 0x0c000000\n"
    "\n"
    "vm bare-1\n"
    "memory 0x400000\n"
    "\tram-base 0x100000000\n"
    "  load 4296015872\n"       /* 0x100100000 in decimal */
    "  image bare.bin\n"
    "  uart 0x20000000\n"
    "  console\n";

static void test_valid_config_fields(void **state)
{
    (void)state;
    parse_ok(sample);
    assert_int_equal(cfg.n_vms, 2);

    const struct vmcfg_vm *a = &cfg.vms[0], *b = &cfg.vms[1];
    assert_string_equal(a->name, "linux");
    assert_int_equal(a->line, 2);
    assert_int_equal(a->ram_size, 64ULL << 20);
    assert_int_equal(a->ram_base, 0x80000000ULL);      /* default */
    assert_int_equal(a->load, 0x80000000ULL);          /* default = ram-base */
    assert_string_equal(a->image, "build/linux.bin");
    assert_int_equal(a->n_devs, 2);
    assert_int_equal(a->devs[0].type, VM_DEV_UART16550);
    assert_int_equal(a->devs[0].gpa, 0x10000000ULL);
    assert_int_equal(a->devs[0].size, 0x100);
    assert_int_equal(a->devs[0].irq, 10);
    assert_int_equal(a->devs[1].type, VM_DEV_PLIC);
    assert_int_equal(a->devs[1].gpa, 0x0c000000ULL);
    assert_int_equal(a->devs[1].size, 0x400000);
    assert_int_equal(a->devs[1].irq, 0);
    assert_false(a->console);
    assert_int_equal(vmcfg_dtb_gpa(a), 0x80000000ULL + (64ULL << 20) - 0x10000);

    assert_string_equal(b->name, "bare-1");
    assert_int_equal(b->ram_size, 4ULL << 20);
    assert_int_equal(b->ram_base, 0x100000000ULL);
    assert_int_equal(b->load, 0x100100000ULL);
    assert_int_equal(b->n_devs, 1);
    assert_int_equal(b->devs[0].irq, 0);
    assert_true(b->console);
}

static void test_console_defaults_to_first(void **state)
{
    (void)state;
    parse_ok("vm a\nmemory 2M\nimage a\nvm b\nmemory 2048K\nimage b\n");
    assert_true(cfg.vms[0].console);
    assert_false(cfg.vms[1].console);
    assert_int_equal(cfg.vms[1].ram_size, 2ULL << 20);
}

static void test_sizes_and_limits_accepted(void **state)
{
    (void)state;
    /* 1G suffix; RAM ending exactly at 2^41; no trailing newline. */
    parse_ok("vm a\nmemory 1G\nram-base 0x1ffc0000000\nimage a");
    assert_int_equal(cfg.vms[0].ram_base + cfg.vms[0].ram_size, 1ULL << 41);
    /* Eight VMs is the maximum that is allowed. */
    char text[1024] = "";
    for (int i = 0; i < 8; i++)
        sprintf(text + strlen(text), "vm v%d\nmemory 2M\nimage x\n", i);
    parse_ok(text);
    assert_int_equal(cfg.n_vms, 8);
    /* Windows that touch but do not overlap. */
    parse_ok("vm a\nmemory 2M\nimage a\nplic 0x0c000000\nuart 0x0c400000 irq 31\n"
             "uart 0x7ffff00\n");
    assert_int_equal(cfg.vms[0].devs[1].irq, 31);
}

static void test_cpus_and_pin(void **state)
{
    (void)state;
    /* default: one vCPU that floats; every unused slot -1; no watchdog */
    parse_ok("vm a\nmemory 2M\nimage a\n");
    assert_int_equal(cfg.vms[0].n_vcpus, 1);
    assert_int_equal(cfg.vms[0].watchdog_s, 0);
    parse_ok("vm a\nmemory 2M\nimage a\nwatchdog 7\n");
    assert_int_equal(cfg.vms[0].watchdog_s, 7);
    parse_ok("vm a\nmemory 2M\nimage a\n");
    assert_int_equal(cfg.vms[0].n_pins, 0);
    for (int i = 0; i < VM_MAX_VCPUS; i++)
        assert_int_equal(cfg.vms[0].vcpu_pin[i], -1);

    /* pin before cpus; '*' floats; duplicates allowed; hex */
    parse_ok("vm a\nmemory 2M\nimage a\npin 0 * 0x3 3   # two on hart 3\ncpus 4\n"
             "vm b\nmemory 2M\nimage b\ncpus 2\n"
             "vm c\nmemory 2M\nimage c\ncpus 8\npin 7 6 5 4 3 2 1 0\n"
             "vm d\nmemory 2M\nimage d\npin 5\n");
    static const int8_t want_a[VM_MAX_VCPUS] = { 0, -1, 3, 3, -1, -1, -1, -1 };
    assert_int_equal(cfg.vms[0].n_vcpus, 4);
    assert_int_equal(cfg.vms[0].n_pins, 4);
    assert_memory_equal(cfg.vms[0].vcpu_pin, want_a, sizeof(want_a));
    assert_int_equal(cfg.vms[1].n_vcpus, 2);
    assert_int_equal(cfg.vms[1].n_pins, 0);
    for (int i = 0; i < VM_MAX_VCPUS; i++)
        assert_int_equal(cfg.vms[1].vcpu_pin[i], -1);
    assert_int_equal(cfg.vms[2].n_vcpus, 8);
    for (int i = 0; i < VM_MAX_VCPUS; i++)
        assert_int_equal(cfg.vms[2].vcpu_pin[i], 7 - i);
    assert_int_equal(cfg.vms[3].n_vcpus, 1);
    assert_int_equal(cfg.vms[3].vcpu_pin[0], 5);
    assert_int_equal(cfg.vms[3].vcpu_pin[1], -1);

    /* the IMSIC window grows with the vCPUs, whichever line comes first */
    for (uint32_t n = 1; n <= VM_MAX_VCPUS; n++) {
        char text[256];
        uint64_t align = 0x1000;
        while (align < 0x1000ULL * n)
            align <<= 1;
        snprintf(text, sizeof(text), "vm a\nmemory 2M\nimage a\nimsic 0x%llx\ncpus %u\n",
                 (unsigned long long)(0x28000000ULL + align), n);
        parse_ok(text);
        assert_int_equal(cfg.vms[0].devs[0].type, VM_DEV_IMSIC);
        assert_int_equal(cfg.vms[0].devs[0].size, 0x1000ULL * n);
        assert_int_equal(vmcfg_imsic_align(n), align);
        /* half the alignment is refused (for n > 1; 4 KiB is the floor) */
        if (n > 1) {
            snprintf(text, sizeof(text), "vm a\nmemory 2M\nimage a\ncpus %u\nimsic 0x%llx\n",
                     n, (unsigned long long)(0x28000000ULL + align / 2));
            assert_int_equal(vmcfg_parse("t.cfg", text, strlen(text), &cfg, err, sizeof(err)), -1);
            assert_non_null(strstr(err, "t.cfg:5: imsic"));
        }
    }
    /* windows that touch the IMSIC's last page are fine */
    parse_ok("vm a\nmemory 2M\nimage a\ncpus 4\nimsic 0x28000000\nvirtio-console 0x28004000\n");
}

/* ---- errors: each is "<file>:<line>: <message>" --------------------------- */

struct bad_case {
    const char *text;
    unsigned line;
    const char *msg;     /* must appear in the message */
};

#define VM_OK "vm a\nmemory 16M\nimage a.bin\n"    /* lines 1-3 */

static const struct bad_case bad_cases[] = {
    { VM_OK "colour red\n", 4, "unknown key 'colour'" },
    { VM_OK "uart 0x10000000 irk 3\n", 4, "unknown key 'irk'" },
    { "# hi\nmemory 16M\nvm a\n", 2, "'memory' before any 'vm'" },
    { "vm\n", 1, "'vm' is missing an argument" },
    { "vm a\nmemory\n", 2, "'memory' is missing an argument" },
    { VM_OK "uart\n", 4, "'uart' is missing an argument" },
    { VM_OK "uart 0x10000000 irq\n", 4, "'uart' is missing an argument" },
    { "vm a b\n", 1, "'vm' has an extra argument 'b'" },
    { "vm a\nmemory 16M 32M\n", 2, "'memory' has an extra argument '32M'" },
    { VM_OK "console now\n", 4, "'console' has an extra argument 'now'" },
    { VM_OK "uart 0x1000 irq 3 4\n", 4, "'uart' has an extra argument '4'" },
    { VM_OK "a b c d e f g h i j k l m n o p q\n", 4, "extra argument" },
    { "vm a\nmemory 16Q\n", 2, "bad number '16Q'" },
    { "vm a\nmemory 0x\n", 2, "bad number '0x'" },
    { "vm a\nmemory 99999999999999999999\n", 2, "bad number" },
    { "vm a\nmemory 17179869184G\n", 2, "bad number" },   /* overflows when scaled */
    { VM_OK "ram-base 0x8000000M\n", 4, "bad number '0x8000000M'" },  /* suffix on a GPA */
    { VM_OK "load -4\n", 4, "bad number '-4'" },
    { VM_OK "uart 0x10000000 irq ten\n", 4, "bad number 'ten'" },
    { "vm a\nmemory 3M\n", 2, "not a multiple of 2 MiB" },
    { "vm a\nmemory 0\n", 2, "not a multiple of 2 MiB" },
    { "vm a\nmemory 1M\n", 2, "not a multiple of 2 MiB" },
    { VM_OK "ram-base 0x80100000\n", 4, "ram-base 0x80100000 is not 2 MiB aligned" },
    { VM_OK "vm b\nmemory 2M\nimage b\nvm a\n", 7, "duplicate VM name 'a'" },
    { "vm a.b\n", 1, "bad VM name 'a.b'" },
    { "vm abcdefghijklmnop\n", 1, "bad VM name" },       /* 16 characters */
    { VM_OK "memory 32M\n", 4, "'memory' given twice" },
    { VM_OK "plic 0x0c000000\nplic 0x2000000\n", 5, "'plic' given twice" },
    { "vm a\nimage a\nvm b\nmemory 2M\nimage b\n", 1, "vm 'a' has no 'memory'" },
    { "vm a\nmemory 2M\n\n\nvm b\n", 1, "vm 'a' has no 'image'" },
    { VM_OK "vm b\nmemory 2M\n", 4, "vm 'b' has no 'image'" },
    { VM_OK "uart 0x80fff000\n", 4, "uart window [0x80fff000, 0x80fff100) overlaps RAM [0x80000000, 0x81000000)" },
    { VM_OK "plic 0x7fe00000\n", 4, "plic window [0x7fe00000, 0x80200000) overlaps RAM" },
    { VM_OK "plic 0x0c000000\nuart 0x0c3fff00\n", 5,
      "uart window [0xc3fff00, 0xc400000) overlaps plic window [0xc000000, 0xc400000) from line 4" },
    { VM_OK "uart 0x10000000\nuart 0x10000080\n", 5, "overlaps uart window" },
    { VM_OK "uart 0x10000000 irq 10\n", 4, "uart has irq 10 but vm 'a' has no plic or imsic" },
    { VM_OK "plic 0xc000000\nuart 0x10000000 irq 5\nuart 0x10001000 irq 5\n", 6,
      "irq 5 is already used by the uart at line 5" },
    { VM_OK "plic 0xc000000\nuart 0x10000000 irq 0\n", 5, "irq 0 out of range 1..31" },
    { VM_OK "tick 0x10001000 irq 11\n", 4, "tick has irq 11 but vm 'a' has no plic or imsic" },
    { VM_OK "imsic 0x28000800\n", 4, "imsic 0x28000800 is not 4 KiB aligned" },
    { VM_OK "imsic 0x28000000\nimsic 0x28001000\n", 5, "'imsic' given twice in vm 'a' (first at line 4)" },
    { VM_OK "plic 0xc000000\ntick 0x10001000\n", 5, "'tick' expects 'tick <gpa> irq <n>'" },
    { VM_OK "plic 0xc000000\ntick 0x10001000 irq 40\n", 5, "irq 40 out of range 1..31" },
    { VM_OK "plic 0xc000000\nuart 0x10000000 irq 11\ntick 0x10001000 irq 11\n", 6,
      "irq 11 is already used by the uart at line 5" },
    { VM_OK "plic 0xc000000\ntick 0x0c100000 irq 3\n", 5, "tick window [0xc100000, 0xc101000) overlaps plic window" },
    { VM_OK "plic 0xc000000\nuart 0x10000000 irq 32\n", 5, "irq 32 out of range 1..31" },
    { VM_OK "console\nvm b\nmemory 2M\nimage b\nconsole\n", 8, "two console VMs: 'a' (line 4) and 'b'" },
    { VM_OK "console\nconsole\n", 5, "'console' given twice" },
    { "", 1, "no 'vm' block" },
    { "# only a comment\n\n", 2, "no 'vm' block" },
    { "vm v0\nmemory 2M\nimage x\nvm v1\nmemory 2M\nimage x\nvm v2\nmemory 2M\nimage x\n"
      "vm v3\nmemory 2M\nimage x\nvm v4\nmemory 2M\nimage x\nvm v5\nmemory 2M\nimage x\n"
      "vm v6\nmemory 2M\nimage x\nvm v7\nmemory 2M\nimage x\nvm v8\nmemory 2M\nimage x\n",
      25, "more than 8 VMs" },
    { VM_OK "ram-base 0x20000000000\n", 4, "above 2^41" },
    { VM_OK "ram-base 0x1ffffe00000\n", 4, "RAM [0x1ffffe00000, 0x20000e00000) of vm 'a' ends above 2^41" },
    { VM_OK "uart 0x1ffffffff80\n", 4, "uart window [0x1ffffffff80, 0x20000000080) ends above 2^41" },
    { VM_OK "plic 0x30000000000\n", 4, "plic 0x30000000000 is above 2^41" },
    { VM_OK "load 0x7ffff000\n", 4, "load 0x7ffff000 is outside RAM" },
    { VM_OK "load 0x80ff0000\n", 4, "outside RAM" },     /* inside the DTB's 64 KiB */
    { VM_OK "image b.bin\n", 4, "'image' given twice" },
    { "vm a\nmemory 16M\nimage a\"b\n", 3, "quote" },
    { "bootargs \"x\"\nvm a\n", 1, "'bootargs' before any 'vm' block" },
    { VM_OK "bootargs\n", 4, "'bootargs' is missing an argument" },
    { VM_OK "bootargs \"\"\n", 4, "'bootargs' is missing an argument" },
    { VM_OK "bootargs \"console=ttyS0\n", 4, "unterminated quote" },
    { VM_OK "bootargs a\"b\n", 4, "may not contain quotes" },
    { VM_OK "bootargs x\nbootargs y\n", 5, "'bootargs' given twice in vm 'a' (first at line 4)" },
    { VM_OK "initrd\n", 4, "'initrd' is missing an argument" },
    { VM_OK "initrd a b\n", 4, "'initrd' has an extra argument 'b'" },
    { VM_OK "initrd i\ninitrd j\n", 5, "'initrd' given twice" },
    { VM_OK "initrd a$b\n", 4, "quote, backslash or '$'" },
    { VM_OK "disk d.img\n", 4, "'disk' is missing an argument (expects 'disk <path> <gpa> [irq <n>]')" },
    { VM_OK "disk d.img 0x10001000 irq\n", 4, "'disk' is missing an argument" },
    { VM_OK "disk d.img 0x10001800\n", 4, "disk 0x10001800 is not 4 KiB aligned" },
    { VM_OK "disk d.img 0x10001000 irq 1\n", 4, "disk has irq 1 but vm 'a' has no plic or imsic" },
    { VM_OK "plic 0xc000000\ndisk d.img 0x10001000 irq 40\n", 5, "irq 40 out of range 1..31" },
    { VM_OK "disk d.img 0x10001000\ndisk e.img 0x10002000\n", 5, "'disk' given twice" },
    { VM_OK "virtio-console 0x10002000\nvirtio-console 0x10003000\n", 5,
      "'virtio-console' given twice in vm 'a' (first at line 4)" },
    { VM_OK "aplic 0xd002000\n", 4, "aplic 0xd002000 is not 16 KiB aligned" },
    { VM_OK "imsic 0x28000000\naplic 0xd000000\naplic 0xd004000\n", 6,
      "'aplic' given twice in vm 'a' (first at line 5)" },
    { VM_OK "aplic 0xd000000\n", 4, "aplic needs an imsic in vm 'a'" },
    /* passthrough */
    { VM_OK "passthrough 0x101000 0x1000 google,goldfish-rtc irq 1\n", 4,
      "'passthrough' expects 'passthrough <hpa> <size> <compatible> source <s> irq <n>'" },
    { VM_OK "passthrough 0x101800 0x1000 x source 11 irq 1\n", 4,
      "passthrough window 0x101800+0x1000 is not whole 4 KiB pages" },
    { VM_OK "plic 0xc000000\npassthrough 0x101000 0x1000 x source 32 irq 1\n", 5,
      "source 32 out of range 1..31" },
    { VM_OK "passthrough 0x101000 0x1000 x source 11 irq 1\n", 4,
      "passthrough needs a plic in vm 'a' (the HVA VIC serves it)" },
    { VM_OK "plic 0xc000000\nuart 0x101000 irq 1\npassthrough 0x101000 0x1000 x source 11 irq 2\n", 6,
      "passthrough window [0x101000, 0x102000) overlaps uart window" },
    /* memory identity (GPA = HPA) */
    { "vm a\nmemory 16M same\nimage a.bin\n", 2, "'memory' has an extra argument 'same' (expects 'memory <size> [identity]')" },
    { "vm a\nmemory 16M identity\nram-base 0x88000000\nimage a.bin\n", 2,
      "memory identity (GPA = HPA) needs a passthrough device in vm 'a'" },
    { "vm a\nmemory 16M identity\nimage a.bin\nplic 0xc000000\n"
      "passthrough 0x10001000 0x1000 virtio,mmio source 1 irq 1\n", 2,
      "memory identity needs a 'ram-base' in vm 'a'" },
    { VM_OK "imsic 0x28000000\nplic 0xc000000\naplic 0xd000000\n", 6,
      "vm 'a' has both a plic (line 5) and an aplic" },
    { VM_OK "uart 0x10000000\nvirtio-console 0x10000000\n", 5,
      "virtio-console window [0x10000000, 0x10001000) overlaps uart window" },
    /* cpus and pin */
    /* watchdog */
    { VM_OK "watchdog 0\n", 4, "watchdog 0 out of range 1..3600 seconds" },
    { VM_OK "watchdog 3601\n", 4, "watchdog 3601 out of range 1..3600 seconds" },
    { VM_OK "watchdog soon\n", 4, "bad number 'soon' for 'watchdog'" },
    { VM_OK "watchdog 5\nwatchdog 5\n", 5, "'watchdog' given twice in vm 'a' (first at line 4)" },
    { VM_OK "cpus 0\n", 4, "cpus 0 out of range 1..8" },
    { VM_OK "cpus 9\n", 4, "cpus 9 out of range 1..8" },
    { VM_OK "cpus two\n", 4, "bad number 'two' for 'cpus'" },
    { VM_OK "cpus\n", 4, "'cpus' is missing an argument" },
    { VM_OK "cpus 2 3\n", 4, "'cpus' has an extra argument '3'" },
    { VM_OK "cpus 2\ncpus 2\n", 5, "'cpus' given twice in vm 'a' (first at line 4)" },
    { "cpus 2\nvm a\n", 1, "'cpus' before any 'vm' block" },
    { "pin 0\nvm a\n", 1, "'pin' before any 'vm' block" },
    { VM_OK "pin\n", 4, "'pin' is missing an argument" },
    { VM_OK "cpus 2\npin 0\n", 5, "'pin' has 1 entry but vm 'a' has 2 vCPUs ('cpus')" },
    { VM_OK "pin 0 1 2\ncpus 2\n", 4, "'pin' has 3 entries but vm 'a' has 2 vCPUs" },
    { VM_OK "pin 0 1\n", 4, "'pin' has 2 entries but vm 'a' has 1 vCPU (the default without 'cpus')" },
    { VM_OK "pin 0 *\nvm b\nmemory 2M\nimage b\n", 4, "'pin' has 2 entries but vm 'a' has 1 vCPU" },
    { VM_OK "cpus 2\npin 0 8\n", 5, "pin: host hart 8 (vCPU 1) out of range 0..7" },
    { VM_OK "cpus 2\npin 0x10 0\n", 5, "pin: host hart 0x10 (vCPU 0) out of range 0..7" },
    { VM_OK "cpus 2\npin 0 x\n", 5, "bad host hart 'x' for 'pin' (0..7, or '*' to float)" },
    { VM_OK "pin -1\n", 4, "bad host hart '-1' for 'pin'" },
    { VM_OK "cpus 2\npin * **\n", 5, "bad host hart '**' for 'pin'" },
    { VM_OK "cpus 8\npin 0 1 2 3 4 5 6 7 0\n", 5, "'pin' has an extra argument '0'" },
    { VM_OK "pin 0\npin 0\n", 5, "'pin' given twice in vm 'a' (first at line 4)" },
    /* the IMSIC window: one page per vCPU, its base aligned to the power of two above */
    { VM_OK "cpus 2\nimsic 0x28001000\n", 5, "imsic 0x28001000 is not 8 KiB aligned (vm 'a' has 2 vCPUs" },
    { VM_OK "imsic 0x28002000\ncpus 3\n", 4, "imsic 0x28002000 is not 16 KiB aligned" },
    { VM_OK "cpus 5\nimsic 0x28004000\n", 5, "imsic 0x28004000 is not 32 KiB aligned" },
    { VM_OK "cpus 4\nimsic 0x28000000\nvirtio-console 0x28003000\n", 6,
      "virtio-console window [0x28003000, 0x28004000) overlaps imsic window [0x28000000, 0x28004000) from line 5" },
    { VM_OK "virtio-console 0x28007000\nimsic 0x28000000\ncpus 8\n", 5,
      "imsic window [0x28000000, 0x28008000) overlaps virtio-console window" },
};

static void test_each_error_has_line_and_message(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        const struct bad_case *c = &bad_cases[i];
        char prefix[32];

        if (!vmcfg_parse("t.cfg", c->text, strlen(c->text), &cfg, err, sizeof(err)))
            fail_msg("case %zu: accepted, expected line %u '%s'", i, c->line, c->msg);
        snprintf(prefix, sizeof(prefix), "t.cfg:%u: ", c->line);
        if (strncmp(err, prefix, strlen(prefix)) || !strstr(err, c->msg))
            fail_msg("case %zu: got \"%s\"\n   expected \"%s...%s\"", i, err, prefix, c->msg);
        assert_null(strchr(err, '\n'));     /* one line */
    }
}

/* ---- image checks through the file-size hook ----------------------------- */

struct fake_file { const char *path; int64_t size; };

static int64_t fake_size(const char *path, uint8_t *head, size_t head_len, void *ctx)
{
    if (head_len)
        memset(head, 0, head_len);
    for (const struct fake_file *f = ctx; f->path; f++)
        if (!strcmp(f->path, path))
            return f->size;
    errno = ENOENT;
    return -1;
}

static int check_images(const char *text, const struct fake_file *files)
{
    parse_ok(text);
    return vmcfg_check_images("t.cfg", &cfg, fake_size, (void *)files, err, sizeof(err));
}

static void test_image_checks(void **state)
{
    const uint64_t room = (4 << 20) - 0x10000;     /* 4 MiB minus the DTB's 64 KiB */
    (void)state;

    struct fake_file fits[] = { { "a.bin", room }, { NULL, 0 } };
    assert_int_equal(check_images("vm a\nmemory 4M\nimage a.bin\n", fits), 0);

    struct fake_file big[] = { { "a.bin", room + 1 }, { NULL, 0 } };
    assert_int_equal(check_images("vm a\nmemory 4M\nimage a.bin\n", big), -1);
    assert_non_null(strstr(err, "t.cfg:3: image 'a.bin'"));
    assert_non_null(strstr(err, "does not fit in vm 'a'"));

    /* A load address above ram-base leaves less room. */
    struct fake_file half[] = { { "a.bin", room - 0x100000 + 1 }, { NULL, 0 } };
    assert_int_equal(check_images("vm a\nmemory 4M\nload 0x80100000\nimage a.bin\n", half), -1);
    assert_non_null(strstr(err, "t.cfg:4: "));
    half[0].size--;
    assert_int_equal(check_images("vm a\nmemory 4M\nload 0x80100000\nimage a.bin\n", half), 0);

    struct fake_file none[] = { { "a.bin", 16 }, { NULL, 0 } };
    assert_int_equal(check_images("vm a\nmemory 4M\nimage a.bin\nvm b\nmemory 2M\n"
                                  "image gone.bin\n", none), -1);
    assert_string_equal(err, "t.cfg:6: cannot read image 'gone.bin': No such file or directory");

    struct fake_file empty[] = { { "a.bin", 0 }, { NULL, 0 } };
    assert_int_equal(check_images("vm a\nmemory 4M\nimage a.bin\n", empty), -1);
    assert_non_null(strstr(err, "t.cfg:3: image 'a.bin' is empty"));
}

/* ---- the guest device tree ------------------------------------------------ */

static uint8_t dtb[VMCFG_DTB_RESERVE];
static char tmpdir[64];
static void write_file(const char *name, const void *data, size_t len);

static int node(const char *path)
{
    int off = fdt_path_offset(dtb, path);
    if (off < 0)
        fail_msg("node %s: %s", path, fdt_strerror(off));
    return off;
}

static const void *prop(int off, const char *name, int want_len)
{
    int len;
    const void *p = fdt_getprop(dtb, off, name, &len);
    if (!p)
        fail_msg("property %s missing", name);
    if (want_len >= 0 && len != want_len)
        fail_msg("property %s: length %d, expected %d", name, len, want_len);
    return p;
}

static uint32_t cell(int off, const char *name, int i)
{
    const fdt32_t *p = prop(off, name, -1);
    return fdt32_to_cpu(p[i]);
}

static void assert_reg(int off, uint64_t base, uint64_t size)
{
    fdt64_t reg[2];     /* property data is only 4-byte aligned */
    memcpy(reg, prop(off, "reg", 16), sizeof(reg));
    assert_int_equal(fdt64_to_cpu(reg[0]), base);
    assert_int_equal(fdt64_to_cpu(reg[1]), size);
}

static void run_dtc(const char *dtb_path)
{
    char cmd[512];
    if (system("command -v dtc >/dev/null 2>&1") != 0)
        fail_msg("dtc is not installed (Debian: device-tree-compiler); cannot check the DTB");
    /* Warnings count as failures: Linux and U-Boot read what dtc accepts cleanly. */
    snprintf(cmd, sizeof(cmd),
             "out=$(dtc -q -I dtb -O dts -o /dev/null '%s' 2>&1 && dtc -I dtb -O dts -o /dev/null '%s' 2>&1)"
             " && test -z \"$out\" || { echo \"$out\"; exit 1; }", dtb_path, dtb_path);
    assert_int_equal(system(cmd), 0);
}

static void test_dtb_of_sample_vm(void **state)
{
    (void)state;
    parse_ok(sample);
    int size = vmcfg_build_dtb(&cfg.vms[0], dtb, sizeof(dtb), err, sizeof(err));
    assert_true(size > 0);
    assert_int_equal(fdt_check_header(dtb), 0);
    assert_int_equal(fdt_totalsize(dtb), (uint32_t)size);

    int root = node("/");
    assert_int_equal(cell(root, "#address-cells", 0), 2);
    assert_int_equal(cell(root, "#size-cells", 0), 2);
    assert_int_equal(fdt_node_check_compatible(dtb, root, "chipvisor,vm"), 0);
    assert_string_equal(prop(root, "model", -1), "chipvisor VM linux");

    int cpus = node("/cpus");
    assert_int_equal(cell(cpus, "#address-cells", 0), 1);
    assert_int_equal(cell(cpus, "#size-cells", 0), 0);
    assert_int_equal(cell(cpus, "timebase-frequency", 0), 10000000);
    int cpu = node("/cpus/cpu@0");
    assert_string_equal(prop(cpu, "device_type", -1), "cpu");
    assert_int_equal(cell(cpu, "reg", 0), 0);
    assert_string_equal(prop(cpu, "riscv,isa", -1), "rv64imafdc_zicntr_zicsr_zifencei");
    assert_string_equal(prop(cpu, "riscv,isa-base", -1), "rv64i");
    assert_memory_equal(prop(cpu, "riscv,isa-extensions", sizeof(VMCFG_ISA_EXTENSIONS)),
                        VMCFG_ISA_EXTENSIONS, sizeof(VMCFG_ISA_EXTENSIONS));
    assert_string_equal(prop(cpu, "mmu-type", -1), "riscv,sv39");
    assert_string_equal(prop(cpu, "status", -1), "okay");
    int intc = node("/cpus/cpu@0/interrupt-controller");
    assert_int_equal(fdt_node_check_compatible(dtb, intc, "riscv,cpu-intc"), 0);
    prop(intc, "interrupt-controller", 0);

    int mem = node("/memory@80000000");
    assert_string_equal(prop(mem, "device_type", -1), "memory");
    assert_reg(mem, 0x80000000ULL, 64ULL << 20);

    int soc = node("/soc");
    assert_int_equal(fdt_node_check_compatible(dtb, soc, "simple-bus"), 0);
    prop(soc, "ranges", 0);

    int uart = node("/soc/serial@10000000");
    assert_int_equal(fdt_node_check_compatible(dtb, uart, "ns16550a"), 0);
    assert_reg(uart, 0x10000000ULL, 0x100);
    assert_int_equal(cell(uart, "clock-frequency", 0), 3686400);
    assert_int_equal(cell(uart, "reg-shift", 0), 0);
    assert_int_equal(cell(uart, "reg-io-width", 0), 1);
    assert_int_equal(cell(uart, "interrupts", 0), 10);

    int plic = node("/soc/plic@c000000");
    assert_int_equal(fdt_node_check_compatible(dtb, plic, "sifive,plic-1.0.0"), 0);
    assert_int_equal(fdt_node_check_compatible(dtb, plic, "riscv,plic0"), 0);
    assert_reg(plic, 0x0c000000ULL, 0x400000);
    assert_int_equal(cell(plic, "riscv,ndev", 0), 31);
    prop(plic, "interrupt-controller", 0);

    /* phandle links resolve to the right nodes */
    uint32_t plic_ph = fdt_get_phandle(dtb, plic), intc_ph = fdt_get_phandle(dtb, intc);
    assert_true(plic_ph != 0 && intc_ph != 0 && plic_ph != intc_ph);
    assert_int_equal(fdt_node_offset_by_phandle(dtb, cell(uart, "interrupt-parent", 0)), plic);
    prop(plic, "interrupts-extended", 16);
    assert_int_equal(fdt_node_offset_by_phandle(dtb, cell(plic, "interrupts-extended", 0)), intc);
    assert_int_equal(cell(plic, "interrupts-extended", 1), 11);     /* context 0: M-mode ext */
    assert_int_equal(fdt_node_offset_by_phandle(dtb, cell(plic, "interrupts-extended", 2)), intc);
    assert_int_equal(cell(plic, "interrupts-extended", 3), 9);      /* context 1: S-mode ext */

    int chosen = node("/chosen");
    const char *stdout_path = prop(chosen, "stdout-path", -1);
    assert_string_equal(stdout_path, "/soc/serial@10000000");
    assert_int_equal(fdt_path_offset(dtb, stdout_path), uart);

    char path[] = "/tmp/test_vmconfig_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, dtb, size), size);
    close(fd);
    run_dtc(path);
    unlink(path);
}

static void test_dtb_without_devices(void **state)
{
    (void)state;
    parse_ok(sample);
    struct vmcfg_vm vm = cfg.vms[1];
    vm.n_devs = 0;
    assert_true(vmcfg_build_dtb(&vm, dtb, sizeof(dtb), err, sizeof(err)) > 0);
    assert_int_equal(fdt_check_header(dtb), 0);
    assert_reg(node("/memory@100000000"), 0x100000000ULL, 4ULL << 20);
    assert_null(fdt_getprop(dtb, node("/chosen"), "stdout-path", NULL));
    assert_int_equal(fdt_subnode_offset(dtb, node("/soc"), "serial@20000000"), -FDT_ERR_NOTFOUND);
    assert_string_equal(prop(node("/"), "model", -1), "chipvisor VM bare-1");
}

/* ---- SMP guests: one cpu node per vCPU, controllers naming every one ------- */

/* The cpu-intc phandle of /cpus/cpu@i, checking the node on the way. */
static uint32_t check_cpu(uint32_t i, bool aia)
{
    char path[64];
    snprintf(path, sizeof(path), "/cpus/cpu@%x", i);
    int cpu = node(path);
    assert_string_equal(prop(cpu, "device_type", -1), "cpu");
    assert_int_equal(cell(cpu, "reg", 0), i);
    prop(cpu, "reg", 4);
    assert_string_equal(prop(cpu, "status", -1), "okay");
    assert_string_equal(prop(cpu, "riscv,isa", -1),
                        aia ? VMCFG_ISA_STRING "_ssaia" : VMCFG_ISA_STRING);
    assert_string_equal(prop(cpu, "mmu-type", -1), "riscv,sv39");
    snprintf(path, sizeof(path), "/cpus/cpu@%x/interrupt-controller", i);
    int intc = node(path);
    assert_int_equal(fdt_node_check_compatible(dtb, intc, "riscv,cpu-intc"), 0);
    assert_int_equal(cell(intc, "#interrupt-cells", 0), 1);
    prop(intc, "interrupt-controller", 0);
    uint32_t ph = fdt_get_phandle(dtb, intc);
    assert_true(ph != 0);
    assert_int_equal(fdt_node_offset_by_phandle(dtb, ph), intc);
    return ph;
}

static int count_cpu_nodes(void)
{
    int n = 0, off;
    fdt_for_each_subnode(off, dtb, node("/cpus")) {
        const char *name = fdt_get_name(dtb, off, NULL);
        const char *type = fdt_getprop(dtb, off, "device_type", NULL);
        if (type && !strcmp(type, "cpu")) {
            assert_memory_equal(name, "cpu@", 4);
            n++;
        }
    }
    return n;
}

static void build_and_check_smp(uint32_t n, bool aia)
{
    char text[512];
    uint32_t intc[VM_MAX_VCPUS];

    if (aia)
        snprintf(text, sizeof(text), "vm smp\nmemory 64M\nimage Image\ncpus %u\n"
                 "imsic 0x28000000\naplic 0xd000000\nuart 0x10000000 irq 10\n", n);
    else
        snprintf(text, sizeof(text), "vm smp\nmemory 64M\nimage Image\ncpus %u\n"
                 "plic 0xc000000\nuart 0x10000000 irq 10\n", n);
    parse_ok(text);
    int size = vmcfg_build_dtb(&cfg.vms[0], dtb, sizeof(dtb), err, sizeof(err));
    if (size <= 0)
        fail_msg("cpus %u: %s", n, err);
    assert_int_equal(fdt_check_header(dtb), 0);

    assert_int_equal(count_cpu_nodes(), n);
    for (uint32_t i = 0; i < n; i++) {
        intc[i] = check_cpu(i, aia);
        for (uint32_t j = 0; j < i; j++)
            assert_true(intc[i] != intc[j]);    /* each its own controller */
    }
    char path[64];
    snprintf(path, sizeof(path), "/cpus/cpu@%x", n);
    assert_int_equal(fdt_path_offset(dtb, path), -FDT_ERR_NOTFOUND);

    /* cpu-map: one core per vCPU, each naming its cpu node */
    for (uint32_t i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "/cpus/cpu-map/cluster0/core%u", i);
        snprintf(text, sizeof(text), "/cpus/cpu@%x", i);
        assert_int_equal(fdt_node_offset_by_phandle(dtb, cell(node(path), "cpu", 0)), node(text));
    }
    snprintf(path, sizeof(path), "/cpus/cpu-map/cluster0/core%u", n);
    assert_int_equal(fdt_path_offset(dtb, path), -FDT_ERR_NOTFOUND);

    if (!aia) {
        /* PLIC: context 2i = <&intc_i 11> (M-mode), 2i+1 = <&intc_i 9> (S-mode) */
        int plic = node("/soc/plic@c000000");
        prop(plic, "interrupts-extended", (int)(16 * n));
        for (uint32_t i = 0; i < n; i++) {
            assert_int_equal(cell(plic, "interrupts-extended", 4 * i + 0), intc[i]);
            assert_int_equal(cell(plic, "interrupts-extended", 4 * i + 1), 11);
            assert_int_equal(cell(plic, "interrupts-extended", 4 * i + 2), intc[i]);
            assert_int_equal(cell(plic, "interrupts-extended", 4 * i + 3), 9);
        }
        assert_reg(plic, 0xc000000, 0x400000);
    } else {
        /* IMSIC: <&intc_i 9> per vCPU, one 4 KiB guest-file page each */
        int imsic = node("/soc/imsics@28000000");
        prop(imsic, "interrupts-extended", (int)(8 * n));
        for (uint32_t i = 0; i < n; i++) {
            assert_int_equal(cell(imsic, "interrupts-extended", 2 * i + 0), intc[i]);
            assert_int_equal(cell(imsic, "interrupts-extended", 2 * i + 1), 9);
        }
        assert_reg(imsic, 0x28000000, 0x1000ULL * n);
        /* the MSI-mode APLIC names no cpu: its MSIs go through the IMSIC */
        int aplic = node("/soc/interrupt-controller@d000000");
        assert_null(fdt_getprop(dtb, aplic, "interrupts-extended", NULL));
        assert_int_equal(fdt_node_offset_by_phandle(dtb, cell(aplic, "msi-parent", 0)), imsic);
        assert_reg(aplic, 0xd000000, 0x4000);
    }
    /* dtc reads it without a warning */
    snprintf(path, sizeof(path), "smp%u%s.dtb", n, aia ? "aia" : "");
    write_file(path, dtb, fdt_totalsize(dtb));
    snprintf(text, sizeof(text), "%s/%s", tmpdir, path);
    run_dtc(text);
}

static void test_passthrough(void **state)
{
    (void)state;
    parse_ok("vm a\nmemory 2M\nimage a\nplic 0x0c000000\n"
             "passthrough 0x101000 0x1000 google,goldfish-rtc source 11 irq 5\n");
    const struct vmcfg_dev *d = &cfg.vms[0].devs[1];
    assert_int_equal(d->type, VM_DEV_PASSTHROUGH);
    assert_int_equal(d->gpa, 0x101000);
    assert_int_equal(d->size, 0x1000);
    assert_int_equal(d->host_irq, 11);
    assert_int_equal(d->irq, 5);
    int size = vmcfg_build_dtb(&cfg.vms[0], dtb, sizeof(dtb), err, sizeof(err));
    assert_true(size > 0);
    int dev = node("/soc/device@101000");
    assert_int_equal(fdt_node_check_compatible(dtb, dev, "google,goldfish-rtc"), 0);
    assert_reg(dev, 0x101000ULL, 0x1000);
    assert_int_equal(cell(dev, "interrupts", 0), 5);
}

static void test_identity(void **state)
{
    (void)state;
    parse_ok("vm a\nmemory 16M identity\nram-base 0x88000000\nimage a\nplic 0x0c000000\n"
             "passthrough 0x10001000 0x1000 virtio,mmio source 1 irq 1\n");
    assert_true(cfg.vms[0].ram_identity);
    assert_int_equal(cfg.vms[0].ram_base, 0x88000000);
    parse_ok("vm a\nmemory 16M\nimage a\n");
    assert_false(cfg.vms[0].ram_identity);
}

static void test_dtb_smp(void **state)
{
    (void)state;
    static const uint32_t counts[] = { 1, 2, 4, 3, 8 };
    for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
        build_and_check_smp(counts[k], false);
        build_and_check_smp(counts[k], true);
    }
    /* a vm that did not come from the parser cannot give a broken DTB */
    parse_ok("vm a\nmemory 2M\nimage a\n");
    cfg.vms[0].n_vcpus = 0;
    assert_int_equal(vmcfg_build_dtb(&cfg.vms[0], dtb, sizeof(dtb), err, sizeof(err)), -1);
    cfg.vms[0].n_vcpus = VM_MAX_VCPUS + 1;
    assert_int_equal(vmcfg_build_dtb(&cfg.vms[0], dtb, sizeof(dtb), err, sizeof(err)), -1);
    assert_non_null(strstr(err, "vm 'a': 9 vCPUs"));
}

/* ---- the generated table and the command ---------------------------------- */

static void write_file(const char *name, const void *data, size_t len)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static int run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int setup_tmpdir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/test_vmconfig_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return run("rm -rf '%s'", tmpdir);
}

/* Runs the real command, compiles its vm_table.c with the host compiler and
 * links it with a checker that compares the embedded bytes with the files. */
static void test_command_and_table(void **state)
{
    uint8_t image[5000];
    (void)state;
    for (size_t i = 0; i < sizeof(image); i++)
        image[i] = (uint8_t)(i * 7 + 3);
    write_file("guest.bin", image, sizeof(image));
    char cfgtext[512];
    snprintf(cfgtext, sizeof(cfgtext),
             "vm one\nmemory 8M\nimage %s/guest.bin\nuart 0x10000000 irq 10\nplic 0xc000000\n"
             "cpus 4\npin 1 * 3 3\n"
             "vm two\nmemory 4M\nram-base 0x90000000\nload 0x90200000\nimage %s/guest.bin\n"
             "console\n", tmpdir, tmpdir);
    write_file("ok.cfg", cfgtext, strlen(cfgtext));

    assert_int_equal(run("cd %s && %s ok.cfg out/", tmpdir, VMCONFIG_TEST_BIN), 0);

    static const char checker[] =
        "#include <stdio.h>\n#include <string.h>\n#include <libfdt.h>\n#include \"vm_config.h\"\n"
        "int main(void) {\n"
        "  static unsigned char img[5000]; FILE *f = fopen(\"guest.bin\", \"rb\");\n"
        "  if (!f || fread(img, 1, sizeof img, f) != sizeof img) return 10;\n"
        "  if (vm_config_count != 2) return 11;\n"
        "  const struct vm_config *a = &vm_configs[0], *b = &vm_configs[1];\n"
        "  if (strcmp(a->name, \"one\") || strcmp(b->name, \"two\")) return 12;\n"
        "  if (a->image_size != 5000 || memcmp(a->image, img, 5000)) return 13;\n"
        "  if (b->image_size != 5000 || memcmp(b->image, img, 5000)) return 14;\n"
        "  if ((unsigned long)a->image % 4096 || (unsigned long)a->dtb % 4096) return 15;\n"
        "  if (fdt_check_header(a->dtb) || fdt_totalsize(a->dtb) != a->dtb_size) return 16;\n"
        "  if (a->ram_gpa != 0x80000000 || a->ram_size != 8 << 20 || a->image_gpa != 0x80000000) return 17;\n"
        "  if (a->dtb_gpa != 0x80000000 + (8 << 20) - 0x10000) return 18;\n"
        "  if (b->image_gpa != 0x90200000 || b->dtb_gpa != 0x903f0000) return 19;\n"
        "  if (a->n_devices != 2 || a->devices[0].type != VM_DEV_UART16550 || a->devices[0].irq != 10\n"
        "      || a->devices[1].type != VM_DEV_PLIC || a->devices[1].gpa_base != 0xc000000\n"
        "      || a->devices[1].size != 0x400000 || b->n_devices != 0) return 20;\n"
        "  if (a->console_input || !b->console_input) return 21;\n"
        "  if (a->image != b->image) return 22;   /* one file, embedded once */\n"
        "  if (a->initrd || a->disk || a->initrd_size || a->disk_size) return 23;\n"
        "  static const int8_t pin_a[VM_MAX_VCPUS] = { 1, -1, 3, 3, -1, -1, -1, -1 };\n"
        "  if (a->n_vcpus != 4 || memcmp(a->vcpu_pin, pin_a, sizeof pin_a)) return 24;\n"
        "  if (b->n_vcpus != 1) return 25;\n"
        "  for (int i = 0; i < VM_MAX_VCPUS; i++) if (b->vcpu_pin[i] != -1) return 26;\n"
        "  if (fdt_path_offset(a->dtb, \"/cpus/cpu@3\") < 0 || fdt_path_offset(a->dtb, \"/cpus/cpu@4\") >= 0\n"
        "      || fdt_path_offset(b->dtb, \"/cpus/cpu@0\") < 0 || fdt_path_offset(b->dtb, \"/cpus/cpu@1\") >= 0) return 27;\n"
        "  return 0;\n}\n";
    write_file("check.c", checker, strlen(checker));
    assert_int_equal(run("cd %s && cc -std=gnu11 -Wall -Wextra -Werror -I%s check.c out/vm_table.c"
                         " -lfdt -o check && ./check", tmpdir, VMCONFIG_TEST_INCLUDE), 0);
    /* The hypervisor's compiler takes it too. */
    assert_int_equal(run("cd %s && { ! command -v riscv64-unknown-elf-gcc >/dev/null || "
                         "riscv64-unknown-elf-gcc -march=rv64imac_zicsr_zifencei -mabi=lp64 "
                         "-mcmodel=medany -std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding "
                         "-fno-builtin -nostdlib -I%s -c out/vm_table.c -o rv.o; }",
                         tmpdir, VMCONFIG_TEST_INCLUDE), 0);
    /* A blob that changed size since the tool ran is a build error, not a wrong table. */
    write_file("guest.bin", image, 100);
    assert_int_equal(run("cd %s && ! cc -I%s -c out/vm_table.c -o t.o 2>err.txt && "
                         "grep -q 'guest.bin changed size since vmconfig ran' err.txt",
                         tmpdir, VMCONFIG_TEST_INCLUDE), 0);
    write_file("guest.bin", image, sizeof(image));

    /* deps.mk names the table (as make spells it), the config and the image. */
    assert_int_equal(run("cd %s && grep -qx 'out/vm_table.c: ok.cfg %s/guest.bin' out/deps.mk",
                         tmpdir, tmpdir), 0);
    assert_int_equal(run("cd %s && test -s out/vm0.dtb && test -s out/vm1.dtb && "
                         "test -z \"$(ls -A out | grep -v -x -e vm0.dtb -e vm1.dtb -e vm_table.c -e deps.mk)\"",
                         tmpdir), 0);
}

/* initrd, bootargs, disk and virtio-console: parsed, placed, in the DTB */
static void test_linux_directives(void **state)
{
    (void)state;
    parse_ok("vm lin\nmemory 64M\nimage Image\n"
             "  bootargs  \"console=ttyS0 root=/dev/vda rw\"  # comment\n"
             "initrd initrd.cpio\nplic 0xc000000\nuart 0x10000000 irq 10\n"
             "disk root.ext4 0x10001000 irq 1\nvirtio-console 0x10002000 irq 2\n");
    struct vmcfg_vm *vm = &cfg.vms[0];
    assert_string_equal(vm->bootargs, "console=ttyS0 root=/dev/vda rw");
    assert_string_equal(vm->initrd, "initrd.cpio");
    assert_string_equal(vm->disk, "root.ext4");
    assert_int_equal(vm->n_devs, 4);
    assert_int_equal(vm->devs[2].type, VM_DEV_VIRTIO_BLK);
    assert_int_equal(vm->devs[2].gpa, 0x10001000);
    assert_int_equal(vm->devs[2].size, 0x1000);
    assert_int_equal(vm->devs[2].irq, 1);
    assert_int_equal(vm->devs[3].type, VM_DEV_VIRTIO_CONSOLE);
    assert_int_equal(vm->devs[3].irq, 2);

    /* bootargs without quotes take the rest of the line too */
    parse_ok("vm a\nmemory 2M\nimage x\nbootargs quiet  loglevel=3\n");
    assert_string_equal(cfg.vms[0].bootargs, "quiet  loglevel=3");

    /* The initrd goes as high as it fits below the DTB, 4 KiB aligned; a Linux
     * Image needs its header's image_size (bss included) below it. */
    const uint64_t top = 0x80000000ULL + (64 << 20) - 0x10000;
    struct fake_file files[] = { { "Image", 1 << 20 }, { "initrd.cpio", 5000 },
                                 { "root.ext4", 1 << 20 }, { NULL, 0 } };
    parse_ok("vm lin\nmemory 64M\nimage Image\ninitrd initrd.cpio\n"
             "disk root.ext4 0x10001000\n");
    assert_int_equal(vmcfg_check_images("t.cfg", &cfg, fake_size, files, err, sizeof(err)), 0);
    assert_int_equal(cfg.vms[0].initrd_size, 5000);
    assert_int_equal(cfg.vms[0].initrd_gpa, (top - 5000) & ~0xfffULL);
    assert_int_equal(cfg.vms[0].disk_size, 1 << 20);
    assert_int_equal(cfg.vms[0].image_extent, 1 << 20);

    files[1].size = (int64_t)(top - 0x80000000ULL - (1 << 20)) + 1;   /* no room left */
    assert_int_equal(vmcfg_check_images("t.cfg", &cfg, fake_size, files, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "t.cfg:3: image 'Image'"));
    assert_non_null(strstr(err, "to the initrd at"));
    files[1].size = 5000;
    files[2].size = 1000;                                          /* not whole sectors */
    assert_int_equal(vmcfg_check_images("t.cfg", &cfg, fake_size, files, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "t.cfg:5: disk image 'root.ext4' (1000 bytes) is not a multiple of 512"));
    files[2].size = 0;
    assert_int_equal(vmcfg_check_images("t.cfg", &cfg, fake_size, files, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "t.cfg:5: disk image 'root.ext4' is empty"));

    /* the RISC-V Image header's image_size counts, not the file size */
    uint8_t head[VMCFG_IMAGE_HEAD] = { 0 };
    memcpy(head + 56, "RSC\x05", 4);
    head[16 + 3] = 0x02;                      /* 0x2000000: 32 MiB */
    assert_int_equal(vmcfg_image_extent(head, sizeof(head), 1 << 20), 32 << 20);
    memset(head + 56, 0, 4);
    assert_int_equal(vmcfg_image_extent(head, sizeof(head), 1 << 20), 1 << 20);
    memcpy(head + 48, "RISCV\0\0\0", 8);
    assert_int_equal(vmcfg_image_extent(head, sizeof(head), 1 << 20), 32 << 20);

    /* the DTB: /chosen, virtio nodes */
    parse_ok("vm lin\nmemory 64M\nimage Image\nbootargs \"console=hvc0 cv.x=1\"\n"
             "initrd initrd.cpio\nplic 0xc000000\nuart 0x10000000 irq 10\n"
             "disk root.ext4 0x10001000 irq 1\nvirtio-console 0x10002000 irq 2\n");
    files[2].size = 1 << 20;
    assert_int_equal(vmcfg_check_images("t.cfg", &cfg, fake_size, files, err, sizeof(err)), 0);
    assert_true(vmcfg_build_dtb(&cfg.vms[0], dtb, sizeof(dtb), err, sizeof(err)) > 0);
    int chosen = node("/chosen");
    assert_string_equal(prop(chosen, "bootargs", -1), "console=hvc0 cv.x=1");
    assert_int_equal(fdt64_ld(prop(chosen, "linux,initrd-start", 8)), cfg.vms[0].initrd_gpa);
    assert_int_equal(fdt64_ld(prop(chosen, "linux,initrd-end", 8)), cfg.vms[0].initrd_gpa + 5000);
    int blk = node("/soc/virtio_mmio@10001000");
    assert_int_equal(fdt_node_check_compatible(dtb, blk, "virtio,mmio"), 0);
    assert_int_equal(cell(blk, "interrupts", 0), 1);
    assert_int_equal(cell(blk, "interrupt-parent", 0), VMCFG_PHANDLE_PLIC);
    const fdt64_t *reg = prop(blk, "reg", 16);
    assert_int_equal(fdt64_ld(reg), 0x10001000);
    assert_int_equal(fdt64_ld(reg + 1), 0x1000);
    int con = node("/soc/virtio_mmio@10002000");
    assert_int_equal(cell(con, "interrupts", 0), 2);
    write_file("linux.dtb", dtb, fdt_totalsize(dtb));
    char path[512];
    snprintf(path, sizeof(path), "%s/linux.dtb", tmpdir);
    run_dtc(path);
}

static void test_command_error_writes_nothing(void **state)
{
    (void)state;
    static const char bad[] = "vm a\nmemory 16M\nimage nowhere.bin\n";
    write_file("bad.cfg", bad, strlen(bad));
    assert_int_equal(run("cd %s && %s bad.cfg badout 2>err.txt", tmpdir, VMCONFIG_TEST_BIN), 1);
    assert_int_equal(run("cd %s && test ! -e badout && test \"$(wc -l < err.txt)\" = 1 && "
                         "grep -qx \"bad.cfg:3: cannot read image 'nowhere.bin': No such file or directory\" err.txt",
                         tmpdir), 0);

    /* An error keeps the outputs of the last good run as they were. */
    static const char bad2[] = "vm a\nmemory 16M\nimage guest.bin\nuart 0x80000000\n";
    write_file("ok.cfg", bad2, strlen(bad2));
    assert_int_equal(run("cd %s && cp out/vm_table.c before.c && %s ok.cfg out 2>err.txt", tmpdir,
                         VMCONFIG_TEST_BIN), 1);
    assert_int_equal(run("cd %s && cmp -s out/vm_table.c before.c && grep -q '^ok.cfg:4: uart window' err.txt"
                         " && test -z \"$(ls -A out | grep '^\\.')\"", tmpdir), 0);

    assert_int_equal(run("%s 2>/dev/null", VMCONFIG_TEST_BIN), 1);   /* usage */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_config_fields),
        cmocka_unit_test(test_console_defaults_to_first),
        cmocka_unit_test(test_sizes_and_limits_accepted),
        cmocka_unit_test(test_cpus_and_pin),
        cmocka_unit_test(test_each_error_has_line_and_message),
        cmocka_unit_test(test_image_checks),
        cmocka_unit_test(test_dtb_of_sample_vm),
        cmocka_unit_test(test_passthrough),
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_dtb_without_devices),
        cmocka_unit_test(test_dtb_smp),
        cmocka_unit_test(test_command_and_table),
        cmocka_unit_test(test_linux_directives),
        cmocka_unit_test(test_command_error_writes_nothing),
    };
    return cmocka_run_group_tests(tests, setup_tmpdir, remove_tmpdir);
}
