package shell_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mediq/mediq/shell"
)

// BenchmarkSplitterLines feeds one statement of n lines to a Splitter line by
// line, as the shell does with a long pasted query. The time per line
// (ns/line) stays flat as n grows when splitting is linear in a statement's
// length; it grew with n while the splitter re-lexed its whole buffer on
// every line.
func BenchmarkSplitterLines(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		lines := make([]string, n)
		lines[0] = "SELECT id,"
		for i := 1; i < n-1; i++ {
			lines[i] = fmt.Sprintf("  raw || '第%d行; not the end' AS c%d, -- a comment; still not\n", i, i)
		}
		lines[n-1] = "  value FROM figures;"
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			for b.Loop() {
				var sp shell.Splitter
				var got []string
				for _, l := range lines {
					got = sp.Add(strings.TrimSuffix(l, "\n"))
				}
				if len(got) != 1 || sp.Pending() {
					b.Fatalf("got %d statements, pending %v; want 1 and false", len(got), sp.Pending())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
		})
	}
}
