/*
 * harness_sha256.c - unit tests for harness/util/sha256.c: SHA-256 against the FIPS 180-4 / NIST test
 * vectors, including the multi-block and million-'a' cases and a file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/sha256.h"
#include "check_main.h"

START_TEST(known_vectors)
{
	char hex[SHA256_HEX_LEN];
	sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two_blocks, strlen(two_blocks), hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(million_a_in_odd_chunks)
{
	struct sha256 ctx;
	uint8_t digest[SHA256_DIGEST_LEN];
	char chunk[997];
	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&ctx);
	size_t left = 1000000;
	while (left) {
		size_t take = left < sizeof(chunk) ? left : sizeof(chunk);
		sha256_update(&ctx, chunk, take);
		left -= take;
	}
	sha256_final(&ctx, digest);
	ck_assert_uint_eq(digest[0], 0xcd);
	ck_assert_uint_eq(digest[1], 0xc7);
	ck_assert_uint_eq(digest[31], 0xd0); /* cdc76e5c...046d39ccc7112cd0 */
}
END_TEST

START_TEST(file_hash_matches_buffer_hash)
{
	char path[] = "/tmp/hvb-sha-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "abc", 3), 3);
	close(fd);
	char hex[SHA256_HEX_LEN];
	ck_assert_int_eq(sha256_file_hex(path, hex), 0);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	ck_assert_int_lt(sha256_file_hex("/nonexistent/guest.elf", hex), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("harness_pipeline_sha256");
	TCase *tc = tcase_create("sha256");
	tcase_add_test(tc, known_vectors);
	tcase_add_test(tc, million_a_in_odd_chunks);
	tcase_add_test(tc, file_hash_matches_buffer_hash);
	suite_add_tcase(suite, tc);
	return check_run(suite);
}
