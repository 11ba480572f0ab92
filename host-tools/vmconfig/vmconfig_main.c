/* vmconfig <config> <out-dir>: check a configs/ file and write, into out-dir,
 * one guest DTB per VM (vm<i>.dtb), the hypervisor's VM table (vm_table.c)
 * and its make dependencies (deps.mk). Every output is written to a temporary
 * name first and renamed only when all of them are complete, so an error
 * leaves the previous outputs (or none) in place. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmconfig_dtb.h"
#include "vmconfig_emit.h"
#include "vmconfig_parse.h"

#define MAX_CONFIG_BYTES (1 << 20)
#define N_OUTPUTS (VMCFG_MAX_VMS + 2)

struct output {
    char final[PATH_MAX];
    char tmp[PATH_MAX];
    FILE *f;
};

static struct output outputs[N_OUTPUTS];
static unsigned n_outputs;

static void discard_outputs(void)
{
    for (unsigned i = 0; i < n_outputs; i++) {
        if (outputs[i].f)
            fclose(outputs[i].f);
        unlink(outputs[i].tmp);
    }
    n_outputs = 0;
}

__attribute__((format(printf, 1, 2), noreturn))
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("vmconfig: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    discard_outputs();
    exit(1);
}

static int64_t stat_file_size(const char *path, uint8_t *head, size_t head_len, void *ctx)
{
    struct stat st;
    FILE *f;

    (void)ctx;
    if (head_len)
        memset(head, 0, head_len);
    if (stat(path, &st))
        return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return -1;
    }
    f = fopen(path, "rb");      /* readable, not just present */
    if (!f)
        return -1;
    if (head_len && fread(head, 1, head_len, f) == 0 && ferror(f)) {
        fclose(f);
        errno = EIO;
        return -1;
    }
    fclose(f);
    return st.st_size;
}

static char *read_config(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(MAX_CONFIG_BYTES + 1);

    if (!f || !buf)
        die("%s: cannot read: %s", path, strerror(errno));
    *len = fread(buf, 1, MAX_CONFIG_BYTES + 1, f);
    if (ferror(f))
        die("%s: cannot read: %s", path, strerror(errno));
    if (*len > MAX_CONFIG_BYTES)
        die("%s: larger than %d bytes", path, MAX_CONFIG_BYTES);
    fclose(f);
    return buf;
}

static void make_dirs(const char *dir)
{
    char path[PATH_MAX];

    if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path))
        die("%s: path too long", dir);
    for (char *c = path + 1; ; c++) {
        if (*c == '/' || !*c) {
            char keep = *c;
            *c = '\0';
            if (mkdir(path, 0777) && errno != EEXIST)
                die("%s: cannot create: %s", path, strerror(errno));
            *c = keep;
            if (!keep)
                break;
        }
    }
}

static struct output *open_output(const char *dir, const char *name)
{
    struct output *o = &outputs[n_outputs];
    int fd;

    if (snprintf(o->final, sizeof(o->final), "%s/%s", dir, name) >= (int)sizeof(o->final) ||
        snprintf(o->tmp, sizeof(o->tmp), "%s/.%s.XXXXXX", dir, name) >= (int)sizeof(o->tmp))
        die("%s: path too long", dir);
    fd = mkstemp(o->tmp);
    if (fd < 0)
        die("%s: cannot create: %s", o->tmp, strerror(errno));
    fchmod(fd, 0644);
    n_outputs++;
    o->f = fdopen(fd, "wb");
    if (!o->f)
        die("%s: %s", o->tmp, strerror(errno));
    return o;
}

static void close_output(struct output *o)
{
    int bad = ferror(o->f);
    if (fclose(o->f) || bad) {
        o->f = NULL;
        die("%s: write failed", o->tmp);
    }
    o->f = NULL;
}

