/*
 * device_map.h - print refhv's port and MMIO map (`refhv --devices`).
 */
#ifndef REFHV_DEVICE_MAP_H
#define REFHV_DEVICE_MAP_H

#include <stdio.h>

void device_map_print(FILE *out);

#endif
