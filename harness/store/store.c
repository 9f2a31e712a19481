/*
 * store.c - open, check and create the results database, plus the SQLite
 * helpers the other store files use.  A file that is not ours is refused
 * before SQLite writes anything to it.
 */
#include "store/store_internal.h"
#include "util/errmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How long a write waits for a database another process is writing:
 * $HVBENCH_BUSY_TIMEOUT seconds, default 300.  Beyond it the run goes on in
 * a recovery file (store_spill.c); the samples are never thrown away. */
#define BUSY_LIMIT_DEFAULT_S 300
#define BUSY_NAP_MAX_MS 100
#define SQLITE_MAGIC "SQLite format 3"   /* 16 bytes with its NUL */
#define HEADER_USER_VERSION 60           /* big-endian u32 in the file header */
#define HEADER_APPLICATION_ID 68

const char *hvb_default_db_path(void)
{
	const char *env = getenv("HVBENCH_DB");
	return env && *env ? env : "hvbench.db";
}

/* ---- helpers ------------------------------------------------------------ */

int store_error(struct hvb_store *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->error, sizeof(st->error), fmt, ap);
	va_end(ap);
	st->last_rc = 0;
	return -1;
}

int store_sqlite_error(struct hvb_store *st, const char *what)
{
	store_error(st, "%s: %s", what, sqlite3_errmsg(st->db));
	st->last_rc = sqlite3_extended_errcode(st->db);
	return -1;
}

