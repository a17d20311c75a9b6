package plural_test

import (
	"testing"

	"github.com/mediq/mediq/internal/plural"
)

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "0 rows"}, {1, "1 row"}, {2, "2 rows"}, {-1, "-1 rows"}, {1000, "1000 rows"}}
	for _, tt := range tests {
		if got := plural.Count(tt.n, "row", "rows"); got != tt.want {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
