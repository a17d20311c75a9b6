package db

import (
	"strings"
	"testing"
)

// FuzzSplitStatements checks the splitter behind the refusal of VACUUM
// temp: it never panics, and its pieces joined with ";" give the input
// back, so no text is lost or invented between statements.
func FuzzSplitStatements(f *testing.F) {
	f.Add("VACUUM temp INTO 'x.db'")
	f.Add("SELECT 1; /* ; */ vacuum \"TEMP\"")
	f.Add("SELECT '; VACUUM temp' -- ;\n; SELECT [a;b], `c;d`")
	f.Add("SELECT 'unterminated")
	f.Add("/* open comment")
	f.Fuzz(func(t *testing.T, q string) {
		parts := splitStatements(q)
		if got := strings.Join(parts, ";"); got != q {
			t.Fatalf("split %q into %q, which joins to %q", q, parts, got)
		}
		for _, p := range parts {
			leadingWords(p, 2)
		}
		vacuumTemp(q)
	})
}
