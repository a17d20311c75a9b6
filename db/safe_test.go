package db_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mediq/mediq/db"
)

// testLimits keep the limit cases of the hostile test quick.
var testLimits = db.Limits{Timeout: 300 * time.Millisecond}

const (
	readOnly = "a safe handle only reads; to change data, work on a copy written by db.WriteFile or `mediq export`"
	pragma   = "it can change the database or the connection; only read-only pragmas such as table_info(figures) or user_version are allowed"
	attach   = "attaching opens or creates a database file; a safe handle reads only mediq's own data"
	vacInto  = "it writes a copy of the database to a file; use db.WriteFile or `mediq export` instead"
	timeout  = "that is the time limit for one statement on a safe handle; add a LIMIT, narrow the WHERE clause, or end the recursion of a WITH RECURSIVE"
	tooBig   = "that is the length limit for one string or BLOB on a safe handle; build smaller values"
	rowLimit = "that is the row limit for one statement on a safe handle; add a LIMIT, narrow the WHERE clause, or end the recursion of a WITH RECURSIVE"
)

// copyDB writes the snapshot into a fresh directory, makes that directory
// the working directory (so relative paths in hostile SQL land there), and
// returns the file's path.
func copyDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, db.FileName)
	if err := db.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return path
}

// drain runs q as a query and reads every row, returning the first error.
func drain(ctx context.Context, h *sql.DB, q string) error {
	rows, err := h.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func TestSafeHostile(t *testing.T) {
	ctx := context.Background()
	path := copyDB(t)
	dir := filepath.Dir(path)
	abs := func(name string) string { return filepath.Join(dir, name) }
	h, err := db.OpenFile(ctx, path, db.SafeLimits(testLimits))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()

	infinite := "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
	tests := []struct {
		name string
		sql  string
		exec bool   // run with Exec rather than Query
		kind error  // ErrDenied or ErrLimit
		want string // the whole message
	}{
		{"insert", "INSERT INTO meta VALUES ('k', 'v')", false, db.ErrDenied, "INSERT into meta denied: " + readOnly},
		{"insert returning", "INSERT INTO figures SELECT * FROM figures RETURNING id", false, db.ErrDenied, "INSERT into figures denied: " + readOnly},
		{"replace", "REPLACE INTO presets SELECT * FROM presets", true, db.ErrDenied, "INSERT into presets denied: " + readOnly},
		{"update", "UPDATE figures SET raw = 'x'", true, db.ErrDenied, "UPDATE of figures.raw denied: " + readOnly},
		{"update dbpage", "UPDATE sqlite_dbpage SET data = zeroblob(4096) WHERE pgno = 1", true, db.ErrDenied, "UPDATE of sqlite_dbpage.data denied: " + readOnly},
		{"delete", "DELETE FROM sources", true, db.ErrDenied, "DELETE from sources denied: " + readOnly},
		{"create table", "CREATE TABLE t(x)", true, db.ErrDenied, "INSERT into sqlite_master denied: " + readOnly},
		{"create temp table", "CREATE TEMP TABLE t AS SELECT * FROM figures", true, db.ErrDenied, "INSERT into sqlite_temp_master denied: " + readOnly},
		{"create temp view", "CREATE TEMP VIEW v AS SELECT 1", true, db.ErrDenied, "INSERT into sqlite_temp_master denied: " + readOnly},
		{"create index", "CREATE INDEX i ON figures(raw)", true, db.ErrDenied, "INSERT into sqlite_master denied: " + readOnly},
		{"drop table", "DROP TABLE figures", true, db.ErrDenied, "DELETE from sqlite_master denied: " + readOnly},
		{"alter table", "ALTER TABLE figures ADD COLUMN y", true, db.ErrDenied, "ALTER TABLE figures denied: " + readOnly},
		{"reindex", "REINDEX", true, db.ErrDenied, "REINDEX denied: " + readOnly},
		{"analyze", "ANALYZE", true, db.ErrDenied, "ANALYZE denied: " + readOnly},
		{"attach new file", "ATTACH 'x.db' AS x", true, db.ErrDenied, "ATTACH 'x.db' denied: " + attach},
		{"attach absolute uri", "ATTACH 'file:" + abs("u.db") + "?mode=rwc' AS u", true, db.ErrDenied, "ATTACH 'file:" + abs("u.db") + "?mode=rwc' denied: " + attach},
		{"attach memory", "ATTACH ':memory:' AS m", true, db.ErrDenied, "ATTACH ':memory:' denied: " + attach},
		{"detach", "DETACH main", true, db.ErrDenied, "DETACH main denied: a safe handle attaches nothing, so there is nothing to detach"},
		{"vacuum", "VACUUM", true, db.ErrDenied, "VACUUM denied: it rewrites the database file; " + readOnly},
		{"vacuum into relative", "VACUUM INTO 'y.db'", true, db.ErrDenied, "VACUUM INTO 'y.db' denied: " + vacInto},
		{"vacuum into absolute", "/* copy */ vacuum into '" + abs("z.db") + "'", true, db.ErrDenied, "VACUUM INTO '" + abs("z.db") + "' denied: " + vacInto},
		{"write after read", "SELECT 1; DELETE FROM figures", true, db.ErrDenied, "DELETE from figures denied: " + readOnly},
		{"attach after read", "SELECT count(*) FROM figures; ATTACH 'w.db' AS w", true, db.ErrDenied, "ATTACH 'w.db' denied: " + attach},
		{"load_extension", "SELECT load_extension('" + abs("evil.so") + "')", false, db.ErrDenied, "function load_extension denied: it loads native code into the process"},
		{"pragma user_version", "PRAGMA user_version = 7", true, db.ErrDenied, "PRAGMA user_version = 7 denied: " + pragma},
		{"pragma journal_mode", "PRAGMA journal_mode = WAL", false, db.ErrDenied, "PRAGMA journal_mode = WAL denied: " + pragma},
		{"pragma query_only off", "PRAGMA query_only = 0", true, db.ErrDenied, "PRAGMA query_only = 0 denied: " + pragma},
		{"pragma writable_schema", "PRAGMA writable_schema = ON", true, db.ErrDenied, "PRAGMA writable_schema = ON denied: " + pragma},
		{"pragma mmap_size", "PRAGMA mmap_size = 1000000000", true, db.ErrDenied, "PRAGMA mmap_size = 1000000000 denied: " + pragma},
		{"pragma temp_store_directory", "PRAGMA temp_store_directory = '" + dir + "'", true, db.ErrDenied, "PRAGMA temp_store_directory = " + dir + " denied: " + pragma},
		{"pragma optimize", "PRAGMA optimize", true, db.ErrDenied, "PRAGMA optimize denied: " + pragma},
		{"pragma wal_checkpoint", "PRAGMA wal_checkpoint", true, db.ErrDenied, "PRAGMA wal_checkpoint denied: " + pragma},
		{"endless recursion, one row", infinite + "SELECT count(*) FROM c", false, db.ErrLimit, "statement stopped after 300ms: " + timeout},
		{"endless recursion, filtered", infinite + "SELECT x FROM c WHERE x < 3", false, db.ErrLimit, "statement stopped after 300ms: " + timeout},
		{"endless recursion, exec", infinite + "SELECT max(x) FROM c", true, db.ErrLimit, "statement stopped after 300ms: " + timeout},
		{"zeroblob", "SELECT zeroblob(2000000000)", false, db.ErrLimit, "value longer than 1048576 bytes: " + tooBig},
		{"randomblob", "SELECT length(randomblob(1000000000))", false, db.ErrLimit, "value longer than 1048576 bytes: " + tooBig},
		{"printf precision", "SELECT printf('%.*c', 2000000000, 'x')", false, db.ErrLimit, "value longer than 1048576 bytes: " + tooBig},
		{"printf width", "SELECT length(printf('%1999999999d', 1))", false, db.ErrLimit, "value longer than 1048576 bytes: " + tooBig},
		// group_concat notes the overflow but keeps stepping: the deadline ends it.
		{"group_concat", infinite + "SELECT group_concat(printf('%.1000c', 'x')) FROM c", false, db.ErrLimit, "statement stopped after 300ms: " + timeout},
		{"group_concat bounded", infinite + "SELECT group_concat(printf('%.1000c', 'x')) FROM (SELECT x FROM c LIMIT 2000)", false, db.ErrLimit, "value longer than 1048576 bytes: " + tooBig},
		{"replace growth", infinite + ", s(v) AS (SELECT 'ab' UNION ALL SELECT replace(v, 'a', v) FROM s) SELECT length(v) FROM s", false, db.ErrLimit, "value longer than 1048576 bytes: " + tooBig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var err error
			if tt.exec {
				_, err = h.ExecContext(ctx, tt.sql)
			} else {
				err = drain(ctx, h, tt.sql)
			}
			if err == nil {
				t.Fatalf("%s: no error, want %q", tt.sql, tt.want)
			}
			var se *db.SafeError
			if !errors.As(err, &se) || !errors.Is(err, tt.kind) {
				t.Fatalf("%s:\n got %v\nwant a *SafeError wrapping %v", tt.sql, err, tt.kind)
			}
			if got, want := err.Error(), "safe mode: "+tt.want; got != want {
				t.Errorf("%s:\n got %s\nwant %s", tt.sql, got, want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s took %v", tt.sql, d)
			}
		})
	}

	// The handle still answers after every refusal and stop.
	var n int
	if err := h.QueryRowContext(ctx, "SELECT count(*) FROM figures").Scan(&n); err != nil || n == 0 {
		t.Fatalf("count after hostile statements: %d, %v", n, err)
	}

	// Nothing appeared beside the database, and the database is unchanged.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{db.FileName}; !slices.Equal(names, want) {
		t.Errorf("files in %s: got %v, want %v", dir, names, want)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(got) != sha256.Sum256(db.Snapshot()) {
		t.Errorf("%s changed", path)
	}
}

// TestSafeRowLimit stops a recursion without end by its row count, long
// before the deadline.
func TestSafeRowLimit(t *testing.T) {
	ctx := context.Background()
	h, err := db.Open(ctx, db.SafeLimits(db.Limits{MaxRows: 1000}))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	err = drain(ctx, h, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c")
	want := "safe mode: statement stopped after 1000 rows: " + rowLimit
	if !errors.Is(err, db.ErrLimit) || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// Exactly MaxRows rows are fine.
	if err := drain(ctx, h, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000) SELECT x FROM c"); err != nil {
		t.Errorf("1000 rows: %v", err)
	}
}

// TestSafeAllows shows that reading works on a safe handle as on any other.
func TestSafeAllows(t *testing.T) {
	ctx := context.Background()
	h, err := db.Open(ctx, db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for _, q := range []string{
		"SELECT count(*) FROM figures_full",
		"PRAGMA user_version",
		"PRAGMA table_info(figures)",
		"PRAGMA main.journal_mode",
		"PRAGMA integrity_check",
		"SELECT name FROM pragma_table_info('figures')",
		"SELECT printf('%5d|%.3s', 42, 'abcdef'), zeroblob(10), length(randomblob(1000))",
		"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) SELECT sum(x) FROM c",
		"SELECT text FROM sources",
		"SELECT 1; SELECT 2",
	} {
		if err := drain(ctx, h, q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}

	// Bound parameters, prepared statements and transactions work.
	var raw string
	if err := h.QueryRowContext(ctx, "SELECT raw FROM figures WHERE id = ?", 1).Scan(&raw); err != nil || raw == "" {
		t.Errorf("bound query: %q, %v", raw, err)
	}
	st, err := h.PrepareContext(ctx, "SELECT count(*) FROM figures WHERE unit = :unit")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.QueryRowContext(ctx, sql.Named("unit", "元")).Scan(&n); err != nil || n == 0 {
		t.Errorf("prepared query: %d, %v", n, err)
	}
	if _, err := st.ExecContext(ctx, sql.Named("unit", "元")); err != nil {
		t.Errorf("prepared exec: %v", err)
	}
	tx, err := h.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sources").Scan(&n); err != nil || n == 0 {
		t.Errorf("query in transaction: %d, %v", n, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM sources"); !errors.Is(err, db.ErrDenied) {
		t.Errorf("delete in transaction: got %v, want ErrDenied", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Error(err)
	}
}

// TestSafeIsPerHandle shows that Safe's rules stay on the handle opened with
// it: a plain handle opened after it may still create a temporary table.
func TestSafeIsPerHandle(t *testing.T) {
	ctx := context.Background()
	safe, err := db.Open(ctx, db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	defer safe.Close()
	plain, err := db.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	plain.SetMaxOpenConns(1)
	if _, err := plain.ExecContext(ctx, "CREATE TEMP TABLE t(x)"); err != nil {
		t.Errorf("plain handle: %v", err)
	}
	if _, err := safe.ExecContext(ctx, "CREATE TEMP TABLE t(x)"); !errors.Is(err, db.ErrDenied) {
		t.Errorf("safe handle: got %v, want ErrDenied", err)
	}
}

// TestSafeCallerContext shows that a caller's own cancellation is reported as
// such, not as a limit.
func TestSafeCallerContext(t *testing.T) {
	h, err := db.Open(context.Background(), db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err = drain(ctx, h, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c WHERE x < 3")
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, db.ErrLimit) {
		t.Errorf("got %v, want context.DeadlineExceeded and not ErrLimit", err)
	}
	if !strings.Contains(err.Error(), "deadline") {
		t.Errorf("message %q does not mention the deadline", err)
	}
}
