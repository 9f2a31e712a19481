/*
 * record.c - strict parser for one "HVB ..." report line
 * (docs/report-protocol.md).  The session (record_session.c) builds on it.
 */
#include "record/record.h"
#include "util/errmsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_KEYS 9

struct record_spec {
	const char *type_name;
	enum hvb_record_type type;
	unsigned n_required;   /* keys that must be present */
	unsigned n_keys;       /* required + optional keys */
	const char *keys[MAX_KEYS];
};

/* Optional keys are all-or-nothing (end: reason; error: vector rip). */
static const struct record_spec specs[] = {
	{ "hello", HVB_REC_HELLO, 9, 9,
	  { "proto", "arch", "build", "tick", "tick_hz", "cpus", "hv", "vendor", "boot" } },
	{ "begin", HVB_REC_BEGIN, 3, 3, { "bench", "variant", "unit" } },
	{ "sample", HVB_REC_SAMPLE, 7, 7,
	  { "bench", "variant", "unit", "kind", "batch", "iters", "value" } },
	{ "end", HVB_REC_END, 3, 4, { "bench", "variant", "status", "reason" } },
	{ "done", HVB_REC_DONE, 1, 1, { "benches" } },
	{ "error", HVB_REC_ERROR, 1, 3, { "msg", "vector", "rip" } },
};

struct field {
	const char *key;
	const char *value;
};


static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_value_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == ':' || c == ',' || c == '+' || c == '/' || c == '-';
}

static bool is_hex_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static const struct record_spec *find_spec(const char *name)
{
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (strcmp(specs[i].type_name, name) == 0)
			return &specs[i];
	return NULL;
}

static int spec_key_index(const struct record_spec *spec, const char *key)
{
	for (unsigned i = 0; i < spec->n_keys; i++)
		if (strcmp(spec->keys[i], key) == 0)
			return (int)i;
	return -1;
}

/* Splits the text after "HVB TYPE " into checked key=value fields, in
 * place.  Returns the field count or -1. */
static int split_fields(const struct record_spec *spec, char *text, struct field *fields,
			char *err, size_t errlen)
{
	unsigned count = 0;
	char *p = text;

	while (*p) {
		char *end = strchr(p, ' ');
		if (end)
			*end = '\0';
		if (*p == '\0')
			return errmsg_fail(err, errlen, "%s: empty field (two spaces in a row or a trailing space)",
				    spec->type_name);
		char *eq = strchr(p, '=');
		if (!eq)
			return errmsg_fail(err, errlen, "%s: field '%.40s' is not key=value", spec->type_name, p);
		*eq = '\0';
		const char *key = p, *value = eq + 1;
		if (*key == '\0')
			return errmsg_fail(err, errlen, "%s: empty key", spec->type_name);
		for (const char *k = key; *k; k++)
			if (!is_key_char(*k))
				return errmsg_fail(err, errlen, "%s: bad character in key '%.40s'", spec->type_name, key);
		if (*value == '\0')
			return errmsg_fail(err, errlen, "%s: key '%s' has an empty value", spec->type_name, key);
		for (const char *v = value; *v; v++)
			if (!is_value_char(*v))
				return errmsg_fail(err, errlen, "%s: bad character 0x%02x in the value of '%s'",
					    spec->type_name, (unsigned char)*v, key);
		for (unsigned i = 0; i < count; i++)
			if (strcmp(fields[i].key, key) == 0)
				return errmsg_fail(err, errlen, "%s: duplicate key '%s'", spec->type_name, key);
		int index = spec_key_index(spec, key);
		if (count >= spec->n_keys)
			return errmsg_fail(err, errlen, "%s: extra key '%.40s'", spec->type_name, key);
		if (index < 0)
			return errmsg_fail(err, errlen, "%s: unknown key '%.40s' (expected '%s')",
				    spec->type_name, key, spec->keys[count]);
		if ((unsigned)index != count)
			return errmsg_fail(err, errlen, "%s: key '%s' out of order (expected '%s')",
				    spec->type_name, key, spec->keys[count]);
		fields[count].key = key;
		fields[count].value = value;
		count++;
		if (!end)
			break;
		p = end + 1;
		if (*p == '\0')
			return errmsg_fail(err, errlen, "%s: trailing space", spec->type_name);
	}
	if (count < spec->n_required)
		return errmsg_fail(err, errlen, "%s: missing key '%s'", spec->type_name, spec->keys[count]);
	if (count > spec->n_required && count < spec->n_keys)
		return errmsg_fail(err, errlen, "%s: missing key '%s'", spec->type_name, spec->keys[count]);
	return (int)count;
}

