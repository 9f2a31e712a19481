/*
 * kstring.h - the few string and memory helpers the guest kernel needs.
 *
 * There is no C library in the guest.  The compiler may still emit calls to
 * memset/memcpy/memcmp, so those keep their standard names and meanings.
 * struct str is a borrowed (pointer, length) view into someone else's text.
 */
#ifndef KSTRING_H
#define KSTRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

struct str {
	const char *p;
	size_t len;
};

/* True when the view holds exactly the NUL-terminated string s. */
bool str_eq(struct str a, const char *s);

/*
 * Split off the next item of a separator-delimited list: on success *item is
 * the first non-empty item and *list is what follows it.
 */
bool str_next_item(struct str *list, char sep, struct str *item);

/* Parse a whole view as an unsigned decimal number; false on junk or overflow. */
bool str_to_u64(struct str s, uint64_t *value);

#endif
