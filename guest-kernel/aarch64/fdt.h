/*
 * fdt.h - a small, bounds-checked reader of flattened device trees (DTB).
 *
 * The boot loader hands the guest a DTB in x0.  fdt_open() checks its
 * header; fdt_next_node() then walks every node in order, telling for each
 * its name, depth and the #address-cells/#size-cells that apply to its
 * "reg" property; fdt_prop() finds one property of a node.  Every offset
 * and length read from the blob is checked against the blob's own size,
 * so a corrupt DTB makes the reader stop, never read out of bounds.
 * The blob is big-endian; values are read byte by byte (no alignment
 * assumptions: this runs with the MMU off).
 */
#ifndef A64_FDT_H
#define A64_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_SIZE  (2u << 20)   /* refuse blobs claiming more */
#define FDT_MAX_DEPTH 16

struct fdt {
	const uint8_t *blob;
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
};

struct fdt_node {
	const char *name;        /* "memory@40000000"; "" for the root */
	unsigned depth;          /* 0 for the root */
	uint32_t props;          /* offset of its first token, inside the struct block */
	unsigned addr_cells;     /* cells per address in this node's "reg" (the parent's setting) */
	unsigned size_cells;
};

/* Walking state: start it with fdt_iter_init(). */
struct fdt_iter {
	uint32_t off;
	unsigned depth;
	uint8_t addr_cells[FDT_MAX_DEPTH + 1];
	uint8_t size_cells[FDT_MAX_DEPTH + 1];
};

/* Check the header of the blob at addr; false when it is not a usable DTB. */
bool fdt_open(struct fdt *f, const void *addr);

void fdt_iter_init(struct fdt_iter *it);

/* The next node in document order; false at the end or on a corrupt blob. */
bool fdt_next_node(const struct fdt *f, struct fdt_iter *it, struct fdt_node *node);

/* Find property `name` of node; *len receives its length.  NULL when absent. */
const uint8_t *fdt_prop(const struct fdt *f, const struct fdt_node *node,
			const char *name, uint32_t *len);

/* True when the string-list property holds the string s (e.g. "compatible"). */
bool fdt_prop_has_string(const struct fdt *f, const struct fdt_node *node,
			 const char *prop, const char *s);

/* Read a big-endian number of `cells` 32-bit cells (1 or 2) at p. */
uint64_t fdt_read_cells(const uint8_t *p, unsigned cells);

/* True when the node's name, before any "@unit", equals base. */
bool fdt_node_is(const struct fdt_node *node, const char *base);

#endif
