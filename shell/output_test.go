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
