/* vmconfig: write vm_table.c (the hypervisor's VM table) and deps.mk. */
#ifndef VMCONFIG_EMIT_H
#define VMCONFIG_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "vmconfig_parse.h"

/* What the table embeds for one VM: absolute paths (for .incbin) and sizes. */
struct vmcfg_blobs {
    const char *image_path;
    uint64_t image_size;
    const char *dtb_path;
    uint64_t dtb_size;
    const char *initrd_path;    /* "" : none (size and place in the vmcfg_vm) */
    const char *disk_path;      /* "" : none */
};

/* True if `path` can go inside a C string and an assembler string unescaped. */
bool vmcfg_path_embeddable(const char *path);

/* Writes vm_table.c for cfg; blobs[i] belongs to cfg->vms[i]. Returns 0 or -1. */
int vmcfg_write_table(FILE *out, const char *config, const struct vmcfg *cfg,
                      const struct vmcfg_blobs *blobs);

/* Writes "<target>: <config> <images...>" plus an empty rule per
 * prerequisite, so a deleted image reruns the tool instead of stopping make. */
int vmcfg_write_deps(FILE *out, const char *target, const char *config,
                     const struct vmcfg *cfg);

#endif
