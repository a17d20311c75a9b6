package db_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/mediq/mediq/db"
)

// Open the embedded database and ask for money figures with where they come
// from.
func ExampleQueries_Figures() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	figs, err := db.New(h).Figures(ctx, db.Filter{Unit: "元", Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range figs {
		fmt.Printf("%s %s %q = %.0f %s (%s)\n", f.IssueDate, f.Qualifier, f.Raw, f.Value, f.Unit, f.Issuer)
	}
	// Output:
	// 2021-01-26 gte "不低于550元" = 550 元 (山东省医疗保障局)
	// 2021-01-26 gte "不低于580元" = 580 元 (山东省医疗保障局)
	// 2022-01-25 exact "65 元" = 65 元 (广西壮族自治区人民政府办公厅)
}

func ExampleQueries_Sources() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	srcs, err := db.New(h).Sources(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range srcs {
		fmt.Println(s.File, s.PageDate, s.Chars, s.SHA256[:12])
	}
	// Output:
	// 000_06eea8c11720e39c.txt 2025-11-15 7377 0d28dd47d0f9
	// 001_932ef7d88d8c5276.txt 2019-06-27 6079 46e48ad07400
	// 002_afc835543a87b60d.txt 2022-01-27 13598 5c148ad5aad8
	// 003_c26bc6e68afd92b9.txt 2021-01-26 4151 08f4b524a281
	// 004_4f238c8fcfdcff8b.txt 2024-09-03 12269 abc34aa579ef
}

func ExampleQueries_Documents() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	docs, err := db.New(h).Documents(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		fmt.Println(d.IssueDate, d.Kind, d.Figures, d.Title)
	}
	// Output:
	// 2019-06-26 news 29 国家卫健委开会:各医改试点都有哪些典型做法
	// 2021-01-26 press_conference 28 答记者问丨山东118个县(市、区)组建388个医共体,医共体数量居全国第一
	// 2022-01-25 plan 55 广西医疗保障“十四五”规划
	// 2022-05-04 notice 14 深化医药卫生体制改革2022年重点工作任务
	// 2023-10-18 notice 10 广西深化医药卫生体制改革近期重点工作任务
	// 2025-11-14 press_conference 76 广西医疗医保医药协同发展和治理新闻发布会
}

func ExampleQueries_Presets() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	presets, err := db.New(h).Presets(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range presets {
		if p.Name != "document" && p.Name != "keyword" {
			continue
		}
		fmt.Printf("%s: %s\n", p.Name, p.TitleEn)
		for _, par := range p.Params {
			fmt.Printf("  :%s (default %s) %s\n", par.Name, par.Default, par.Description)
		}
	}
	// Output:
	// document: Figures of one document in text order
	//   :document (default 1) document id (see the documents preset)
	// keyword: Figures about a keyword across documents
	//   :keyword (default 集中带量采购) word or phrase to look for in sentences, e.g. 门诊特殊慢性病, DRG, 抽检
}

// Run a preset with its parameter given by position (sql.Named works too);
// parameters left out take their defaults.
func ExampleQueries_RunPreset() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	res, err := db.New(h).RunPreset(ctx, "document", 4)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Join(res.Columns[:3], " | "))
	for _, row := range res.Rows[:3] {
		fmt.Printf("%v | %v | %v\n", row[0], row[1], row[2])
	}
	// Output:
	// id | raw | value
	// 161 | 118个 | 118
	// 162 | 388个 | 388
	// 163 | 第一 | 1
}

// A handle opened with Safe refuses what could touch the machine and says why.
func ExampleSafe() {
	ctx := context.Background()
	h, err := db.Open(ctx, db.Safe())
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	var n int
	if err := h.QueryRowContext(ctx, "SELECT count(*) FROM sources").Scan(&n); err != nil {
		log.Fatal(err)
	}
	fmt.Println("sources:", n)

	_, err = h.ExecContext(ctx, "ATTACH 'x.db' AS x")
	fmt.Println(err)
	_, err = h.ExecContext(ctx, "VACUUM INTO 'copy.db'")
	fmt.Println(err)
	// Output:
	// sources: 5
	// safe mode: ATTACH 'x.db' denied: attaching opens or creates a database file; a safe handle reads only mediq's own data
	// safe mode: VACUUM INTO 'copy.db' denied: it writes a copy of the database to a file; use db.WriteFile or `mediq export` instead
}

// Verify re-checks the data against itself; a tampered copy fails.
func ExampleVerify() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	r, err := db.Verify(ctx, h)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.OK(), r.Integrity, r.Sources, "sources")
	// Output: true ok 5 sources
}

// Search finds sentences through the full-text index, Chinese terms included.
func ExampleQueries_Search() {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer h.Close()

	hits, err := db.New(h).Search(ctx, "集中带量采购")
	if err != nil {
		log.Fatal(err)
	}
	all := true
	for _, s := range hits {
		all = all && strings.Contains(s.Text, "集中带量采购")
	}
	fmt.Println(len(hits) > 0, all)
	// Output: true true
}
