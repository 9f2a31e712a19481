-- results-schema.sql - the hvbench results database (SQLite >= 3.37, STRICT).
--
-- Version 3.  hvbench compiles this file in (hvb_schema_sql) and applies it,
-- in one transaction, to a new database.  An older database is upgraded by
-- the numbered migrations in harness/store/store_migrate.c (one transaction);
-- hvbench refuses a database whose user_version is newer than it knows.
-- Version 2 added runs.run_uuid (a stable identity for import/merge).
-- Version 3 added the run_versions view (release, kernel, Xen, QEMU per run).
--
-- Raw per-batch samples are kept; `results` holds summaries derived from
-- them at insert time (net series: op - median(empty)); the `summary` view is
-- the stable interface for scripts and plots.

PRAGMA application_id = 1213612593;  -- 0x48564231, "HVB1"
PRAGMA user_version = 3;

CREATE TABLE hosts (
	host_id     INTEGER PRIMARY KEY,
	hostname    TEXT NOT NULL,
	cpu_model   TEXT,
	fingerprint TEXT NOT NULL UNIQUE       -- identifies one machine
) STRICT;

CREATE TABLE runs (
	run_id             INTEGER PRIMARY KEY,
	started_at         TEXT NOT NULL,      -- UTC, ISO 8601
	finished_at        TEXT,
	host_id            INTEGER NOT NULL REFERENCES hosts(host_id),
	arch               TEXT NOT NULL,
	backend            TEXT NOT NULL,
	hypervisor         TEXT,
	hypervisor_version TEXT,
	testbed            TEXT NOT NULL DEFAULT 'host',
	emulated           INTEGER NOT NULL DEFAULT 0 CHECK (emulated IN (0, 1)),
	guest_path         TEXT,
	guest_sha256       TEXT,
	guest_build_id     TEXT,
	tick_hz            INTEGER CHECK (tick_hz IS NULL OR tick_hz > 0),
	tick_source        TEXT,
	vcpus              INTEGER CHECK (vcpus IS NULL OR vcpus >= 0),
	pinned             INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
	status             TEXT NOT NULL DEFAULT 'incomplete'
	                   CHECK (status IN ('complete', 'incomplete', 'failed')),
	message            TEXT,               -- why the run failed
	hvbench_version    TEXT,
	command_line       TEXT,
	run_uuid           TEXT                -- random 128-bit hex id, set at begin_run;
	                                       -- runs migrated from v1: a key derived from them
) STRICT;

CREATE INDEX runs_by_arch ON runs(arch, backend, testbed, status);
CREATE UNIQUE INDEX runs_by_uuid ON runs(run_uuid);

-- Host environment as captured for the run: cpu.model, cpu.microcode,
-- kernel, governor, mitigations.*, hwloc.xml, qemu.version, guest.*, ...
CREATE TABLE run_env (
	run_id INTEGER NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
	key    TEXT NOT NULL,
	value  TEXT NOT NULL,
	PRIMARY KEY (run_id, key)
) STRICT;

-- User tags (hvbench run --tag KEY=VALUE).
CREATE TABLE run_tags (
	run_id INTEGER NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
	key    TEXT NOT NULL,
	value  TEXT NOT NULL,
	PRIMARY KEY (run_id, key)
) STRICT;

-- Guest console log and harness messages of a run, in order; hvbench keeps
-- at most 1 MiB of text per run.
CREATE TABLE run_log (
	run_id INTEGER NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
	seq    INTEGER NOT NULL,
	source TEXT NOT NULL CHECK (source IN ('guest', 'harness')),
	text   TEXT NOT NULL,
	PRIMARY KEY (run_id, seq)
) STRICT;

