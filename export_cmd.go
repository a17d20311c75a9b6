package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/mediq/mediq/datapackage"
	"github.com/mediq/mediq/internal/plural"
)

const exportUsage = `usage: mediq export --datapackage DIR [--bom] [-db FILE]

Writes every table of the database as a CSV file (UTF-8) into DIR, with a
datapackage.json describing them as a Frictionless Data Package (v2): each
column's type and description, the sources with their SHA-256 hashes, the
licence and the data version. DIR must not exist or be empty; the package is
built beside it and moved into place whole.

Options:
`

// runExport is `mediq export`.
func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mediq export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, exportUsage)
		fs.PrintDefaults()
	}
	dir := fs.String("datapackage", "", "write a data package into the new or empty directory `DIR`")
	bom := fs.Bool("bom", false, "start each CSV file with a UTF-8 byte order mark, for Excel")
	dbFile := fs.String("db", "", "export the mediq database `FILE` instead of the embedded one")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mediq export: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if *dir == "" {
		fmt.Fprintln(stderr, "mediq export: name the target directory with --datapackage DIR")
		fs.Usage()
		return exitUsage
	}
	if *dbFile != "" {
		if err := checkDBFile(*dbFile); err != nil {
			fmt.Fprintf(stderr, "mediq export: %v\n", err)
			return exitError
		}
	}
	h, err := openDB(ctx, *dbFile)
	if err != nil {
		fmt.Fprintf(stderr, "mediq export: %v\n", err)
		return exitError
	}
	defer h.Close()
	pkg, err := datapackage.Write(ctx, h, *dir, datapackage.Options{BOM: *bom})
	if err != nil {
		fmt.Fprintf(stderr, "mediq %v\n", err)
		return exitError
	}
	rows := 0
	for _, r := range pkg.Resources {
		rows += r.Rows
	}
	fmt.Fprintf(stdout, "wrote %s (%s) and %s to %s, data version %s\n",
		plural.Count(len(pkg.Resources), "table", "tables"), plural.Count(rows, "row", "rows"),
		datapackage.DescriptorFile, *dir, pkg.Version)
	return exitOK
}

// refuseSafe is the answer of a subcommand that writes files (export,
// build) when -safe comes before it: -safe promises that nothing is written.
func refuseSafe(sub string, stderr io.Writer) int {
	fmt.Fprintf(stderr, "mediq %s: refused under -safe, which writes no file; run mediq %s without -safe\n", sub, sub)
	return exitUsage
}