static long busy_limit_ms(void)
{
	const char *env = getenv("HVBENCH_BUSY_TIMEOUT");
	char *end;
	double seconds = env && *env ? strtod(env, &end) : BUSY_LIMIT_DEFAULT_S;
	if (env && *env && (*end || !(seconds >= 0) || seconds > 86400))
		seconds = BUSY_LIMIT_DEFAULT_S;
	return (long)(seconds * 1000);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* count is 0 the first time SQLite finds this lock busy: the wait starts
 * then.  The start is kept in the store, which one thread uses at a time. */
int store_busy_wait(void *store, int count)
{
	struct hvb_store *st = store;
	static const long naps_ms[] = { 1, 2, 5, 10, 20, 50 };
	long long now = now_ms();
	if (count == 0)
		st->busy_since_ms = now;
	if (now - st->busy_since_ms >= st->busy_limit_ms)
		return 0;
	long nap = (size_t)count < sizeof(naps_ms) / sizeof(naps_ms[0]) ? naps_ms[count] : BUSY_NAP_MAX_MS;
	struct timespec ts = { nap / 1000, (nap % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	return 1;
}

sqlite3_stmt *store_prepare(struct hvb_store *st, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_sqlite_error(st, "prepare");
		return NULL;
	}
	return stmt;
}

int store_exec(struct hvb_store *st, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		store_error(st, "%s", msg ? msg : sqlite3_errmsg(st->db));
		st->last_rc = sqlite3_extended_errcode(st->db);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_step_done(struct hvb_store *st, sqlite3_stmt *stmt, const char *what)
{
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_sqlite_error(st, what);
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

int store_begin(struct hvb_store *st) { return store_exec(st, "BEGIN IMMEDIATE"); }

/* A COMMIT that finds the database busy (readers, in rollback-journal mode)
 * leaves the transaction open: it is tried again, within the bound. */
int store_commit(struct hvb_store *st)
{
	long long until = now_ms() + st->busy_limit_ms;
	for (;;) {
		if (store_exec(st, "COMMIT") == 0)
			return 0;
		if ((st->last_rc & 0xff) != SQLITE_BUSY || sqlite3_get_autocommit(st->db) ||
		    now_ms() >= until)
			return -1;
		struct timespec ts = { 0, BUSY_NAP_MAX_MS * 1000000L };
		nanosleep(&ts, NULL);
	}
}

void store_rollback(struct hvb_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (!text)
		return sqlite3_bind_null(stmt, index);
	return sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

int store_bind_double(sqlite3_stmt *stmt, int index, double value)
{
	if (!isfinite(value))
		return sqlite3_bind_null(stmt, index);
	return sqlite3_bind_double(stmt, index, value);
}

char *store_column_dup(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	return text ? strdup((const char *)text) : NULL;
}

double store_column_double(sqlite3_stmt *stmt, int column)
{
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return NAN;
	return sqlite3_column_double(stmt, column);
}

const char *hvb_store_error(const struct hvb_store *st)
{
	return st ? st->error : "";
}

/* ---- opening -------------------------------------------------------------- */


static uint32_t read_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

enum file_kind { FILE_MISSING, FILE_EMPTY, FILE_OURS, FILE_BLANK_SQLITE, FILE_REFUSED };

/* Looks at the file's bytes only (never through SQLite) to decide whether
 * we may open it.  FILE_BLANK_SQLITE: SQLite without an application id,
 * still to be checked for tables. */
static enum file_kind inspect_file(const char *path, char *err, size_t errlen)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return FILE_MISSING;
		errmsg_fail(err, errlen, "%s: %s", path, strerror(errno));
		return FILE_REFUSED;
	}
	if (!S_ISREG(sb.st_mode)) {
		errmsg_fail(err, errlen, "%s: not a regular file", path);
		return FILE_REFUSED;
	}
	if (sb.st_size == 0)
		return FILE_EMPTY;

	unsigned char header[100];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errmsg_fail(err, errlen, "%s: %s", path, strerror(errno));
		return FILE_REFUSED;
	}
	ssize_t got = read(fd, header, sizeof(header));
	close(fd);
	if (got != (ssize_t)sizeof(header) || memcmp(header, SQLITE_MAGIC, 16) != 0) {
		errmsg_fail(err, errlen, "%s: not a SQLite database (refusing to touch it)", path);
		return FILE_REFUSED;
	}
	uint32_t app_id = read_be32(header + HEADER_APPLICATION_ID);
	uint32_t version = read_be32(header + HEADER_USER_VERSION);
	if (app_id == 0)
		return FILE_BLANK_SQLITE;
	if (app_id != HVB_APPLICATION_ID) {
		errmsg_fail(err, errlen, "%s: a SQLite database of another program (application_id 0x%08x, "
			  "hvbench uses 0x%08x); refusing to touch it", path, app_id, HVB_APPLICATION_ID);
		return FILE_REFUSED;
	}
	if (version > HVB_SCHEMA_VERSION) {
		errmsg_fail(err, errlen, "%s: schema version %u is newer than this hvbench's (%d); "
			  "use a newer hvbench", path, version, HVB_SCHEMA_VERSION);
		return FILE_REFUSED;
	}
	return FILE_OURS;
}

/* A SQLite file without application id is only ours to fill when it has no
 * schema at all; checked read-only. */
static int blank_sqlite_is_empty(const char *path, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	int count = -1;
	long long app_id = 0;
	/* The application id is read again through SQLite: another hvbench may
	 * have created the schema since the header was read. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_busy_timeout(db, BUSY_LIMIT_DEFAULT_S * 1000) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*), (SELECT application_id FROM pragma_application_id) "
			       "FROM sqlite_schema", -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		count = sqlite3_column_int(stmt, 0);
		app_id = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	if (count < 0)
		return errmsg_fail(err, errlen, "%s: cannot read it as SQLite; refusing to touch it", path);
	if (count > 0 && app_id == HVB_APPLICATION_ID)
		return 0;
	if (count > 0)
		return errmsg_fail(err, errlen, "%s: a SQLite database that is not an hvbench store "
				 "(no application_id, %d schema objects); refusing to touch it", path, count);
	return 0;
}

static int pragma_int(struct hvb_store *st, const char *sql, long long *out)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		store_sqlite_error(st, sql);
		sqlite3_finalize(stmt);
		return -1;
	}
	*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return 0;
}

/* Another hvbench may be creating the same new file at the same moment:
 * whoever gets the write lock first creates the schema, the other finds it
 * done (*created = false) and goes on as with an existing database. */
static int create_schema(struct hvb_store *st, bool *created)
{
	long long app_id;
	*created = false;
	if (store_begin(st))
		return -1;
	if (pragma_int(st, "PRAGMA application_id", &app_id)) {
		store_rollback(st);
		return -1;
	}
	if (app_id != 0) {
		store_rollback(st);
		return 0;
	}
	if (store_exec(st, hvb_schema_sql)) {
		char saved[STORE_ERROR_MAX];
		int rc = st->last_rc;
		snprintf(saved, sizeof(saved), "%s", st->error);
		store_rollback(st);
		store_error(st, "creating the schema: %s", saved);
		st->last_rc = rc;
		return -1;
	}
	*created = true;
	return store_commit(st);
}

/* A damaged file (a bad page, cut short) is refused before anything is
 * written to it: SQLite would otherwise add rows next to the damage. */
static int check_not_damaged(struct hvb_store *st)
{
	sqlite3_stmt *stmt = store_prepare(st, "PRAGMA quick_check(1)");
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	const char *verdict = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
	if (verdict && strcmp(verdict, "ok") == 0) {
		sqlite3_finalize(stmt);
		return 0;
	}
	store_error(st, "the database is damaged (%s); refusing to use it (keep a copy, then "
		    "try: sqlite3 FILE .recover)", verdict ? verdict : sqlite3_errmsg(st->db));
	sqlite3_finalize(stmt);
	for (char *c = st->error; *c; c++)   /* quick_check's report spans lines */
		if (*c == '\n')
			*c = ' ';
	return -1;
}

/* Checks the open database again through SQLite (the header may be behind a
 * WAL) and creates or upgrades the schema. */
static int check_and_prepare(struct hvb_store *st, bool is_new)
{
	long long app_id, version;
	if (pragma_int(st, "PRAGMA application_id", &app_id) ||
	    pragma_int(st, "PRAGMA user_version", &version))
		return -1;
	if (is_new && app_id == 0 && version == 0) {
		bool created;
		if (create_schema(st, &created))
			return -1;
		if (created)
			return 0;
		if (pragma_int(st, "PRAGMA application_id", &app_id) ||
		    pragma_int(st, "PRAGMA user_version", &version))
			return -1;
	}
	if (app_id != HVB_APPLICATION_ID)
		return store_error(st, "not an hvbench database (application_id 0x%08llx)", app_id);
	if (version > HVB_SCHEMA_VERSION)
		return store_error(st, "schema version %lld is newer than this hvbench's (%d)",
				   version, HVB_SCHEMA_VERSION);
	if (version < 1)
		return store_error(st, "hvbench database without schema version");
	if (check_not_damaged(st))
		return -1;
	if (version < HVB_SCHEMA_VERSION && st->read_only)
		return store_error(st, "schema version %lld is older than this hvbench's (%d) and the "
				   "database is read-only here: open it once where it can be written to "
				   "migrate it", version, HVB_SCHEMA_VERSION);
	if (version < HVB_SCHEMA_VERSION)
		return store_migrate(st);
	return 0;
}

/* A read command on a database we may not write (a read-only file, or a
 * folder where SQLite cannot create the -wal/-shm files): opened read-only,
 * which SQLite allows for a WAL database too; nothing is changed. */
static bool may_not_write(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return access(path, W_OK) != 0 || access(dir, W_OK) != 0;
}

/* "file:PATH?QUERY" with the characters a URI path may not hold escaped. */
static void file_uri(char *out, size_t size, const char *path, const char *query)
{
	size_t used = (size_t)snprintf(out, size, "file:");
	for (const char *p = path; *p && used + 4 < size; p++)
		used += (size_t)(strchr("?#%", *p) ? snprintf(out + used, size - used, "%%%02X",
							      (unsigned char)*p)
				   : snprintf(out + used, size - used, "%c", *p));
	snprintf(out + used, size - used, "?%s", query);
}

/*
 * Opens a database read-only.  SQLite reads a WAL database read-only only
 * where its -shm file exists or can be made; in a folder we may not write,
 * with no -wal file left (no writer in the middle of a transaction: the
 * file itself is whole), it is opened as immutable instead.
 */
static int open_read_only(struct hvb_store *st, const char *path)
{
	char uri[PATH_MAX * 3 + 32], wal[PATH_MAX + 8];
	file_uri(uri, sizeof(uri), path, "mode=ro");
	int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	if (rc == SQLITE_OK &&
	    sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK)
		return SQLITE_OK;
	snprintf(wal, sizeof(wal), "%s-wal", path);
	if (access(wal, F_OK) == 0)
		return rc == SQLITE_OK ? sqlite3_errcode(st->db) : rc;
	sqlite3_close(st->db);
	file_uri(uri, sizeof(uri), path, "immutable=1");
	return sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

enum open_mode {
	OPEN_EXISTING,   /* read commands: a missing file is an error */
	OPEN_CREATE,     /* created when missing */
	OPEN_WRITER,     /* created when missing; unwritable: a recovery file */
};

/* A new file we made and nobody filled: removed after a failed open. */
static void remove_if_empty(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0)
		unlink(path);
}

static int open_store(const char *path, enum open_mode mode, struct hvb_store **out,
		      char *err, size_t errlen)
{
	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	if (!path || !*path)
		return errmsg_fail(err, errlen, "no database path");
	if (strlen(path) >= PATH_MAX)
		return errmsg_fail(err, errlen, "database path too long");

	enum file_kind kind = inspect_file(path, err, errlen);
	if (kind == FILE_REFUSED)
		return -1;
	if (mode == OPEN_EXISTING && (kind == FILE_MISSING || kind == FILE_EMPTY))
		return errmsg_fail(err, errlen, "%s: no results database there", path);
	if (kind == FILE_BLANK_SQLITE && blank_sqlite_is_empty(path, err, errlen))
		return -1;

	struct hvb_store *st = calloc(1, sizeof(*st));
	if (!st)
		return errmsg_fail(err, errlen, "out of memory");
	snprintf(st->path, sizeof(st->path), "%s", path);
	st->busy_limit_ms = busy_limit_ms();
	st->read_only = mode == OPEN_EXISTING && may_not_write(path);
	int flags = SQLITE_OPEN_READWRITE | (kind == FILE_MISSING ? SQLITE_OPEN_CREATE : 0);
	int rc = st->read_only ? open_read_only(st, path) : sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(st->db, 1);
		sqlite3_busy_handler(st->db, store_busy_wait, st);
	} else {
		store_error(st, "%s", st->db ? sqlite3_errmsg(st->db) : "cannot open");
		st->last_rc = rc;
	}

	bool is_new = kind != FILE_OURS;
	if (rc != SQLITE_OK || check_and_prepare(st, is_new) ||
	    store_exec(st, "PRAGMA foreign_keys = ON") ||
	    (!st->read_only && store_exec(st, "PRAGMA journal_mode = WAL"))) {
		sqlite3_close(st->db);
		st->db = NULL;
		if (kind == FILE_MISSING)
			remove_if_empty(path);
		/* A database we may not write (read-only file system, full disk,
		 * no permission): the run goes to a recovery file instead. */
		if (mode == OPEN_WRITER && store_cannot_write(st->last_rc) && store_spill(st, 0) == 0) {
			*out = st;
			return 0;
		}
		errmsg_fail(err, errlen, "%s: %s", path, st->error);
		hvb_store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

int hvb_store_open(const char *path, struct hvb_store **out, char *err, size_t errlen)
{
	return open_store(path, OPEN_CREATE, out, err, errlen);
}

int hvb_store_open_existing(const char *path, struct hvb_store **out, char *err, size_t errlen)
{
	return open_store(path, OPEN_EXISTING, out, err, errlen);
}

int hvb_store_open_writer(const char *path, struct hvb_store **out, char *err, size_t errlen)
{
	return open_store(path, OPEN_WRITER, out, err, errlen);
}

void hvb_store_close(struct hvb_store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st);
}

static const char *const run_status_names[] = {
	[HVB_RUN_INCOMPLETE] = "incomplete",
	[HVB_RUN_COMPLETE] = "complete",
	[HVB_RUN_FAILED] = "failed",
};

const char *hvb_run_status_name(enum hvb_run_status status)
{
	if ((unsigned)status >= sizeof(run_status_names) / sizeof(run_status_names[0]))
		return NULL;
	return run_status_names[status];
}
