package loader_test

import (
	"testing"

	"github.com/mediq/mediq/loader"
)

// TestParseChinese reads Chinese numerals the way running text writes them,
// in simplified and traditional characters.
func TestParseChinese(t *testing.T) {
	for _, tt := range []struct {
		in, want string
	}{
		{"十", "10"},
		{"二十一", "21"},
		{"三百零五", "305"},
		{"两万", "20000"},
		{"一万二千", "12000"},
		{"百", "100"},
		{"三点五", "3.5"},
		{"四點四", "4.4"},  // 點: the point in traditional characters
		{"廿二", "22"},    // 廿: twenty in one character
		{"一百卅二", "132"}, // 卅: thirty
		{"卌", "40"},
		{"廿二萬", "220000"},
		{"六萬六千", "66000"},
	} {
		got, err := loader.ParseChinese(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("ParseChinese(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"二〇二二", "十十", "三三", "点五", ""} {
		if got, err := loader.ParseChinese(in); err == nil {
			t.Errorf("ParseChinese(%q) = %q, want an error", in, got)
		}
	}
}
