/*
 * cmdline.c - parse the kernel command line (see cmdline.h).
 */
#include "cmdline.h"

void cmdline_init(struct cmdline *c, const char *src)
{
	c->len = 0;
	if (src == NULL)
		return;
	while (c->len < CMDLINE_MAX - 1 && src[c->len] != '\0') {
		c->text[c->len] = src[c->len];
		c->len++;
	}
	c->text[c->len] = '\0';
}

bool cmdline_find(const struct cmdline *c, const char *key, struct str *value)
{
	struct str rest = { c->text, c->len };
	struct str word;
	size_t key_len = strlen(key);
	bool found = false;

	while (str_next_item(&rest, ' ', &word)) {
		if (word.len > key_len && word.p[key_len] == '=' &&
		    memcmp(word.p, key, key_len) == 0) {
			value->p = word.p + key_len + 1;
			value->len = word.len - key_len - 1;
			found = true;   /* keep looking: the last one wins */
		}
	}
	return found;
}

enum opt_status cmdline_u64(const struct cmdline *c, const char *key,
			    uint64_t min, uint64_t max, uint64_t *value)
{
	struct str text;
	uint64_t v;

	if (!cmdline_find(c, key, &text))
		return OPT_ABSENT;
	if (!str_to_u64(text, &v) || v < min || v > max)
		return OPT_BAD;
	*value = v;
	return OPT_OK;
}
