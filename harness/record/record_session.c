/*
 * record_session.c - follow a guest console from first byte to last: split
 * it into lines, parse records (record.c), check their order and collect
 * each benchmark's samples; keep a bounded copy of the log lines.
 */
#include "record/record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Line assembly keeps up to one byte more than a record may have (plus a
 * possible '\r'), so an over-long record is still seen as over-long. */
#define LINE_KEEP (HVB_REPORT_MAX + 2)

struct bounded_log {
	char *head;            /* first bytes, up to HVB_SESSION_LOG_HEAD */
	size_t head_len;
	char *tail;            /* ring of the last HVB_SESSION_LOG_TAIL bytes */
	size_t tail_pos;
	size_t tail_total;     /* bytes ever written to the ring */
	char *joined;          /* cache for hvb_session_log */
};

struct hvb_session {
	unsigned line_no;
	bool rejected;
	char error[HVB_ERR_MAX + 32];

	bool have_hello;
	struct hvb_hello hello;
	bool done;
	bool have_guest_error;
	struct hvb_error guest_error;
	bool finished;

	struct hvb_bench_result *results;
	size_t n_results, cap_results;
	bool bench_open;       /* results[n_results-1] is between begin and end */
	size_t open_samples;
	long next_batch[2];    /* per kind: the lowest batch number still allowed */

	char line[LINE_KEEP];
	size_t line_len;

	struct bounded_log log;
};

struct hvb_session *hvb_session_new(void)
{
	return calloc(1, sizeof(struct hvb_session));
}

void hvb_session_free(struct hvb_session *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_results; i++) {
		free(s->results[i].op);
		free(s->results[i].empty);
	}
	free(s->results);
	free(s->log.head);
	free(s->log.tail);
	free(s->log.joined);
	free(s);
}

