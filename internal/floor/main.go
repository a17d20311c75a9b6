// Command floor is the start-up floor that mediq's one-shot path is measured
// against: the smallest Go program that opens mediq's embedded database with
// modernc.org/sqlite and answers one query. scripts/bench-oneshot.sh times
// `mediq "SELECT count(*) FROM figures"` against `floor "SELECT count(*)
// FROM figures"` in paired cold runs.
//
// It imports package db only for the embedded snapshot and db.Open (the VFS
// over the embedded bytes and the check that it is a mediq database), which
// any program embedding the data pays too; everything else mediq adds (flags,
// the shell, output modes) is what the comparison measures.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mediq/mediq/db"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, `usage: floor "SQL returning one value"`)
		os.Exit(2)
	}
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	var v any
	err = h.QueryRowContext(ctx, os.Args[1]).Scan(&v)
	h.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Println(v)
}
