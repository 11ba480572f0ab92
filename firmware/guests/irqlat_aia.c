/* The interrupt latency guest on an AIA IMSIC guest interrupt file. */
#define IRQ_CTL_AIA
#include "irqlat.c"
