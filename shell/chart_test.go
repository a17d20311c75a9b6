package shell_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/mediq/mediq/shell"
)

// chartShell returns a shell whose terminal is 80 columns wide.
func chartShell(t *testing.T, out, errOut *bytes.Buffer) *shell.Shell {
	t.Helper()
	sh := openShell(t, out, errOut)
	sh.TermSize = func() (int, int, bool) { return 24, 80, true }
	return sh
}

// runAll runs cmds on sh and returns what the last one printed.
func runAll(t *testing.T, sh *shell.Shell, out *bytes.Buffer, cmds ...string) []byte {
	t.Helper()
	for _, c := range cmds {
		out.Reset()
		if err := sh.Exec(context.Background(), c); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
	}
	return bytes.Clone(out.Bytes())
}

// Chart inputs as literal rows (taken from the database), so that the
// goldens do not change when the loader finds other figures.
const (
	// regionsQuery: a Chinese label and a count per row.
	regionsQuery = `WITH t(region, figures, unit) AS (VALUES ('广西', 141, '个'), ('山东', 28, '个'),
  ('全国', 17, '个'), ('陕西', 7, '个'), ('安康市', 1, '个'), ('DRG/DIP付费占住院费用（基金）比例', 70, '%'))
  SELECT * FROM t`
	// seriesQuery: the series preset's columns for vbp_drugs, fewer of them.
	seriesQuery = `WITH t(period, role, region, raw, value, unit, id) AS (VALUES
  ('2020', 'baseline', '广西', '126', 126, '个', 146),
  ('2022-05-04', 'target', '全国', '超过350个', 350, '个', 190),
  ('2023-12-31', 'target', '广西', '超过500个', 500, '个', 210),
  ('2025', 'target', '广西', '800', 800, '个', 147),
  ('2025-11-14', 'actual', '广西', '891种', 891, '种', 42),
  ('2025-11-14', 'change', '广西', '109种', 109, '种', 44)) SELECT * FROM t`
	// targetsQuery: targets and actuals as raw text, units differing by row.
	targetsQuery = `WITH t(indicator, target, latest_actual, target_id, actual_id) AS (VALUES
  ('医疗救助比例', '70%左右', '100%', 143, 9), ('集采药品品种数', '超过500个', '891种', 210, 42),
  ('基本医疗保险参保率', '>97%', NULL, 137, NULL)) SELECT * FROM t`
)

// TestChartGolden draws bars for Chinese labels and columns for a period
// series in an 80-column terminal, checks that no line is wider than the
// terminal, and compares with testdata/chart-*.golden.
func TestChartGolden(t *testing.T) {
	cond := &runewidth.Condition{EastAsianWidth: false}
	tests := []struct{ name, query string }{
		{"bars", regionsQuery},
		{"series", seriesQuery},
		{"targets", targetsQuery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			sh := chartShell(t, &out, &errOut)
			got := runAll(t, sh, &out, ".mode list", tt.query, ".chart")
			for i, l := range strings.Split(string(got), "\n") {
				if w := cond.StringWidth(l); w > 80 {
					t.Errorf("line %d is %d columns wide, wider than the terminal:\n%s", i+1, w, l)
				}
			}
			golden(t, "chart-"+tt.name, got)
		})
	}
}

// TestChartColumnsFallBack checks that a period series too wide for the
// terminal is drawn as bars rather than cut.
func TestChartColumnsFallBack(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	sh.TermSize = func() (int, int, bool) { return 24, 40, true }
	got := string(runAll(t, sh, &out, seriesQuery, ".chart"))
	if !strings.Contains(got, "2025-11-14 actual") || !strings.Contains(got, "█") {
		t.Errorf("not drawn as bars labelled with period and role:\n%s", got)
	}
}

