package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/mattn/go-isatty"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/shell"
)

const usageText = `usage: mediq [options] [SQL or dot-command]...
       mediq verify [-db FILE]
       mediq export [options]
       mediq build [-o FILE] DIR

Runs SQL on the embedded mediq database (or on -db FILE). With SQL or
dot-commands as arguments it runs them in order and exits; otherwise it reads
standard input as a script when that is not a terminal, or opens the
interactive shell. Enter .help in the shell for its commands, and
mediq verify -help, mediq export -help or mediq build -help for those.

Examples:
  mediq -csv "SELECT raw, value, unit FROM figures LIMIT 3"
  mediq -header ".preset keyword DRG"
  mediq < script.sql
  mediq ".backup mediq.db"

Options:
`

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // a statement or command failed
	exitUsage = 2 // bad command line
)

// run is the mediq command: it parses args, opens the database and runs the
// shell, returning the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return runVerify(ctx, args[1:], stdin, stdout, stderr)
		case "export":
			return runExport(ctx, args[1:], stdin, stdout, stderr)
		case "build":
			return runBuild(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("mediq", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fs.PrintDefaults()
	}
	var (
		mode     string
		modeFlag = func(name, m, help string) {
			fs.BoolFunc(name, help, func(string) error { mode = m; return nil })
		}
		header   = fs.Bool("header", false, "show column names")
		noheader = fs.Bool("noheader", false, "hide column names")
		dbFile   = fs.String("db", "", "use the mediq database `FILE` instead of the embedded one")
		bail     = fs.Bool("bail", false, "stop at the first error")
		null     = fs.String("nullvalue", "", "show NULL as `TEXT`")
		safe     = fs.Bool("safe", false, "for SQL typed by anyone: refuse writes, ATTACH, VACUUM, most PRAGMAs, the dot-commands and subcommands that touch files, and keep no history; bound each statement's time, work, rows, bytes, string sizes and memory")
		version  = fs.Bool("version", false, "print the data version and exit")
	)
	modeFlag("box", "box", "set output mode to box")
	modeFlag("csv", "csv", "set output mode to csv")
	modeFlag("json", "json", "set output mode to json")
	modeFlag("jsonl", "jsonl", "set output mode to jsonl (one JSON object per line)")
	modeFlag("line", "line", "set output mode to line")
	modeFlag("list", "list", "set output mode to list (values separated by |)")
	modeFlag("markdown", "markdown", "set output mode to markdown")
	modeFlag("table", "table", "set output mode to table")
	modeFlag("tabs", "tsv", "set output mode to tsv")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *version {
		fmt.Fprintf(stdout, "mediq %s\n", db.Version)
		return exitOK
	}
	// mediq -db COPY verify, mediq -db FILE export …: the subcommand after
	// the options, on the database they name. Under -safe the subcommands
	// that write files refuse.
	if *dbFile != "" && fs.Arg(0) != "build" {
		if err := checkDBFile(*dbFile); err != nil {
			fmt.Fprintf(stderr, "mediq: %v\n", err)
			return exitError
		}
	}
	if sub := fs.Arg(0); sub == "verify" || sub == "export" || sub == "build" {
		if *safe && sub != "verify" {
			return refuseSafe(sub, stderr)
		}
		if sub == "build" {
			return runBuild(ctx, fs.Args()[1:], stdin, stdout, stderr)
		}
		rest := fs.Args()[1:]
		if *dbFile != "" {
			rest = append([]string{"-db", *dbFile}, rest...)
		}
		if *safe {
			rest = append([]string{"-safe"}, rest...)
		}
		if sub == "verify" {
			return runVerify(ctx, rest, stdin, stdout, stderr)
		}
		return runExport(ctx, rest, stdin, stdout, stderr)
	}

	var opts []db.Option
	if *safe {
		opts = append(opts, db.Safe())
	}
	var (
		h   *sql.DB
		err error
	)
	if *dbFile != "" {
		h, err = db.OpenFile(ctx, *dbFile, opts...)
	} else {
		h, err = db.Open(ctx, opts...)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mediq: %v\n", err)
		return exitError
	}
	defer h.Close()

	sh := shell.New(h, stdin, stdout, stderr)
	defer sh.Close()
	sh.DBPath = *dbFile
	sh.Bail = *bail
	sh.Safe = *safe
	sh.Version = db.Version
	sh.Format.Null = *null
	if f, ok := stdout.(*os.File); ok && isTerminal(f) {
		sh.TermSize = shell.TerminalSize(f) // .chart fits the terminal
	}
	interactive := fs.NArg() == 0 && isTerminal(stdin)
	if !interactive && !isTerminal(stdout) {
		// Like sqlite3, plain values when the output goes to a program.
		sh.Format.Mode, sh.Format.Headers = "list", false
	}
	if mode != "" {
		sh.Format.Mode = mode
		if mode == "csv" || mode == "tsv" || mode == "list" {
			sh.Format.Headers = false
		} else {
			sh.Format.Headers = true
		}
	}
	if *header {
		sh.Format.Headers = true
	}
	if *noheader {
		sh.Format.Headers = false
	}

	switch {
	case fs.NArg() > 0:
		for _, a := range fs.Args() {
			if err := sh.Exec(ctx, a); err != nil {
				fmt.Fprintf(stderr, "Error: %v\n", err)
				return exitError
			}
		}
	case interactive:
		if err := sh.RunTerminal(ctx); err != nil {
			fmt.Fprintf(stderr, "mediq: %v\n", err)
			return exitError
		}
	default:
		if err := sh.RunScript(ctx, nil); err != nil {
			fmt.Fprintf(stderr, "mediq: %v\n", err)
			return exitError
		}
	}
	return exitOK
}

// checkDBFile says, in words a person can act on, why path cannot be the
// database file that -db names: missing, or a directory. (SQLite itself
// reports a directory as "disk I/O error".)
func checkDBFile(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("-db %s: no such file; give a database file written by mediq build -o FILE or .backup FILE", path)
	case err != nil:
		return fmt.Errorf("-db %s: %w", path, err)
	case fi.IsDir():
		return fmt.Errorf("-db %s is a directory, not a database file; name a file written by mediq build -o FILE or .backup FILE (to build one from the documents in it: mediq build -o mediq.db %s)", path, path)
	}
	return nil
}

// isTerminal reports whether f is a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(file.Fd())
}
