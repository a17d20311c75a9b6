package regions_test

import (
	"fmt"

	"github.com/mediq/mediq/internal/regions"
)

func ExampleFind() {
	s := "国家医保局联合广西壮族自治区医保局在南宁、柳州和黔东南州开展试点，各位来宾出席。"
	for _, m := range regions.Find(s) {
		fmt.Printf("%d:%d %s → %s (%s)\n", m.Start, m.End, s[m.Start:m.End], m.Region.Tag(), m.Region.Level)
	}
	// Output:
	// 0:6 国家 → 全国 (country)
	// 21:42 广西壮族自治区 → 广西 (province)
	// 54:60 南宁 → 南宁市 (prefecture)
	// 63:69 柳州 → 柳州市 (prefecture)
	// 72:84 黔东南州 → 黔东南苗族侗族自治州 (prefecture)
}

func ExampleLookup() {
	for _, name := range []string{"江西省医疗保障局", "江西", "三亚", "吉林", "吉林市", "国务院"} {
		if r, ok := regions.Lookup(name); ok {
			fmt.Println(name, "→", r.Tag())
		} else {
			fmt.Println(name, "→ not a division")
		}
	}
	// Output:
	// 江西省医疗保障局 → not a division
	// 江西 → 江西
	// 三亚 → 三亚市
	// 吉林 → 吉林
	// 吉林市 → 吉林市
	// 国务院 → 全国
}
