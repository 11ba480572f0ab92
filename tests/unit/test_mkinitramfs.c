/* Host tests of host-tools/mkinitramfs: the exact bytes of a small archive
 * (headers, name and data padding, trailer), a round trip through a small
 * newc reader, every documented error with its list line, and the command's
 * archive listed by Debian's cpio. */
#define _GNU_SOURCE
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

#include "mkinitramfs.h"

static char err[512];
static char tmpdir[] = "/tmp/test_mkinitramfs.XXXXXX";
static char src_path[256];

/* Builds an archive from list text; returns its bytes (malloc'd) and length, or
 * NULL with err set. */
static unsigned char *build(const char *list_text, size_t *len, int *entries)
{
    FILE *list = fmemopen((void *)list_text, strlen(list_text), "r");
    assert_non_null(list);
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    assert_non_null(out);
    int n = mkinitramfs_build(list, "t.list", out, err, sizeof err);
    fclose(list);
    fclose(out);
    if (entries)
        *entries = n;
    if (n < 0) {
        free(buf);
        return NULL;
    }
    *len = size;
    return (unsigned char *)buf;
}

/* --- a small newc reader ---------------------------------------------------- */
struct entry {
    char name[128];
    uint32_t ino, mode, uid, gid, nlink, mtime, size, rmaj, rmin;
    const unsigned char *data;
};

