/* mkinitramfs: a cpio "newc" archive (the format the Linux kernel unpacks as
 * an initramfs) from a list file in the style of the kernel's gen_init_cpio:
 *
 *   # comment
 *   dir   <name> <mode> <uid> <gid>
 *   file  <name> <source> <mode> <uid> <gid>
 *   slink <name> <target> <mode> <uid> <gid>
 *   nod   <name> <mode> <uid> <gid> <c|b> <maj> <min>
 *
 * <mode> is octal permission bits (the type comes from the keyword), <name> is
 * the path in the archive (a leading '/' is dropped), <source> a host file
 * (relative to the current directory). Every entry gets mtime 0 and inode
 * numbers in list order, so the same list gives the same bytes. The archive
 * ends with the "TRAILER!!!" entry and is not compressed. */
#ifndef MKINITRAMFS_H
#define MKINITRAMFS_H

#include <stdint.h>
#include <stdio.h>

#define CPIO_NEWC_MAGIC "070701"
#define CPIO_HDR_LEN 110
#define CPIO_TRAILER "TRAILER!!!"

/* Builds the archive from the list text read from `list` (named `list_name`
 * in messages) into `out`. Returns the number of entries written (trailer not
 * counted), or -1 with a message "<list_name>:<line>: <what>" in err. */
int mkinitramfs_build(FILE *list, const char *list_name, FILE *out, char *err, size_t errlen);

#endif
