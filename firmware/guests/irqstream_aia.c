/* The interrupt stream guest on an AIA IMSIC guest interrupt file. */
#define IRQSTREAM_AIA
#include "irqstream.c"
