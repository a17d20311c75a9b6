package db_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/internal/childtest"
)

const endless = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c) "

// boundCases are statements that would take minutes or gigabytes without
// the bounds of a Safe handle, with the start of the error each must end in.
var boundCases = map[string]struct{ sql, want string }{
	"cte-chain":     {childtest.CTEChain(24), "safe mode: SQLite's memory reached 128 MB: "},
	"printf-bomb":   {endless + "SELECT printf('%.*c', 1000000, 'x') FROM c", "safe mode: statement stopped after returning 64 MB: "},
	"zeroblob-rows": {endless + "SELECT zeroblob(1000000) FROM c", "safe mode: statement stopped after returning 64 MB: "},
	"cartesian":     {"SELECT count(*) FROM figures a, figures b, figures c, figures d", "safe mode: statement stopped after 50 million steps: "},
}

// boundEnv names the case TestSafeBoundChild runs, in a child process.
const boundEnv = "MEDIQ_TEST_BOUND_CASE"

// TestSafeBoundChild runs one of boundCases on a Safe handle of the
// embedded database and prints its error; TestSafeBounds runs it in a
// process of its own to measure the memory it takes.
func TestSafeBoundChild(t *testing.T) {
	name := os.Getenv(boundEnv)
	if name == "" {
		t.Skip("run by TestSafeBounds")
	}
	ctx := context.Background()
	h, err := db.Open(ctx, db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	err = drain(ctx, h, boundCases[name].sql)
	fmt.Printf("error: %v\n", err)
}

// TestSafeBounds runs each of boundCases in a child process: each must end
// within 5 seconds with an error naming the bound it reached, the process
// holding less than 512 MB at its peak.
func TestSafeBounds(t *testing.T) {
	if os.Getenv(boundEnv) != "" {
		t.Skip("in the child")
	}
	for name, tc := range boundCases {
		t.Run(name, func(t *testing.T) {
			out, u := childtest.Run(t, "TestSafeBoundChild", boundEnv, name)
			if !strings.Contains(out, "error: "+tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			u.Within(t, 5*time.Second, 512<<20)
		})
	}
}

// TestTempInMemory runs statements that need temporary storage on the
// embedded database, which has no directory for temporary files: plain and
// safe handles keep it in memory.
func TestTempInMemory(t *testing.T) {
	ctx := context.Background()
	const c = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c LIMIT %d) "
	tests := []struct {
		name, sql string
		want      int64
	}{
		{"count distinct 200k", fmt.Sprintf(c, 200_000) + "SELECT count(DISTINCT i) FROM c", 200_000},
		{"sort 300k", fmt.Sprintf(c, 300_000) + "SELECT i FROM (SELECT i FROM c ORDER BY -i LIMIT 300000) LIMIT 1", 300_000},
		{"window 100k", fmt.Sprintf(c, 100_000) + "SELECT max(s) FROM (SELECT sum(i) OVER (ORDER BY -i) AS s FROM c)", 100_000 * 100_001 / 2},
	}
	file := filepath.Join(t.TempDir(), "copy.db")
	if err := db.WriteFile(file); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		safe bool
		file string
	}{{"embedded", false, ""}, {"embedded safe", true, ""}, {"file safe", true, file}} {
		var opts []db.Option
		if c.safe {
			opts = append(opts, db.Safe())
		}
		h, err := db.Open(ctx, opts...)
		if c.file != "" {
			h, err = db.OpenFile(ctx, c.file, opts...)
		}
		if err != nil {
			t.Fatal(err)
		}
		label := c.name
		defer h.Close()
		var store int
		if err := h.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&store); err != nil || store != 2 {
			t.Errorf("%s: PRAGMA temp_store = %d, %v; want 2 (MEMORY): no temporary files", label, store, err)
		}
		for _, tt := range tests {
			t.Run(tt.name+" "+label, func(t *testing.T) {
				var got int64
				if err := h.QueryRowContext(ctx, tt.sql).Scan(&got); err != nil || got != tt.want {
					t.Errorf("got %d, %v; want %d", got, err, tt.want)
				}
			})
		}
	}
}

// TestSafeMessages pins the errors of the smaller bounds: the SQL length, a
// compiled program too large, VACUUM of the temporary schema.
func TestSafeMessages(t *testing.T) {
	ctx := context.Background()
	h, err := db.Open(ctx, db.SafeLimits(db.Limits{MaxOps: 2000}))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	tests := []struct {
		name, sql string
		kind      error
		want      string
	}{
		{"sql length", "SELECT '" + strings.Repeat("x", 170_000) + "'", db.ErrLimit,
			"SQL text of 170009 bytes is longer than 100000 bytes: that is the length limit for the SQL of one call on a safe handle; split it into several statements, or bind long values as parameters"},
		{"compiled size", childtest.CTEChain(12), db.ErrLimit,
			"statement compiles to more than 2000 instructions: that is the size limit for one compiled statement on a safe handle; a WITH clause that uses the one before it twice doubles the program at each step: write fewer or simpler clauses"},
		{"vacuum temp into", "VACUUM temp INTO 'x.db'", db.ErrDenied,
			"VACUUM temp denied: VACUUM rewrites or copies a database, and on the temporary schema it does nothing at all; " + readOnly},
		{"vacuum temp after a select", "SELECT 1; /* ; */ vacuum \"TEMP\"", db.ErrDenied,
			"VACUUM temp denied: VACUUM rewrites or copies a database, and on the temporary schema it does nothing at all; " + readOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.ExecContext(ctx, tt.sql)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want an error wrapping %v", err, tt.kind)
			}
			if got, want := err.Error(), "safe mode: "+tt.want; got != want {
				t.Errorf("\n got %s\nwant %s", got, want)
			}
		})
	}
	// A string holding "; VACUUM temp" is no statement of its own.
	if err := drain(ctx, h, "SELECT '; VACUUM temp'"); err != nil {
		t.Errorf("quoted VACUUM: %v", err)
	}
}
