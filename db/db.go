// Package db is mediq's data as an embedded, read-only SQLite database: every
// figure found in the healthcare-reform documents of package sources, with its
// source, document, issuer, date and sentence.
//
// Importing db adds the database file to the binary (about 700 KB, see
// SnapshotSize) and the pure-Go SQLite driver modernc.org/sqlite. Open serves
// the embedded bytes directly through a read-only SQLite VFS: nothing is
// written to disk, no loader runs at start-up, and no caller can change the
// package's data. Importing db also turns on SQLite's memory accounting
// (SQLITE_CONFIG_MEMSTATUS), before any connection opens, so that the memory
// limits of Open and Safe hold.
//
// On top of the *sql.DB that Open returns: New gives typed queries with
// provenance (Figures, Sources, Documents, Presets, RunPreset, Search);
// Safe makes a handle fit for SQL typed by anyone; Verify re-checks the
// data against itself; OpenFile opens a database built by `mediq build`.
//
// The snapshot is rebuilt from sources/ by `go generate ./db`; a test fails
// when it is stale.
package db

//go:generate go run gen.go

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"modernc.org/sqlite/vfs"

	"github.com/mediq/mediq/internal/atomicfile"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the name of the embedded database file.
const FileName = "mediq.db"

//go:embed mediq.db
var snapshotFS embed.FS

var embeddedVFS = sync.OnceValues(func() (string, error) {
	name, _, err := vfs.New(snapshotFS)
	return name, err
})

// Option configures a handle returned by Open or OpenFile.
type Option func(*options)

// options collects the settings of Option values.
type options struct {
	// safe makes the handle safe for SQL typed by anyone (see Safe).
	safe bool
	// limits bound each statement on a safe handle (see SafeLimits).
	limits Limits
}

func collect(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// Open returns a handle on the embedded database. The handle is read-only:
// any statement that writes fails with SQLITE_READONLY. Close it when done.
//
// Every handle of Open and OpenFile keeps SQLite's temporary storage (large
// sorts, DISTINCT, window functions, temporary tables) in memory: the
// embedded database lives in no directory where temporary files could go,
// and no handle leaves files in $TMPDIR. SQLite's memory as a whole is held
// to MemoryBudget (a Safe handle's Limits.MaxMemory when lower).
func Open(ctx context.Context, opts ...Option) (*sql.DB, error) {
	name, err := embeddedVFS()
	if err != nil {
		return nil, fmt.Errorf("register embedded database: %w", err)
	}
	return open(ctx, "file:"+FileName+"?vfs="+name+"&mode=ro&"+tempInMemory, collect(opts))
}

// tempInMemory is the DSN parameter that keeps a connection's temporary
// storage in memory (PRAGMA temp_store = MEMORY).
const tempInMemory = "_pragma=temp_store(memory)"

// MemoryBudget is the most memory SQLite may hold in a process that opened a
// handle with Open or OpenFile; see Open. SQLite's limit is one for the whole
// process and is only ever lowered.
const MemoryBudget = 1 << 30

// OpenFile returns a read-only handle on a mediq database file, such as one
// written by WriteFile or built by the loader.
func OpenFile(ctx context.Context, path string, opts ...Option) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro&" + tempInMemory}
	return open(ctx, u.String(), collect(opts))
}

func open(ctx context.Context, dsn string, o options) (*sql.DB, error) {
	var h *sql.DB
	var err error
	lowerHeapLimit(MemoryBudget)
	if o.safe {
		h, err = openSafe(dsn, o.limits)
	} else {
		h, err = sql.Open("sqlite", dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	var v int
	if err := h.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		h.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if v == 0 {
		h.Close()
		return nil, errors.New("open database: not a mediq database (user_version is 0)")
	}
	return h, nil
}

// Snapshot returns a copy of the embedded database file's bytes.
func Snapshot() []byte {
	b, err := snapshotFS.ReadFile(FileName)
	if err != nil {
		panic("db: embedded snapshot missing: " + err.Error()) // cannot happen: it is embedded
	}
	return b
}

// SnapshotSize is the size in bytes of the embedded database file.
func SnapshotSize() int { return len(Snapshot()) }

// WriteTo writes the embedded database file to w.
func WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(Snapshot())
	return int64(n), err
}

// WriteFile writes the embedded database to path, a file that sqlite3 and any
// other SQLite tool opens. It writes a temporary file in the same directory
// and renames it into place, so path is never left half-written.
func WriteFile(path string) error {
	return atomicfile.WriteFile(path, Snapshot(), 0o644)
}