/* ---- value converters ---------------------------------------------------- */

static int get_text(const char *type, const struct field *f, char *dst, size_t size,
		    char *err, size_t errlen)
{
	size_t n = strlen(f->value);
	if (n >= size)
		return errmsg_fail(err, errlen, "%s: value of '%s' is too long (%zu bytes, at most %zu)",
			    type, f->key, n, size - 1);
	memcpy(dst, f->value, n + 1);
	return 0;
}

static int get_choice(const char *type, const struct field *f, const char *const *choices,
		      size_t n_choices, char *err, size_t errlen)
{
	for (size_t i = 0; i < n_choices; i++)
		if (strcmp(f->value, choices[i]) == 0)
			return (int)i;
	return errmsg_fail(err, errlen, "%s: '%s' is not a valid %s", type, f->value, f->key);
}

static int get_u64(const char *type, const struct field *f, uint64_t min, uint64_t max,
		   uint64_t *out, char *err, size_t errlen)
{
	uint64_t v = 0;
	for (const char *p = f->value; *p; p++) {
		if (*p < '0' || *p > '9')
			return errmsg_fail(err, errlen, "%s: %s '%.40s' is not a decimal number", type, f->key, f->value);
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return errmsg_fail(err, errlen, "%s: %s '%.40s' is out of range %llu..%llu", type, f->key,
				    f->value, (unsigned long long)min, (unsigned long long)max);
		v = v * 10 + d;
	}
	if (v < min || v > max)
		return errmsg_fail(err, errlen, "%s: %s %llu is out of range %llu..%llu", type, f->key,
			    (unsigned long long)v, (unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

static int get_hex(const char *type, const struct field *f, uint64_t max, uint64_t *out,
		   char *err, size_t errlen)
{
	const char *p = f->value;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	if (*p == '\0' || strlen(p) > 16)
		return errmsg_fail(err, errlen, "%s: %s '%.40s' is not a hex number of 1..16 digits", type, f->key, f->value);
	uint64_t v = 0;
	for (; *p; p++) {
		if (!is_hex_char(*p))
			return errmsg_fail(err, errlen, "%s: %s '%.40s' is not a hex number", type, f->key, f->value);
		unsigned d = (*p <= '9') ? (unsigned)(*p - '0') : (unsigned)((*p | 0x20) - 'a' + 10);
		v = (v << 4) | d;
	}
	if (v > max)
		return errmsg_fail(err, errlen, "%s: %s %s is out of range", type, f->key, f->value);
	*out = v;
	return 0;
}

/* A non-negative decimal with at most 3 fraction digits, below HVB_MAX_VALUE
 * (at most 15 integer digits).  Converted without strtod, so the result does
 * not depend on the locale. */
static int get_value(const char *type, const struct field *f, double *out, char *err, size_t errlen)
{
	const char *p = f->value;
	uint64_t int_part = 0, frac = 0;
	unsigned int_digits = 0, frac_digits = 0;

	for (; *p >= '0' && *p <= '9'; p++, int_digits++) {
		if (int_digits >= 15)
			return errmsg_fail(err, errlen, "%s: value '%.40s' is too large (at most 15 integer digits)",
				    type, f->value);
		int_part = int_part * 10 + (uint64_t)(*p - '0');
	}
	if (int_digits == 0)
		return errmsg_fail(err, errlen, "%s: value '%.40s' is not a non-negative decimal", type, f->value);
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, frac_digits++) {
			if (frac_digits >= 3)
				return errmsg_fail(err, errlen, "%s: value '%.40s' has more than 3 fraction digits",
					    type, f->value);
			frac = frac * 10 + (uint64_t)(*p - '0');
		}
		if (frac_digits == 0)
			return errmsg_fail(err, errlen, "%s: value '%.40s' has no digits after the point", type, f->value);
	}
	if (*p != '\0')
		return errmsg_fail(err, errlen, "%s: value '%.40s' is not a non-negative decimal", type, f->value);
	for (unsigned i = frac_digits; i < 3; i++)
		frac *= 10;
	*out = (double)(int_part * 1000 + frac) / 1000.0;
	return 0;
}

/* ---- per record type -------------------------------------------------------- */

static const char *const arch_names[] = { "x86_64", "aarch64" };
static const char *const unit_names[] = { "cycles", "ticks" };
static const char *const kind_names[] = { "op", "empty" };
static const char *const end_status_names[] = { "ok", "unsupported", "failed" };

static int parse_hello(const struct field *f, struct hvb_hello *h, char *err, size_t errlen)
{
	uint64_t v;
	if (get_u64("hello", &f[0], HVB_PROTO_VERSION, HVB_PROTO_VERSION, &v, err, errlen))
		return -1;
	h->proto = (unsigned)v;
	if (get_choice("hello", &f[1], arch_names, 2, err, errlen) < 0 ||
	    get_text("hello", &f[1], h->arch, sizeof(h->arch), err, errlen))
		return -1;
	for (const char *p = f[2].value; *p; p++)
		if (!is_hex_char(*p))
			return errmsg_fail(err, errlen, "hello: build '%.40s' is not hex", f[2].value);
	if (get_text("hello", &f[2], h->build, sizeof(h->build), err, errlen) ||
	    get_text("hello", &f[3], h->tick, sizeof(h->tick), err, errlen) ||
	    get_u64("hello", &f[4], 0, HVB_MAX_TICK_HZ, &h->tick_hz, err, errlen) ||
	    get_u64("hello", &f[5], 1, HVB_MAX_CPUS, &v, err, errlen))
		return -1;
	h->cpus = (unsigned)v;
	if (get_text("hello", &f[6], h->hv, sizeof(h->hv), err, errlen) ||
	    get_text("hello", &f[7], h->vendor, sizeof(h->vendor), err, errlen) ||
	    get_text("hello", &f[8], h->boot, sizeof(h->boot), err, errlen))
		return -1;
	return 0;
}

static int parse_bench_id(const char *type, const struct field *f, char *bench, char *variant,
			  char *err, size_t errlen)
{
	if (get_text(type, &f[0], bench, HVB_NAME_MAX, err, errlen) ||
	    get_text(type, &f[1], variant, HVB_NAME_MAX, err, errlen))
		return -1;
	return 0;
}

static int parse_unit(const char *type, const struct field *f, char *unit, char *err, size_t errlen)
{
	if (get_choice(type, f, unit_names, 2, err, errlen) < 0)
		return -1;
	return get_text(type, f, unit, HVB_NAME_MAX, err, errlen);
}

static int parse_begin(const struct field *f, struct hvb_begin *b, char *err, size_t errlen)
{
	if (parse_bench_id("begin", f, b->bench, b->variant, err, errlen) ||
	    parse_unit("begin", &f[2], b->unit, err, errlen))
		return -1;
	return 0;
}

static int parse_sample(const struct field *f, struct hvb_sample *s, char *err, size_t errlen)
{
	uint64_t batch;
	if (parse_bench_id("sample", f, s->bench, s->variant, err, errlen) ||
	    parse_unit("sample", &f[2], s->unit, err, errlen))
		return -1;
	int kind = get_choice("sample", &f[3], kind_names, 2, err, errlen);
	if (kind < 0)
		return -1;
	s->kind = kind == 0 ? HVB_SAMPLE_OP : HVB_SAMPLE_EMPTY;
	if (get_u64("sample", &f[4], 0, HVB_MAX_BATCH - 1, &batch, err, errlen) ||
	    get_u64("sample", &f[5], 1, HVB_MAX_ITERS, &s->iters, err, errlen) ||
	    get_value("sample", &f[6], &s->value, err, errlen))
		return -1;
	s->batch = (uint32_t)batch;
	return 0;
}

static int parse_end(const struct field *f, int count, struct hvb_end *e, char *err, size_t errlen)
{
	static const enum hvb_bench_status statuses[] = {
		HVB_BENCH_OK, HVB_BENCH_UNSUPPORTED, HVB_BENCH_FAILED
	};
	if (parse_bench_id("end", f, e->bench, e->variant, err, errlen))
		return -1;
	int status = get_choice("end", &f[2], end_status_names, 3, err, errlen);
	if (status < 0)
		return -1;
	e->status = statuses[status];
	if (count == 4)
		return get_text("end", &f[3], e->reason, sizeof(e->reason), err, errlen);
	return 0;
}

static int parse_done(const struct field *f, struct hvb_done *d, char *err, size_t errlen)
{
	uint64_t v;
	if (get_u64("done", &f[0], 0, HVB_MAX_BENCHES, &v, err, errlen))
		return -1;
	d->benches = (unsigned)v;
	return 0;
}

static int parse_error(const struct field *f, int count, struct hvb_error *e, char *err, size_t errlen)
{
	uint64_t vector;
	if (get_text("error", &f[0], e->msg, sizeof(e->msg), err, errlen))
		return -1;
	if (count == 3) {
		if (get_hex("error", &f[1], 255, &vector, err, errlen) ||
		    get_hex("error", &f[2], UINT64_MAX, &e->rip, err, errlen))
			return -1;
		e->vector = (uint32_t)vector;
		e->has_fault = true;
	}
	return 0;
}

/* ---- entry point ----------------------------------------------------------- */

int hvb_record_parse(const char *line, size_t len, struct hvb_record *out,
		     char *err, size_t errlen)
{
	char buf[HVB_REPORT_MAX + 1];
	struct field fields[MAX_KEYS];

	if (err && errlen)
		err[0] = '\0';
	memset(out, 0, sizeof(*out));
	if (len && line[len - 1] == '\n')
		len--;
	if (len && line[len - 1] == '\r')
		len--;
	if (len < 4 || memcmp(line, "HVB ", 4) != 0) {
		out->type = HVB_REC_LOG;
		return 0;
	}
	if (len > HVB_REPORT_MAX)
		return errmsg_fail(err, errlen, "record longer than %d bytes (%zu)", HVB_REPORT_MAX, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if (c < 0x20 || c >= 0x7f)
			return errmsg_fail(err, errlen, "control or non-ASCII byte 0x%02x at column %zu", c, i + 1);
	}
	memcpy(buf, line + 4, len - 4);
	buf[len - 4] = '\0';

	char *rest = strchr(buf, ' ');
	if (rest)
		*rest++ = '\0';
	const struct record_spec *spec = find_spec(buf);
	if (!spec)
		return errmsg_fail(err, errlen, "unknown record type '%.40s'", buf);
	if (!rest || *rest == '\0')
		return errmsg_fail(err, errlen, "%s: missing key '%s'", spec->type_name, spec->keys[0]);
	int count = split_fields(spec, rest, fields, err, errlen);
	if (count < 0)
		return -1;

	out->type = spec->type;
	int rc = -1;
	switch (spec->type) {
	case HVB_REC_HELLO: rc = parse_hello(fields, &out->u.hello, err, errlen); break;
	case HVB_REC_BEGIN: rc = parse_begin(fields, &out->u.begin, err, errlen); break;
	case HVB_REC_SAMPLE: rc = parse_sample(fields, &out->u.sample, err, errlen); break;
	case HVB_REC_END: rc = parse_end(fields, count, &out->u.end, err, errlen); break;
	case HVB_REC_DONE: rc = parse_done(fields, &out->u.done, err, errlen); break;
	case HVB_REC_ERROR: rc = parse_error(fields, count, &out->u.error, err, errlen); break;
	case HVB_REC_LOG: break;
	}
	if (rc) {
		memset(&out->u, 0, sizeof(out->u));
		out->type = HVB_REC_LOG;
	}
	return rc;
}

static const char *const status_names[] = {
	[HVB_BENCH_OK] = "ok",
	[HVB_BENCH_UNSUPPORTED] = "unsupported",
	[HVB_BENCH_TIMEOUT] = "timeout",
	[HVB_BENCH_FAILED] = "failed",
	[HVB_BENCH_INCOMPLETE] = "incomplete",
};

const char *hvb_bench_status_name(enum hvb_bench_status status)
{
	if ((unsigned)status >= sizeof(status_names) / sizeof(status_names[0]))
		return NULL;
	return status_names[status];
}

int hvb_bench_status_parse(const char *name, enum hvb_bench_status *out)
{
	for (unsigned i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
		if (name && strcmp(name, status_names[i]) == 0) {
			*out = (enum hvb_bench_status)i;
			return 0;
		}
	return -1;
}
