/*
 * kstring.c - memory and string helpers (see kstring.h).
 *
 * The "no-tree-loop-distribute-patterns" attribute stops GCC from turning
 * the body of memset/memcpy back into a call to memset/memcpy.
 */
#include "kstring.h"

#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	for (size_t i = 0; i < n; i++)
		d[i] = (unsigned char)c;
	return dst;
}

NO_LIBCALL void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

bool str_eq(struct str a, const char *s)
{
	size_t n = strlen(s);

	return a.len == n && memcmp(a.p, s, n) == 0;
}

bool str_next_item(struct str *list, char sep, struct str *item)
{
	/* skip leading separators, so "a,,b" and ",a" behave */
	while (list->len > 0 && list->p[0] == sep) {
		list->p++;
		list->len--;
	}
	if (list->len == 0)
		return false;

	size_t n = 0;
	while (n < list->len && list->p[n] != sep)
		n++;
	item->p = list->p;
	item->len = n;
	list->p += n;
	list->len -= n;
	return true;
}

bool str_to_u64(struct str s, uint64_t *value)
{
	uint64_t v = 0;

	if (s.len == 0)
		return false;
	for (size_t i = 0; i < s.len; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
		unsigned digit = (unsigned)(s.p[i] - '0');
		if (v > (UINT64_MAX - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	*value = v;
	return true;
}