// TestChartSVG writes the series chart as SVG, parses it as XML and counts
// one bar per row of the result.
func TestChartSVG(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := chartShell(t, &out, &errOut)
	rows := runAll(t, sh, &out, ".mode list", ".headers off", seriesQuery)
	nrows := strings.Count(string(rows), "\n")
	path := filepath.Join(t.TempDir(), "series.svg")
	runAll(t, sh, &out, ".chart --svg "+path)
	if !strings.Contains(errOut.String(), "Wrote the chart to "+path) {
		t.Errorf("no confirmation: %q", errOut.String())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	bars, root := 0, ""
	var texts strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = el.Name.Space + " " + el.Name.Local
			}
			for _, a := range el.Attr {
				if el.Name.Local == "rect" && a.Name.Local == "class" && a.Value == "bar" {
					bars++
				}
			}
		case xml.CharData:
			texts.Write(el)
		}
	}
	if root != "http://www.w3.org/2000/svg svg" {
		t.Errorf("root element %q, want svg in the SVG namespace", root)
	}
	if nrows != 6 || bars != nrows {
		t.Errorf("%d bars for %d rows; want one per row (6)", bars, nrows)
	}
	for _, want := range []string{"891种", "2025-11-14", "baseline"} {
		if !strings.Contains(texts.String(), want) {
			t.Errorf("the SVG's text lacks %q", want)
		}
	}

	// No silent overwrite; --force replaces.
	err = sh.Exec(context.Background(), ".chart --svg "+path)
	if err == nil || !strings.Contains(err.Error(), "add --force") {
		t.Errorf("writing over %s: got %v, want a refusal naming --force", path, err)
	}
	if err := sh.Exec(context.Background(), ".chart --svg "+path+" --force"); err != nil {
		t.Errorf("--force: %v", err)
	}
}

func TestChartErrors(t *testing.T) {
	tests := []struct {
		name string
		cmds []string
		want string
	}{
		{"no result yet", []string{".chart"}, "nothing to chart yet"},
		{"no rows", []string{"SELECT 1 AS a, 2 AS b WHERE 0", ".chart"}, "no rows"},
		{"one column", []string{"SELECT 1 AS a", ".chart"}, "one column"},
		{"no numbers", []string{"SELECT 'a' AS x, 'b' AS y", ".chart"}, "no column of numbers"},
		{"bad option", []string{"SELECT 'a', 1", ".chart --png x"}, "usage: .chart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			sh := openShell(t, &out, &errOut)
			var err error
			for _, c := range tt.cmds {
				err = sh.Exec(context.Background(), c)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestChartOfQuery checks that .chart SQL draws what running SQL and then
// .chart draws, without printing the rows, and that .chart PRESET ARG
// reports an argument that matches nothing.
func TestChartOfQuery(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := chartShell(t, &out, &errOut)
	twoSteps := runAll(t, sh, &out, seriesQuery, ".chart")
	oneStep := runAll(t, sh, &out, ".chart "+strings.ReplaceAll(seriesQuery, "\n", " "))
	if !bytes.Equal(oneStep, twoSteps) {
		t.Errorf(".chart SQL:\n%s\nwant what SQL then .chart draw:\n%s", oneStep, twoSteps)
	}
	err := sh.Exec(context.Background(), ".chart series no_such_key")
	if err == nil || !strings.Contains(err.Error(), "matches nothing") {
		t.Errorf(".chart series no_such_key: %v", err)
	}
}

// TestChartSVGEscapes checks that labels with XML's special characters and
// a control character still give well-formed XML that keeps the label.
func TestChartSVGEscapes(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := chartShell(t, &out, &errOut)
	path := filepath.Join(t.TempDir(), "esc.svg")
	runAll(t, sh, &out, `SELECT '<b>"R&D"</b> ''x''' || char(1) AS label, 3 AS n`, ".chart --svg "+path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var texts strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, b)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts.Write(cd)
		}
	}
	if !strings.Contains(texts.String(), `<b>"R&D"</b> 'x'`+"\uFFFD") {
		t.Errorf("the label did not survive escaping:\n%s", b)
	}
}