-- One benchmark+variant of a run.  The statistics are those of the net
-- series (op sample - empty_median); NULL when there are no op samples.
CREATE TABLE results (
	result_id    INTEGER PRIMARY KEY,
	run_id       INTEGER NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
	benchmark    TEXT NOT NULL,
	variant      TEXT NOT NULL DEFAULT '-',
	unit         TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('ok', 'unsupported', 'timeout', 'failed')),
	reason       TEXT,
	n            INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0),
	median       REAL,
	p25          REAL,
	p75          REAL,
	ci_low       REAL,                     -- 95% CI of the median (order statistics)
	ci_high      REAL,
	ci_exact     INTEGER CHECK (ci_exact IS NULL OR ci_exact IN (0, 1)),
	mean         REAL,
	stddev       REAL,
	cv           REAL,                     -- stddev / mean
	outliers     INTEGER CHECK (outliers IS NULL OR outliers >= 0),
	empty_median REAL,                     -- median of the empty-loop samples
	UNIQUE (run_id, benchmark, variant)
) STRICT;

-- Every batch as the guest reported it: value is the mean per operation.
CREATE TABLE samples (
	result_id INTEGER NOT NULL REFERENCES results(result_id) ON DELETE CASCADE,
	kind      TEXT NOT NULL CHECK (kind IN ('op', 'empty')),
	batch     INTEGER NOT NULL CHECK (batch >= 0),
	iters     INTEGER NOT NULL CHECK (iters > 0),
	value     REAL NOT NULL,
	PRIMARY KEY (result_id, kind, batch)
) STRICT;

-- The stable interface (docs/design.md): one row per benchmark+variant of a run.
CREATE VIEW summary AS
SELECT
	r.run_id          AS run_id,
	r.started_at      AS started_at,
	h.hostname        AS host,
	r.arch            AS arch,
	r.backend         AS backend,
	r.hypervisor      AS hypervisor,
	r.testbed         AS testbed,
	r.emulated        AS emulated,
	r.guest_sha256    AS guest_sha256,
	r.tick_hz         AS tick_hz,
	r.status          AS run_status,
	res.result_id     AS result_id,
	res.benchmark     AS benchmark,
	res.variant       AS variant,
	res.unit          AS unit,
	res.n             AS n,
	res.median        AS median,
	res.p25           AS p25,
	res.p75           AS p75,
	res.ci_low        AS ci_low,
	res.ci_high       AS ci_high,
	res.mean          AS mean,
	res.stddev        AS stddev,
	res.cv            AS cv,
	res.outliers      AS outliers,
	res.empty_median  AS empty_median,
	res.status        AS status,
	res.reason        AS reason
FROM results AS res
JOIN runs AS r ON r.run_id = res.run_id
JOIN hosts AS h ON h.host_id = r.host_id;

-- What software a run used, one row per run (join summary on run_id): a
-- test-bed's Debian release (NULL on the host), its kernel and Xen (Debian
-- package versions where the test-bed recorded them, else what it reported;
-- on the host, the host's kernel) and the QEMU that ran it (a test-bed's
-- emulator, a qemu-* backend's binary; NULL for refhv on the host);
-- software: all of it in one line for captions ("Debian trixie, kernel
-- 6.12.118-1, Xen 4.20.5-pre, QEMU 7.2.22").
CREATE VIEW run_versions AS
SELECT v.*, ltrim(coalesce('Debian ' || v.release, '') || coalesce(', kernel ' || v.kernel, '') ||
	coalesce(', Xen ' || v.xen, '') || coalesce(', QEMU ' || v.qemu, ''), ', ') AS software
FROM (SELECT
	r.run_id AS run_id,
	r.testbed AS testbed,
	(SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'testbed.release') AS release,
	coalesce((SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'testbed.kernel_version'),
		 (SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'testbed.kernel'),
		 (SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'testbed.dom0_kernel'),
		 CASE WHEN r.testbed = 'host' THEN
			(SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'kernel') END) AS kernel,
	coalesce((SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'testbed.xen_version'),
		 (SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'testbed.xen_package')) AS xen,
	coalesce((SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'testbed.qemu'),
		 CASE WHEN r.backend LIKE 'qemu-%' THEN
			(SELECT value FROM run_env WHERE run_id = r.run_id AND key = 'qemu.version') END) AS qemu
FROM runs AS r) AS v;
