/*
 * fdt.c - the flattened device tree reader (see fdt.h).
 *
 * Layout (devicetree specification, "Flattened Devicetree Format"): a
 * header, then a structure block of 32-bit big-endian tokens (BEGIN_NODE
 * + name, PROP + length + name offset + value, END_NODE, NOP, END), then a
 * strings block holding the property names.
 */
#include "fdt.h"
#include "kstring.h"

#define FDT_MAGIC       0xd00dfeedu
#define FDT_BEGIN_NODE  1u
#define FDT_END_NODE    2u
#define FDT_PROP        3u
#define FDT_NOP         4u
#define FDT_END         9u

#define DEFAULT_ADDR_CELLS 2
#define DEFAULT_SIZE_CELLS 1

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint64_t fdt_read_cells(const uint8_t *p, unsigned cells)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < cells; i++)
		v = (v << 32) | be32(p + 4 * i);
	return v;
}

static uint32_t align4(uint32_t v)
{
	return (v + 3u) & ~3u;
}

/* The token (or any 32-bit word) at off in the structure block. */
static bool struct_word(const struct fdt *f, uint32_t off, uint32_t *v)
{
	if (off > f->struct_size || f->struct_size - off < 4)
		return false;
	*v = be32(f->blob + f->struct_off + off);
	return true;
}

/* Length of the NUL-terminated string at off in a block of `size` bytes, or -1. */
static long bounded_strlen(const uint8_t *block, uint32_t size, uint32_t off)
{
	for (uint32_t i = off; i < size; i++)
		if (block[i] == '\0')
			return (long)(i - off);
	return -1;
}

bool fdt_open(struct fdt *f, const void *addr)
{
	const uint8_t *h = addr;

	if (h == NULL || ((uintptr_t)h & 7) != 0 || be32(h) != FDT_MAGIC)
		return false;
	uint32_t total = be32(h + 4);
	uint32_t off_struct = be32(h + 8), off_strings = be32(h + 12);
	uint32_t version = be32(h + 20);
	uint32_t size_strings = be32(h + 32), size_struct = be32(h + 36);

	if (total > FDT_MAX_SIZE || version < 17 ||
	    off_struct > total || size_struct > total - off_struct ||
	    off_strings > total || size_strings > total - off_strings)
		return false;
	f->blob = h;
	f->struct_off = off_struct;
	f->struct_size = size_struct;
	f->strings_off = off_strings;
	f->strings_size = size_strings;
	return true;
}

void fdt_iter_init(struct fdt_iter *it)
{
	it->off = 0;
	it->depth = 0;
	it->addr_cells[0] = DEFAULT_ADDR_CELLS;
	it->size_cells[0] = DEFAULT_SIZE_CELLS;
}

/* A #address-cells / #size-cells property, or the default when absent or odd. */
static unsigned cells_prop(const struct fdt *f, const struct fdt_node *n,
			   const char *name, unsigned dflt)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(f, n, name, &len);

	if (p == NULL || len != 4 || be32(p) > 2)
		return dflt;
	return be32(p);
}

bool fdt_next_node(const struct fdt *f, struct fdt_iter *it, struct fdt_node *node)
{
	uint32_t token, len;

	for (;;) {
		if (!struct_word(f, it->off, &token))
			return false;
		switch (token) {
		case FDT_BEGIN_NODE: {
			const uint8_t *block = f->blob + f->struct_off;
			long n = bounded_strlen(block, f->struct_size, it->off + 4);
			if (n < 0 || it->depth >= FDT_MAX_DEPTH)
				return false;
			node->name = (const char *)block + it->off + 4;
			node->depth = it->depth;
			node->props = align4(it->off + 4 + (uint32_t)n + 1);
			node->addr_cells = it->addr_cells[it->depth];
			node->size_cells = it->size_cells[it->depth];
			it->off = node->props;
			it->depth++;
			it->addr_cells[it->depth] = (uint8_t)cells_prop(f, node, "#address-cells",
								       DEFAULT_ADDR_CELLS);
			it->size_cells[it->depth] = (uint8_t)cells_prop(f, node, "#size-cells",
								       DEFAULT_SIZE_CELLS);
			return true;
		}
		case FDT_END_NODE:
			if (it->depth == 0)
				return false;
			it->depth--;
			it->off += 4;
			break;
		case FDT_PROP:
			if (!struct_word(f, it->off + 4, &len) || len > f->struct_size)
				return false;
			it->off = align4(it->off + 12 + len);
			break;
		case FDT_NOP:
			it->off += 4;
			break;
		default:   /* FDT_END or junk */
			return false;
		}
	}
}

const uint8_t *fdt_prop(const struct fdt *f, const struct fdt_node *node,
			const char *name, uint32_t *len)
{
	const uint8_t *strings = f->blob + f->strings_off;
	size_t name_len = strlen(name);
	uint32_t off = node->props, token, plen, nameoff;

	for (;;) {
		if (!struct_word(f, off, &token))
			return NULL;
		if (token == FDT_NOP) {
			off += 4;
			continue;
		}
		if (token != FDT_PROP ||
		    !struct_word(f, off + 4, &plen) || !struct_word(f, off + 8, &nameoff) ||
		    off + 12 > f->struct_size || plen > f->struct_size - (off + 12))
			return NULL;
		long n = bounded_strlen(strings, f->strings_size, nameoff);
		if (n == (long)name_len && memcmp(strings + nameoff, name, name_len) == 0) {
			*len = plen;
			return f->blob + f->struct_off + off + 12;
		}
		off = align4(off + 12 + plen);
	}
}

bool fdt_prop_has_string(const struct fdt *f, const struct fdt_node *node,
			 const char *prop, const char *s)
{
	uint32_t len, pos = 0;
	const uint8_t *p = fdt_prop(f, node, prop, &len);
	size_t n = strlen(s);

	if (p == NULL)
		return false;
	while (pos < len) {
		long item = bounded_strlen(p, len, pos);
		if (item < 0)
			return false;
		if ((size_t)item == n && memcmp(p + pos, s, n) == 0)
			return true;
		pos += (uint32_t)item + 1;
	}
	return false;
}

bool fdt_node_is(const struct fdt_node *node, const char *base)
{
	size_t n = strlen(base);

	return memcmp(node->name, base, n) == 0 &&
	       (node->name[n] == '\0' || node->name[n] == '@');
}
