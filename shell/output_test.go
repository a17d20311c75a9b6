package shell_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/shell"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// goldenQuery is the result set every output mode prints in TestModes:
// Chinese cells, ambiguous-width quotes, NULLs, integers, a REAL, a negative
// number, a cell with a comma, quotes and a line break, and a cell too wide
// for table mode.
const goldenQuery = `WITH t(id, raw, value, unit, note) AS (VALUES
  (1, '34.79亿元', 3479000000, '元', NULL),
  (2, '“十四五”期间', 2.5, '%', 'say "hi", ok'),
  (3, NULL, NULL, NULL, '一行' || char(10) || '两行'),
  (4, '全区458家二级及以上医疗机构共开展便民服务措施7069项,受益人数达1.25亿人次,减免患者费用约1.68亿元', -7, '个', '')
) SELECT * FROM t;`

// openShell returns a shell on the embedded database writing to out and errOut.
func openShell(t *testing.T, out, errOut *bytes.Buffer) *shell.Shell {
	t.Helper()
	h, err := db.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	sh := shell.New(h, strings.NewReader(""), out, errOut)
	sh.ConfigDir = t.TempDir()
	t.Cleanup(func() { sh.Close() })
	return sh
}

// golden compares got with testdata/name.golden, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./shell -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (-want +got); rerun with -update if the change is intended:\n-%s\n+%s", path, want, got)
	}
}

func TestModes(t *testing.T) {
	for _, mode := range []string{"table", "box", "markdown", "csv", "tsv", "json", "jsonl", "line", "list"} {
		t.Run(mode, func(t *testing.T) {
			var out, errOut bytes.Buffer
			sh := openShell(t, &out, &errOut)
			ctx := context.Background()
			for _, cmd := range []string{".mode " + mode, ".headers on", ".nullvalue NULL", goldenQuery} {
				if err := sh.Exec(ctx, cmd); err != nil {
					t.Fatalf("%s: %v", cmd, err)
				}
			}
			if errOut.Len() > 0 {
				t.Errorf("stderr: %s", errOut.String())
			}
			golden(t, "mode-"+mode, out.Bytes())
		})
	}
}

func TestHeadersOff(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	ctx := context.Background()
	for _, cmd := range []string{".mode csv", ".headers off", "SELECT 1 AS a, '中' AS b"} {
		if err := sh.Exec(ctx, cmd); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := out.String(), "1,中\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTableWidths checks that every line of the table and box modes is
// equally wide on a terminal that draws Chinese two columns wide and the
// ambiguous-width quotes “ ” one column wide.
func TestTableWidths(t *testing.T) {
	cond := &runewidth.Condition{EastAsianWidth: false}
	for _, mode := range []string{"table", "box"} {
		t.Run(mode, func(t *testing.T) {
			var out, errOut bytes.Buffer
			sh := openShell(t, &out, &errOut)
			for _, cmd := range []string{".mode " + mode, goldenQuery} {
				if err := sh.Exec(context.Background(), cmd); err != nil {
					t.Fatal(err)
				}
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			want := cond.StringWidth(lines[0])
			for i, l := range lines {
				if got := cond.StringWidth(l); got != want {
					t.Errorf("line %d is %d columns wide, line 1 is %d:\n%s", i+1, got, want, out.String())
				}
			}
			if !strings.Contains(out.String(), "…") {
				t.Errorf("the long cell was not cut with an ellipsis:\n%s", out.String())
			}
		})
	}
}

// wideQuery is 30 rows of four 50-character cells: about 220 columns a line.
const wideQuery = `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 30)
SELECT x AS id, printf('%050d', x) AS a, printf('%.50c', '乙') AS b, printf('%050d', x * 7) AS c, printf('%050d', x * 9) AS d FROM n;`

// TestWideResult checks what a terminal 80 columns wide gets for a result
// twice as wide: the pager when there is one, line mode when paging is off.
func TestWideResult(t *testing.T) {
	for _, pagerWorks := range []bool{true, false} {
		var out, errOut bytes.Buffer
		sh := openShell(t, &out, &errOut)
		sh.TermSize = func() (int, int, bool) { return 60, 80, true }
		var paged []byte
		sh.Pager = func(b []byte) bool { paged = b; return pagerWorks }
		if err := sh.Exec(context.Background(), wideQuery); err != nil {
			t.Fatal(err)
		}
		switch {
		case pagerWorks && (len(paged) == 0 || out.Len() != 0):
			t.Errorf("with a pager: %d bytes paged, %d printed; want all paged", len(paged), out.Len())
		case !pagerWorks && !strings.Contains(out.String(), "\nid = 30\n"):
			t.Errorf("without a pager the wide result is not in line mode:\n%.300s", out.String())
		}
	}

	// A narrow result that fits is neither paged nor changed.
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	sh.TermSize = func() (int, int, bool) { return 60, 80, true }
	sh.Pager = func([]byte) bool { t.Error("a result that fits went to the pager"); return true }
	if err := sh.Exec(context.Background(), "SELECT 1 AS one"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "| one |") {
		t.Errorf("got %q", out.String())
	}
}

// TestWidth checks that .width caps cells in the table mode with an
// ellipsis, and that .width off shows them whole.
func TestWidth(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	ctx := context.Background()
	q := "SELECT '广西壮族自治区人民政府办公厅' AS issuer, 'abcdefghijklmnopqrstuvwxyz' AS latin"
	for _, c := range []string{".width 10", q} {
		if err := sh.Exec(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if got := out.String(); !strings.Contains(got, "| 广西壮族… | abcdefghi… |") {
		t.Errorf(".width 10:\n%s", got)
	}
	out.Reset()
	for _, c := range []string{".width off", q, ".width"} {
		if err := sh.Exec(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if got := out.String(); !strings.Contains(got, "广西壮族自治区人民政府办公厅 | abcdefghijklmnopqrstuvwxyz") || !strings.Contains(got, "(.width off)") {
		t.Errorf(".width off:\n%s", got)
	}
	for _, bad := range []string{".width 2", ".width wide", ".width 1 2"} {
		if err := sh.Exec(ctx, bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
