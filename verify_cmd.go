package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/mediq/mediq/db"
)

const verifyUsage = `usage: mediq verify [-db FILE]

Re-checks the database against itself: the schema version, SQLite's
integrity_check, every source text against its recorded SHA-256, and every
figure's raw text against the source text at its offsets. Prints a summary
and exits 0 when every check passes, 1 when one fails.

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
	if r != nil {
		fmt.Fprint(stdout, r)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mediq %v\n", err)
		return exitError
	}
	return exitOK
}

// openDB opens path read-only, or the embedded database when path is empty.
func openDB(ctx context.Context, path string) (*sql.DB, error) {
	if path == "" {
		return db.Open(ctx)
	}
	return db.OpenFile(ctx, path)
}
