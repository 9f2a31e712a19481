/*
 * sha256.h - SHA-256 (FIPS 180-4), used to fingerprint the guest binary so
 * that "the same workload ran on every backend" is a checked fact.
 */
#ifndef HVB_SHA256_H
#define HVB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_HEX_LEN 65 /* 64 hex digits and a NUL */

struct sha256 {
	uint32_t state[8];
	uint64_t total_bytes;
	uint8_t block[64];
	size_t block_used;
};

void sha256_init(struct sha256 *ctx);
void sha256_update(struct sha256 *ctx, const void *data, size_t len);
void sha256_final(struct sha256 *ctx, uint8_t digest[SHA256_DIGEST_LEN]);

/* Hashes a buffer into lowercase hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN]);

/* Hashes a whole file into lowercase hex; returns 0 or -errno. */
int sha256_file_hex(const char *path, char hex[SHA256_HEX_LEN]);

#endif
