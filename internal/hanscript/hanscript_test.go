package hanscript

import (
	"os"
	"strings"
	"testing"
)

func TestSimplified(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"醫療衛生機構總數", "医疗卫生机构总数"},
		{"執業(助理)醫師", "执业(助理)医师"},
		{"計劃生育技術服務機構", "计划生育技术服务机构"},
		{"每千農業人口鄉鎮衛生院床位", "每千农业人口乡镇卫生院床位"},
		{"註冊護士", "注册护士"},
		// simplified text, and words whose characters are simplified
		// already, stay as they are
		{"医疗卫生机构", "医疗卫生机构"},
		{"显著", "显著"},
		{"干部", "干部"},
		{"皇后", "皇后"},
		{"Population (person)", "Population (person)"},
		{"", ""},
	} {
		if got := Simplified(tt.in); got != tt.want {
			t.Errorf("Simplified(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTraditional(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"全省醫療衛生機構總數34796個，比上年增加1543個。", true},
		{"全省医疗卫生机构总数34796个，比上年增加1543个。", false},
		{"乾隆年间的医疗卫生机构总数无从统计，今天全省医疗卫生机构总数达到34796个。", false},
		{"", false},
	} {
		if got := Traditional(tt.in); got != tt.want {
			t.Errorf("Traditional(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestIdentityNamesTheRequiredModule checks that the identity hashes the
// version of OpenCC's tables that go.mod requires.
func TestIdentityNamesTheRequiredModule(t *testing.T) {
	b, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	path, version, _ := strings.Cut(openccModule, "@")
	if !strings.Contains(string(b), path+" "+version+"\n") && !strings.Contains(string(b), path+" "+version+" ") {
		t.Errorf("go.mod does not require %s %s: update openccModule", path, version)
	}
}

func BenchmarkSimplifiedUnchanged(b *testing.B) {
	for b.Loop() {
		Simplified("基层医疗卫生机构诊疗量")
	}
}
