/*
 * cmdline.h - the kernel command line: "key=value" options separated by spaces.
 *
 * The boot loader's string is copied into a struct cmdline at boot, so it
 * stays valid whatever happens to the loader's memory.  When a key appears
 * more than once, the last one wins.
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <stdbool.h>
#include <stdint.h>
#include "kstring.h"

#define CMDLINE_MAX 1024

struct cmdline {
	size_t len;
	char text[CMDLINE_MAX];
};

enum opt_status {
	OPT_ABSENT,   /* the key is not on the command line */
	OPT_OK,       /* found and valid */
	OPT_BAD,      /* found but not a number, or out of range */
};

/* Copy a NUL-terminated loader string (NULL means empty), cut at CMDLINE_MAX - 1. */
void cmdline_init(struct cmdline *c, const char *src);

/* Find key's value; false when the key is absent. */
bool cmdline_find(const struct cmdline *c, const char *key, struct str *value);

/* A decimal option in [min, max]; *value is untouched unless OPT_OK. */
enum opt_status cmdline_u64(const struct cmdline *c, const char *key,
			    uint64_t min, uint64_t max, uint64_t *value);

#endif