static uint32_t hex8(const unsigned char *p)
{
    char s[9];
    memcpy(s, p, 8);
    s[8] = 0;
    for (int i = 0; i < 8; i++)
        assert_true((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F'));
    return (uint32_t)strtoul(s, NULL, 16);
}

/* Reads every entry up to and including the trailer; checks alignment rules. */
static int read_archive(const unsigned char *a, size_t len, struct entry *e, int max)
{
    size_t off = 0;
    int n = 0;
    for (;;) {
        assert_true(n < max);
        assert_int_equal(off % 4, 0);
        assert_true(off + CPIO_HDR_LEN <= len);
        assert_memory_equal(a + off, CPIO_NEWC_MAGIC, 6);
        const unsigned char *h = a + off + 6;
        struct entry *x = &e[n];
        x->ino = hex8(h);        x->mode = hex8(h + 8);   x->uid = hex8(h + 16);
        x->gid = hex8(h + 24);   x->nlink = hex8(h + 32); x->mtime = hex8(h + 40);
        x->size = hex8(h + 48);
        assert_int_equal(hex8(h + 56), 0);                /* devmajor */
        assert_int_equal(hex8(h + 64), 0);                /* devminor */
        x->rmaj = hex8(h + 72);  x->rmin = hex8(h + 80);
        uint32_t namesize = hex8(h + 88);
        assert_int_equal(hex8(h + 96), 0);                /* check */
        off += CPIO_HDR_LEN;
        assert_true(namesize >= 2 && namesize <= sizeof x->name);
        assert_int_equal(a[off + namesize - 1], 0);       /* NUL-terminated */
        memcpy(x->name, a + off, namesize);
        off += namesize;
        while (off % 4) {
            assert_int_equal(a[off], 0);                  /* name padding */
            off++;
        }
        x->data = a + off;
        off += x->size;
        while (off % 4) {
            assert_int_equal(a[off], 0);                  /* data padding */
            off++;
        }
        assert_true(off <= len);
        n++;
        if (strcmp(x->name, CPIO_TRAILER) == 0)
            break;
    }
    assert_int_equal(off, len);                           /* nothing after the trailer */
    return n;
}

/* --- tests ---------------------------------------------------------------------- */
static void exact_bytes_of_one_dir(void **state)
{
    (void)state;
    size_t len;
    int n;
    unsigned char *a = build("dir /dev 0755 0 0\n", &len, &n);
    assert_non_null(a);
    assert_int_equal(n, 1);
    static const char want[] =
        "070701" "00000001" "000041ED" "00000000" "00000000" "00000002" "00000000"
        "00000000" "00000000" "00000000" "00000000" "00000000" "00000004" "00000000"
        "dev\0"                                   /* 110 + 4 = 114 -> pad to 116 */
        "\0\0"
        "070701" "00000000" "00000000" "00000000" "00000000" "00000001" "00000000"
        "00000000" "00000000" "00000000" "00000000" "00000000" "0000000B" "00000000"
        "TRAILER!!!\0"                            /* 116 + 121 = 237 -> pad to 240 */
        "\0\0\0";
    assert_int_equal(len, sizeof want - 1);
    assert_int_equal(len, 240);
    assert_memory_equal(a, want, len);
    free(a);
}

static void round_trip(void **state)
{
    (void)state;
    char list[1024];
    char empty[300];
    snprintf(empty, sizeof empty, "%s/empty", tmpdir);
    FILE *f = fopen(empty, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(list, sizeof list,
             "# comment line\n"
             "\n"
             "dir /dev 0755 0 0\n"
             "nod /dev/console 0600 0 0 c 5 1   # trailing comment\n"
             "nod /dev/vda 0660 0 6 b 254 0\n"
             "dir /bin 0755 0 0\n"
             "file /bin/hello %s 0755 1000 100\n"
             "slink /bin/sh busybox 0777 0 0\n"
             "file /empty %s 0644 0 0\n",
             src_path, empty);
    size_t len;
    int n;
    unsigned char *a = build(list, &len, &n);
    assert_non_null(a);
    assert_int_equal(n, 7);
    struct entry e[16];
    assert_int_equal(read_archive(a, len, e, 16), 8);

    assert_string_equal(e[0].name, "dev");
    assert_int_equal(e[0].mode, S_IFDIR | 0755);
    assert_int_equal(e[0].nlink, 2);
    assert_string_equal(e[1].name, "dev/console");
    assert_int_equal(e[1].mode, S_IFCHR | 0600);
    assert_int_equal(e[1].rmaj, 5);
    assert_int_equal(e[1].rmin, 1);
    assert_int_equal(e[1].size, 0);
    assert_string_equal(e[2].name, "dev/vda");
    assert_int_equal(e[2].mode, S_IFBLK | 0660);
    assert_int_equal(e[2].gid, 6);
    assert_int_equal(e[2].rmaj, 254);
    assert_string_equal(e[4].name, "bin/hello");
    assert_int_equal(e[4].mode, S_IFREG | 0755);
    assert_int_equal(e[4].uid, 1000);
    assert_int_equal(e[4].gid, 100);
    assert_int_equal(e[4].size, 5);                        /* 5 bytes: data padded by 3 */
    assert_memory_equal(e[4].data, "hello", 5);
    assert_string_equal(e[5].name, "bin/sh");
    assert_int_equal(e[5].mode, S_IFLNK | 0777);
    assert_int_equal(e[5].size, 7);
    assert_memory_equal(e[5].data, "busybox", 7);
    assert_string_equal(e[6].name, "empty");
    assert_int_equal(e[6].size, 0);
    for (int i = 0; i < 7; i++) {
        assert_int_equal(e[i].ino, (uint32_t)i + 1);       /* inodes in list order */
        assert_int_equal(e[i].mtime, 0);                   /* reproducible */
    }
    assert_string_equal(e[7].name, CPIO_TRAILER);
    assert_int_equal(e[7].ino, 0);
    assert_int_equal(e[7].nlink, 1);

    /* the same list gives the same bytes */
    size_t len2;
    unsigned char *b = build(list, &len2, NULL);
    assert_non_null(b);
    assert_int_equal(len, len2);
    assert_memory_equal(a, b, len);
    free(a);
    free(b);
}

static void expect_error(const char *list, const char *want)
{
    size_t len;
    int n;
    unsigned char *a = build(list, &len, &n);
    assert_null(a);
    assert_int_equal(n, -1);
    if (!strstr(err, want))
        fail_msg("error '%s' does not contain '%s'", err, want);
}

static void errors_name_the_line(void **state)
{
    (void)state;
    expect_error("dir /a 0755 0 0\nfoo /b 0755 0 0\n", "t.list:2: unknown entry type 'foo'");
    expect_error("dir /a 0755 0\n", "t.list:1: 'dir' takes <name> <mode> <uid> <gid> (3 fields given)");
    expect_error("# c\n\ndir /a 0799 0 0\n", "t.list:3: bad mode '0799'");
    expect_error("dir /a 17777 0 0\n", "t.list:1: bad mode '17777'");
    expect_error("dir /a 0755 x 0\n", "t.list:1: bad uid 'x'");
    expect_error("dir /a 0755 0 -1\n", "t.list:1: bad gid '-1'");
    expect_error("file /a /nonexistent/file 0644 0 0\n", "t.list:1: cannot open '/nonexistent/file'");
    expect_error("file /a /dev/null 0644 0 0\n", "t.list:1: '/dev/null' is not a regular file");
    expect_error("file /a 0644 0 0\n", "t.list:1: 'file' takes");
    expect_error("slink /a b 0777 0\n", "t.list:1: 'slink' takes");
    expect_error("nod /a 0600 0 0 x 1 1\n", "t.list:1: bad device type 'x'");
    expect_error("nod /a 0600 0 0 c 1\n", "t.list:1: 'nod' takes");
    expect_error("nod /a 0600 0 0 c 4096 1\n", "t.list:1: bad major '4096'");
    expect_error("dir / 0755 0 0\n", "t.list:1: empty name");
}

/* The command on a list with relative names, read back by Debian's cpio. */
static void command_output_listed_by_cpio(void **state)
{
    (void)state;
    char list_path[300], out_path[300], cmd[1200];
    snprintf(list_path, sizeof list_path, "%s/l.list", tmpdir);
    snprintf(out_path, sizeof out_path, "%s/out.cpio", tmpdir);
    FILE *f = fopen(list_path, "w");
    assert_non_null(f);
    fprintf(f, "dir /etc 0755 0 0\nfile /etc/hello %s 0644 0 0\nslink /etc/link hello 0777 0 0\n"
               "nod /console 0600 0 0 c 5 1\n", src_path);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s %s %s", MKINITRAMFS_TEST_BIN, list_path, out_path);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "cpio --quiet -it < %s", out_path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char got[512] = "";
    size_t n = fread(got, 1, sizeof got - 1, p);
    got[n] = 0;
    assert_int_equal(pclose(p), 0);
    assert_string_equal(got, "etc\netc/hello\netc/link\nconsole\n");

    /* extract it and compare the file's contents */
    snprintf(cmd, sizeof cmd, "cd %s && mkdir x && cd x && cpio --quiet -id --no-absolute-filenames "
             "etc etc/hello < %s && cmp etc/hello %s", tmpdir, out_path, src_path);
    assert_int_equal(system(cmd), 0);

    /* a bad list: exit status 1, no archive left behind, the line in the message */
    f = fopen(list_path, "w");
    assert_non_null(f);
    fprintf(f, "dir /etc 0755 0 0\nfile /etc/x /nonexistent 0644 0 0\n");
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s %s %s 2>%s/err.txt", MKINITRAMFS_TEST_BIN, list_path, out_path, tmpdir);
    assert_int_not_equal(system(cmd), 0);
    assert_int_equal(access(out_path, F_OK), -1);
    snprintf(cmd, sizeof cmd, "grep -q 'l.list:2: cannot open' %s/err.txt", tmpdir);
    assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(src_path, sizeof src_path, "%s/hello.txt", tmpdir);
    FILE *f = fopen(src_path, "w");
    if (!f)
        return -1;
    fputs("hello", f);
    fclose(f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_bytes_of_one_dir),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(errors_name_the_line),
        cmocka_unit_test(command_output_listed_by_cpio),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