int main(int argc, char **argv)
{
    static struct vmcfg cfg;
    static uint8_t dtb[VMCFG_MAX_VMS][VMCFG_DTB_RESERVE];
    static char image_abs[VMCFG_MAX_VMS][PATH_MAX], dtb_abs[VMCFG_MAX_VMS][PATH_MAX];
    static char initrd_abs[VMCFG_MAX_VMS][PATH_MAX], disk_abs[VMCFG_MAX_VMS][PATH_MAX];
    struct vmcfg_blobs blobs[VMCFG_MAX_VMS];
    char err[VMCFG_ERR_MAX], out_abs[PATH_MAX], name[32];
    const char *config, *out_dir;
    struct output *o;
    size_t len;
    char *text;
    int rc;

    if (argc != 3) {
        fprintf(stderr, "usage: %s <config> <out-dir>\n", argv[0]);
        return 1;
    }
    config = argv[1];
    out_dir = argv[2];
    /* deps.mk names <out-dir>/vm_table.c: keep it the path make will use. */
    for (size_t n = strlen(out_dir); n > 1 && out_dir[n - 1] == '/'; n--)
        argv[2][n - 1] = '\0';

    /* 1. Everything that can fail on the input, before any output exists. */
    text = read_config(config, &len);
    rc = vmcfg_parse(config, text, len, &cfg, err, sizeof(err));
    free(text);     /* cfg holds copies */
    if (rc || vmcfg_check_images(config, &cfg, stat_file_size, NULL, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }

    make_dirs(out_dir);
    if (!realpath(out_dir, out_abs))
        die("%s: %s", out_dir, strerror(errno));
    for (uint32_t i = 0; i < cfg.n_vms; i++) {
        const struct vmcfg_vm *vm = &cfg.vms[i];
        int size;

        if (!realpath(vm->image, image_abs[i]))
            die("%s:%u: image '%s': %s", config, vm->image_line, vm->image, strerror(errno));
        if (vm->initrd[0] && !realpath(vm->initrd, initrd_abs[i]))
            die("%s:%u: initrd '%s': %s", config, vm->initrd_line, vm->initrd, strerror(errno));
        if (vm->disk[0] && !realpath(vm->disk, disk_abs[i]))
            die("%s:%u: disk '%s': %s", config, vm->disk_line, vm->disk, strerror(errno));
        if (snprintf(dtb_abs[i], PATH_MAX, "%s/vm%u.dtb", out_abs, i) >= PATH_MAX)
            die("%s: path too long", out_abs);
        if (!vmcfg_path_embeddable(image_abs[i]) || !vmcfg_path_embeddable(dtb_abs[i]) ||
            !vmcfg_path_embeddable(initrd_abs[i]) || !vmcfg_path_embeddable(disk_abs[i]))
            die("%s: a path has a quote, backslash or control character", config);
        size = vmcfg_build_dtb(vm, dtb[i], sizeof(dtb[i]), err, sizeof(err));
        if (size < 0)
            die("%s:%u: %s", config, vm->line, err);
        blobs[i] = (struct vmcfg_blobs){
            .image_path = image_abs[i],
            .image_size = (uint64_t)stat_file_size(vm->image, NULL, 0, NULL),
            .dtb_path = dtb_abs[i],
            .dtb_size = (uint64_t)size,
            .initrd_path = initrd_abs[i],
            .disk_path = disk_abs[i],
        };
    }

    /* 2. Write every output under a temporary name. */
    for (uint32_t i = 0; i < cfg.n_vms; i++) {
        snprintf(name, sizeof(name), "vm%u.dtb", i);
        o = open_output(out_dir, name);
        fwrite(dtb[i], 1, blobs[i].dtb_size, o->f);
        close_output(o);
    }
    o = open_output(out_dir, "vm_table.c");
    if (vmcfg_write_table(o->f, config, &cfg, blobs))
        die("%s: cannot write the table", o->tmp);
    close_output(o);

    o = open_output(out_dir, "deps.mk");
    vmcfg_write_deps(o->f, outputs[n_outputs - 2].final, config, &cfg);
    close_output(o);

    /* 3. All complete: publish them, the DTBs before the table that embeds them. */
    for (unsigned i = 0; i < n_outputs; i++)
        if (rename(outputs[i].tmp, outputs[i].final))
            die("%s: cannot rename to %s: %s", outputs[i].tmp, outputs[i].final,
                strerror(errno));
    return 0;
}
