/* mkinitramfs <list> <out.cpio>: see mkinitramfs.h for the list format. */
#include "mkinitramfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s <list> <out.cpio>\n", argv[0]);
        return 2;
    }
    FILE *list = fopen(argv[1], "r");
    if (!list) {
        fprintf(stderr, "mkinitramfs: cannot open list '%s': %s\n", argv[1], strerror(errno));
        return 1;
    }
    FILE *out = fopen(argv[2], "wb");
    if (!out) {
        fprintf(stderr, "mkinitramfs: cannot create '%s': %s\n", argv[2], strerror(errno));
        fclose(list);
        return 1;
    }
    char err[512];
    int n = mkinitramfs_build(list, argv[1], out, err, sizeof err);
    fclose(list);
    if (fclose(out) == EOF && n >= 0) {
        snprintf(err, sizeof err, "%s: write error: %s", argv[2], strerror(errno));
        n = -1;
    }
    if (n < 0) {
        fprintf(stderr, "mkinitramfs: %s\n", err);
        remove(argv[2]);
        return 1;
    }
    return 0;
}