static int reject(struct hvb_session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int reject(struct hvb_session *s, const char *fmt, ...)
{
	char what[HVB_ERR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(s->error, sizeof(s->error), "line %u: %s", s->line_no, what);
	s->rejected = true;
	return -1;
}

/* ---- bounded log ---------------------------------------------------------- */

static void log_append(struct bounded_log *log, const char *text, size_t len)
{
	free(log->joined);
	log->joined = NULL;
	if (log->head_len < HVB_SESSION_LOG_HEAD) {
		if (!log->head && !(log->head = malloc(HVB_SESSION_LOG_HEAD)))
			return;
		size_t room = HVB_SESSION_LOG_HEAD - log->head_len;
		size_t n = len < room ? len : room;
		memcpy(log->head + log->head_len, text, n);
		log->head_len += n;
		text += n;
		len -= n;
	}
	if (len == 0)
		return;
	if (!log->tail && !(log->tail = malloc(HVB_SESSION_LOG_TAIL)))
		return;
	for (size_t i = 0; i < len; i++) {
		log->tail[log->tail_pos] = text[i];
		log->tail_pos = (log->tail_pos + 1) % HVB_SESSION_LOG_TAIL;
	}
	log->tail_total += len;
}

const char *hvb_session_log(struct hvb_session *s, size_t *len)
{
	struct bounded_log *log = &s->log;
	size_t kept = log->tail_total < HVB_SESSION_LOG_TAIL ? log->tail_total : HVB_SESSION_LOG_TAIL;
	size_t dropped = log->tail_total - kept;
	char marker[80] = "";

	if (!log->joined) {
		if (dropped)
			snprintf(marker, sizeof(marker), "[... %zu bytes dropped ...]\n", dropped);
		size_t total = log->head_len + strlen(marker) + kept;
		log->joined = malloc(total + 1);
		if (!log->joined) {
			if (len)
				*len = 0;
			return "";
		}
		char *p = log->joined;
		if (log->head_len)
			memcpy(p, log->head, log->head_len);
		p += log->head_len;
		memcpy(p, marker, strlen(marker));
		p += strlen(marker);
		size_t start = (log->tail_pos + HVB_SESSION_LOG_TAIL - kept) % HVB_SESSION_LOG_TAIL;
		for (size_t i = 0; i < kept; i++)
			*p++ = log->tail[(start + i) % HVB_SESSION_LOG_TAIL];
		*p = '\0';
	}
	if (len)
		*len = strlen(log->joined);
	return log->joined;
}

/* ---- sequencing ------------------------------------------------------------ */

static struct hvb_bench_result *open_bench(struct hvb_session *s)
{
	return s->bench_open ? &s->results[s->n_results - 1] : NULL;
}

static int on_begin(struct hvb_session *s, const struct hvb_begin *b)
{
	struct hvb_bench_result *open = open_bench(s);
	if (open)
		return reject(s, "begin of %s/%s while %s/%s (line %u) has not ended",
			      b->bench, b->variant, open->bench,
			      open->variant, open->line_begin);
	for (size_t i = 0; i < s->n_results; i++)
		if (strcmp(s->results[i].bench, b->bench) == 0 &&
		    strcmp(s->results[i].variant, b->variant) == 0)
			return reject(s, "%s/%s already ran (line %u)", b->bench, b->variant,
				      s->results[i].line_begin);
	if (s->n_results >= HVB_MAX_BENCHES)
		return reject(s, "more than %d benchmarks", HVB_MAX_BENCHES);
	if (s->n_results == s->cap_results) {
		size_t cap = s->cap_results ? s->cap_results * 2 : 16;
		struct hvb_bench_result *grown = realloc(s->results, cap * sizeof(*grown));
		if (!grown)
			return reject(s, "out of memory");
		s->results = grown;
		s->cap_results = cap;
	}
	struct hvb_bench_result *r = &s->results[s->n_results++];
	memset(r, 0, sizeof(*r));
	memcpy(r->bench, b->bench, sizeof(r->bench));
	memcpy(r->variant, b->variant, sizeof(r->variant));
	memcpy(r->unit, b->unit, sizeof(r->unit));
	r->status = HVB_BENCH_INCOMPLETE;
	r->line_begin = s->line_no;
	s->bench_open = true;
	s->open_samples = 0;
	s->next_batch[0] = s->next_batch[1] = 0;
	return 0;
}

static int check_same_bench(struct hvb_session *s, const char *type, const char *bench,
			    const char *variant)
{
	struct hvb_bench_result *open = open_bench(s);
	if (!open)
		return reject(s, "%s of %s/%s outside any benchmark (no open begin)", type, bench, variant);
	if (strcmp(open->bench, bench) != 0 || strcmp(open->variant, variant) != 0)
		return reject(s, "%s of %s/%s inside %s/%s (line %u)", type, bench, variant,
			      open->bench, open->variant, open->line_begin);
	return 0;
}

static int append_batch(struct hvb_batch **array, size_t *n, const struct hvb_sample *sample)
{
	/* Capacity is the next power of two: grow when n is one (0, 1, 2, 4 ...);
	 * the total per benchmark is capped by the caller. */
	if ((*n & (*n - 1)) == 0) {
		size_t cap = *n ? *n * 2 : 1;
		struct hvb_batch *grown = realloc(*array, cap * sizeof(*grown));
		if (!grown)
			return -1;
		*array = grown;
	}
	(*array)[*n] = (struct hvb_batch){ sample->batch, sample->iters, sample->value };
	(*n)++;
	return 0;
}

static int on_sample(struct hvb_session *s, const struct hvb_sample *sample)
{
	if (check_same_bench(s, "sample", sample->bench, sample->variant))
		return -1;
	struct hvb_bench_result *r = open_bench(s);
	if (strcmp(r->unit, sample->unit) != 0)
		return reject(s, "sample unit '%s' differs from begin's '%s'", sample->unit, r->unit);
	if (s->open_samples >= HVB_MAX_SAMPLES)
		return reject(s, "more than %d samples for %s/%s", HVB_MAX_SAMPLES, r->bench, r->variant);
	int kind = sample->kind == HVB_SAMPLE_OP ? 0 : 1;
	if ((long)sample->batch < s->next_batch[kind])
		return reject(s, "%s batch %u repeated or out of order (expected >= %ld)",
			      kind ? "empty" : "op", sample->batch, s->next_batch[kind]);
	int rc = kind ? append_batch(&r->empty, &r->n_empty, sample)
		      : append_batch(&r->op, &r->n_op, sample);
	if (rc)
		return reject(s, "out of memory");
	s->next_batch[kind] = (long)sample->batch + 1;
	s->open_samples++;
	return 0;
}

static int on_end(struct hvb_session *s, const struct hvb_end *e)
{
	if (check_same_bench(s, "end", e->bench, e->variant))
		return -1;
	struct hvb_bench_result *r = open_bench(s);
	r->status = e->status;
	memcpy(r->reason, e->reason, sizeof(r->reason));
	s->bench_open = false;
	return 0;
}

static int on_done(struct hvb_session *s, const struct hvb_done *d)
{
	struct hvb_bench_result *open = open_bench(s);
	if (open)
		return reject(s, "done while %s/%s (line %u) has not ended", open->bench,
			      open->variant, open->line_begin);
	if (d->benches != s->n_results)
		return reject(s, "done says %u benchmarks, %zu were reported", d->benches, s->n_results);
	s->done = true;
	return 0;
}

static int on_record(struct hvb_session *s, const struct hvb_record *rec)
{
	if (s->done)
		return reject(s, "record after done");
	if (s->have_guest_error)
		return reject(s, "record after the guest's error record");
	if (rec->type == HVB_REC_ERROR) {
		s->guest_error = rec->u.error;
		s->have_guest_error = true;
		return 0;
	}
	if (rec->type == HVB_REC_HELLO) {
		if (s->have_hello)
			return reject(s, "second hello");
		s->hello = rec->u.hello;
		s->have_hello = true;
		return 0;
	}
	if (!s->have_hello)
		return reject(s, "record before hello");
	switch (rec->type) {
	case HVB_REC_BEGIN: return on_begin(s, &rec->u.begin);
	case HVB_REC_SAMPLE: return on_sample(s, &rec->u.sample);
	case HVB_REC_END: return on_end(s, &rec->u.end);
	case HVB_REC_DONE: return on_done(s, &rec->u.done);
	default: return 0;
	}
}

/* ---- input ------------------------------------------------------------------ */

int hvb_session_feed_line(struct hvb_session *s, const char *line, size_t len)
{
	struct hvb_record rec;
	char err[HVB_ERR_MAX];

	if (s->finished)
		return s->rejected ? -1 : 0;
	s->line_no++;
	if (hvb_record_parse(line, len, &rec, err, sizeof(err)) != 0) {
		if (s->rejected)
			return -1;
		return reject(s, "%s", err);
	}
	if (rec.type == HVB_REC_LOG) {
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		log_append(&s->log, line, len);
		log_append(&s->log, "\n", 1);
		return s->rejected ? -1 : 0;
	}
	if (s->rejected)
		return -1;
	return on_record(s, &rec);
}

int hvb_session_feed(struct hvb_session *s, const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (bytes[i] == '\n') {
			hvb_session_feed_line(s, s->line, s->line_len);
			s->line_len = 0;
		} else if (s->line_len < LINE_KEEP) {
			s->line[s->line_len++] = bytes[i];
		}
		/* bytes beyond LINE_KEEP are dropped: the line is over-long anyway */
	}
	return s->rejected ? -1 : 0;
}

int hvb_session_finish(struct hvb_session *s)
{
	if (s->finished)
		return s->rejected ? -1 : 0;
	if (s->line_len) {
		hvb_session_feed_line(s, s->line, s->line_len);
		s->line_len = 0;
	}
	/* a benchmark still open keeps status INCOMPLETE */
	s->bench_open = false;
	s->finished = true;
	return s->rejected ? -1 : 0;
}

/* ---- results ---------------------------------------------------------------- */

bool hvb_session_rejected(const struct hvb_session *s) { return s->rejected; }
const char *hvb_session_error(const struct hvb_session *s) { return s->error; }
const struct hvb_hello *hvb_session_hello(const struct hvb_session *s)
{
	return s->have_hello ? &s->hello : NULL;
}
bool hvb_session_done(const struct hvb_session *s) { return s->done; }
const struct hvb_error *hvb_session_guest_error(const struct hvb_session *s)
{
	return s->have_guest_error ? &s->guest_error : NULL;
}
unsigned hvb_session_lines(const struct hvb_session *s) { return s->line_no; }
size_t hvb_session_result_count(const struct hvb_session *s) { return s->n_results; }

const struct hvb_bench_result *hvb_session_result(const struct hvb_session *s, size_t i)
{
	return i < s->n_results ? &s->results[i] : NULL;
}

bool hvb_session_incomplete(const struct hvb_session *s)
{
	for (size_t i = 0; i < s->n_results; i++)
		if (s->results[i].status == HVB_BENCH_INCOMPLETE)
			return true;
	return false;
}
