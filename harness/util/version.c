/*
 * version.c - dpkg's version order (deb-version(7)): the epoch numerically,
 * then the upstream version, then the revision, each compared in turns of a
 * non-digit part (letters before other characters, '~' before everything,
 * even the end) and a digit part (as a number).
 */
#include "util/version.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct version_parts {
	unsigned long epoch;
	const char *upstream, *upstream_end; /* [upstream, upstream_end) */
	const char *revision;                /* "" when there is none */
};

static void split(const char *v, struct version_parts *p)
{
	const char *colon = strchr(v, ':');
	p->epoch = 0;
	if (colon && colon > v && strspn(v, "0123456789") == (size_t)(colon - v)) {
		p->epoch = strtoul(v, NULL, 10);
		v = colon + 1;
	}
	const char *dash = strrchr(v, '-');
	p->upstream = v;
	p->upstream_end = dash ? dash : v + strlen(v);
	p->revision = dash ? dash + 1 : "";
}

/* The weight of one character of a non-digit part; end counts as 0. */
static int weight(const char *c, const char *end)
{
	if (c >= end || isdigit((unsigned char)*c))
		return 0;
	if (isalpha((unsigned char)*c))
		return (unsigned char)*c;
	if (*c == '~')
		return -1;
	return (unsigned char)*c + 256;
}

static int compare_part(const char *a, const char *a_end, const char *b, const char *b_end)
{
	while (a < a_end || b < b_end) {
		while ((a < a_end && !isdigit((unsigned char)*a)) || (b < b_end && !isdigit((unsigned char)*b))) {
			int wa = weight(a, a_end), wb = weight(b, b_end);
			if (wa != wb)
				return wa - wb;
			if (a < a_end)
				a++;
			if (b < b_end)
				b++;
		}
		while (a < a_end && *a == '0')
			a++;
		while (b < b_end && *b == '0')
			b++;
		int first_diff = 0;   /* of equally long digit runs, the first differing digit */
		while (a < a_end && b < b_end && isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			if (!first_diff)
				first_diff = *a - *b;
			a++, b++;
		}
		if (a < a_end && isdigit((unsigned char)*a))
			return 1;   /* a's number has more digits */
		if (b < b_end && isdigit((unsigned char)*b))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

int hvb_version_cmp(const char *a, const char *b)
{
	struct version_parts pa, pb;
	split(a, &pa);
	split(b, &pb);
	if (pa.epoch != pb.epoch)
		return pa.epoch < pb.epoch ? -1 : 1;
	int c = compare_part(pa.upstream, pa.upstream_end, pb.upstream, pb.upstream_end);
	if (c)
		return c;
	return compare_part(pa.revision, pa.revision + strlen(pa.revision), pb.revision,
			    pb.revision + strlen(pb.revision));
}
