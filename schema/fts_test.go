package schema_test

import (
	"strings"
	"testing"

	"github.com/mediq/mediq/schema"
)

func TestFTSTerms(t *testing.T) {
	tests := []struct{ in, terms, query string }{
		{"集采药品", "集 采 药 品", `"集 采 药 品"`},
		{"集采", "集 采", `"集 采"`},
		{"采", "采", `"采"`},
		{"按DRG付费", "按 drg 付 费", `"按 drg 付 费"`},
		{"截至2025年9月底，全区", "截 至 2025 年 9 月 底 全 区", `"截 至 2025 年 9 月 底 全 区"`},
		{"“三医”协同", "三 医 协 同", `"三 医 协 同"`},
		{"  ，。", "", ""},
	}
	for _, tt := range tests {
		if got := schema.FTSTerms(tt.in); got != tt.terms {
			t.Errorf("FTSTerms(%q) = %q, want %q", tt.in, got, tt.terms)
		}
		if got := schema.FTSQuery(tt.in); got != tt.query {
			t.Errorf("FTSQuery(%q) = %q, want %q", tt.in, got, tt.query)
		}
	}
}

func TestSplitIndexes(t *testing.T) {
	tables, indexes := schema.SplitIndexes()
	if strings.Contains(tables, "CREATE INDEX") {
		t.Error("tables part holds a CREATE INDEX")
	}
	if got := strings.Count(indexes, "CREATE INDEX"); got != strings.Count(schema.SQL, "CREATE INDEX") || got == 0 {
		t.Errorf("indexes part holds %d CREATE INDEX statements", got)
	}
	if len(tables)+len(indexes) != len(schema.SQL) {
		t.Error("the two parts do not add up to the schema")
	}
}
