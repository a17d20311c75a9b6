// Command mediq is an SQL shell on the figures of the healthcare-reform
// documents: every number in them with its unit, source, issuer and date.
//
//	mediq [options] [SQL or dot-command]...
//
// With SQL or dot-commands as arguments it runs them and exits; with standard
// input not a terminal it runs that as a script; otherwise it opens the
// interactive shell. It mirrors the sqlite3 command-line shell; run
// `mediq -help` for the options and `.help` in the shell for the commands.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
