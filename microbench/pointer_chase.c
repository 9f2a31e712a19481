/*
 * pointer_chase.c - build and walk the random cycle (see pointer_chase.h).
 *
 * Building takes three passes over the nodes and no extra memory:
 *   1. node i holds its own index i;
 *   2. Sattolo's shuffle of those values (swap i with a random j < i, for
 *      i from n-1 down to 1) leaves a permutation that is one single cycle;
 *   3. each index is turned into the address of that node.
 */
#include "pointer_chase.h"

struct chase_geometry {
	uint8_t *base;
	size_t count;
	size_t stride;
};

/* xorshift64*: small, good enough to defeat prefetchers, no library. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

size_t chase_stride(size_t bytes)
{
	size_t stride = CHASE_PAGE;

	while (stride > CHASE_LINE && bytes / stride < CHASE_MIN_NODES)
		stride /= 2;
	return stride;
}

/* Node i: in stride i, at cache line (i * 13) mod (lines per stride). */
static void **node_at(const struct chase_geometry *g, size_t i)
{
	size_t lines = g->stride / CHASE_LINE;
	size_t line = (i * 13) % lines;

	return (void **)(g->base + i * g->stride + line * CHASE_LINE);
}

void *chase_build(void *base, size_t bytes, uint64_t seed)
{
	struct chase_geometry g = { base, 0, chase_stride(bytes) };
	uint64_t state = seed | 1;   /* xorshift must not start at 0 */

	g.count = bytes / g.stride;
	for (size_t i = 0; i < g.count; i++)
		*node_at(&g, i) = (void *)(uintptr_t)i;
	for (size_t i = g.count - 1; i > 0; i--) {
		size_t j = (size_t)(next_random(&state) % i);
		void **a = node_at(&g, i), **b = node_at(&g, j);
		void *t = *a;
		*a = *b;
		*b = t;
	}
	for (size_t i = 0; i < g.count; i++) {
		void **n = node_at(&g, i);
		*n = node_at(&g, (size_t)(uintptr_t)*n);
	}
	return node_at(&g, 0);
}

void *chase_run(void *node, uint64_t steps)
{
	void *p = node;

	for (uint64_t i = 0; i < steps; i++)
		p = *(void *volatile *)p;
	return p;
}
