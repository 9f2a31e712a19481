/*
 * file.h - read a whole (guest image) file into memory.
 */
#ifndef REFHV_FILE_H
#define REFHV_FILE_H

#include <stddef.h>
#include <stdint.h>

/* malloc'd contents of a regular file of at most max bytes; NULL + message on error. */
uint8_t *read_whole_file(const char *path, size_t max, size_t *size);

#endif
