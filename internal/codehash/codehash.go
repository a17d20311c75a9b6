// Package codehash hashes the files a package embeds of itself, so that a
// value derived from text (a parse key, a data version) can change whenever
// the code or data that derives it changes.
package codehash

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Of returns a hex SHA-256 over the names and contents of the files of fsys
// that match patterns (fs.Glob), test files (_test.go) aside, in name order,
// and the names it hashed. It panics on a malformed pattern: the patterns
// are constants of the caller.
func Of(fsys fs.FS, patterns ...string) (string, []string) {
	var names []string
	for _, p := range patterns {
		m, err := fs.Glob(fsys, p)
		if err != nil {
			panic(fmt.Sprintf("codehash: pattern %q: %v", p, err))
		}
		for _, n := range m {
			if !strings.HasSuffix(n, "_test.go") {
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			panic(fmt.Sprintf("codehash: %s: %v", n, err))
		}
		fmt.Fprintf(h, "%s %d\n", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), names
}
