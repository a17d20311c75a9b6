package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/internal/rederive"
	"github.com/mediq/mediq/sources"
)

const verifyUsage = `usage: mediq verify [-db FILE] [-sources DIR]

Checks that the database is what it says it is, and exits 0 when every check
passes, 1 when one fails, naming the table, row and column of each problem:

  - the schema version and SQLite's integrity_check;
  - every source text against its recorded SHA-256 and length, and
    meta.data_version against the recorded hashes of the source files;
  - every figure's raw text against the source text at its offsets;
  - every table, row by row, against a database derived again from the
    stored source texts with the manifest entries and indicator catalogue
    the database records (written to a temporary directory, then removed);
  - each source file's bytes against its recorded SHA-256, where the files
    are at hand: the embedded sources for the embedded database, the files
    in -sources DIR for another.

Under -safe the database is not derived again, as that writes a temporary
file.

Options:
`

// runVerify is `mediq verify`.
func runVerify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mediq verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, verifyUsage)
		fs.PrintDefaults()
	}
	dbFile := fs.String("db", "", "verify the mediq database `FILE` instead of the embedded one")
	srcDir := fs.String("sources", "", "check the recorded hashes against the source files in `DIR`")
	safe := fs.Bool("safe", false, "write no file: skip deriving the database again")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mediq verify: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	h, err := openDB(ctx, *dbFile)
	if err != nil {
		fmt.Fprintf(stderr, "mediq verify: %v\n", err)
		return exitError
	}
	defer h.Close()
	r, err := db.Verify(ctx, h)
	if r == nil {
		fmt.Fprintf(stderr, "mediq %v\n", err)
		return exitError
	}
	if err := verifyMore(ctx, h, r, *dbFile, *srcDir, *safe); err != nil {
		fmt.Fprint(stdout, r)
		fmt.Fprintf(stderr, "mediq verify: %v\n", err)
		return exitError
	}
	fmt.Fprint(stdout, r)
	if err := r.Err(); err != nil {
		fmt.Fprintf(stderr, "mediq %v\n", err)
		return exitError
	}
	return exitOK
}

// verifyMore adds to r the checks that need more than the database: the
// source files' bytes and the database derived again.
func verifyMore(ctx context.Context, h *sql.DB, r *db.Report, dbFile, srcDir string, safe bool) error {
	switch {
	case srcDir != "":
		root, err := os.OpenRoot(srcDir)
		if err != nil {
			return err
		}
		defer root.Close()
		if err := checkFiles(ctx, h, root.FS(), srcDir, r); err != nil {
			return err
		}
	case dbFile == "":
		if err := checkFiles(ctx, h, sources.FS(), "the embedded sources", r); err != nil {
			return err
		}
		if r.DataVersion != db.Version {
			r.Add(db.Problem{Check: "version", Table: "meta", Row: "key=data_version", Column: "value",
				Msg: fmt.Sprintf("the embedded database records %q, this mediq was generated for %q", r.DataVersion, db.Version)})
		}
	}
	switch {
	case safe:
		r.Derived = "-safe writes no file, and deriving the database again writes a temporary one"
	case r.SchemaVersion != db.SchemaVersion:
		r.Derived = fmt.Sprintf("schema version %d: this mediq derives schema version %d; rebuild the database with it", r.SchemaVersion, db.SchemaVersion)
	default:
		return rederive.Check(ctx, h, "", r)
	}
	return nil
}

// checkFiles hashes each source file found in fsys (named where in
// messages) and compares the hash with sources.sha256.
func checkFiles(ctx context.Context, h *sql.DB, fsys fs.FS, where string, r *db.Report) error {
	rows, err := h.QueryContext(ctx, "SELECT id, file, sha256 FROM sources ORDER BY id")
	if err != nil {
		return fmt.Errorf("read sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var file, want string
		if err := rows.Scan(&id, &file, &want); err != nil {
			return fmt.Errorf("read sources: %w", err)
		}
		p := db.Problem{Check: "file", Table: "sources", Row: fmt.Sprintf("id=%d", id), Column: "sha256"}
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			p.Msg = fmt.Sprintf("%s: cannot read it in %s: %v", file, where, err)
			r.Add(p)
			continue
		}
		r.Files++
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			p.Msg = fmt.Sprintf("%s in %s has SHA-256 %s…, recorded %s…", file, where, got[:16], want[:min(16, len(want))])
			r.Add(p)
		}
	}
	return rows.Err()
}

// openDB opens path read-only, or the embedded database when path is empty.
func openDB(ctx context.Context, path string) (*sql.DB, error) {
	if path == "" {
		return db.Open(ctx)
	}
	return db.OpenFile(ctx, path)
}
