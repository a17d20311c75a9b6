package shell_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/mediq/mediq/shell"
)

// manyRows has 2500 rows (more than the grid modes hold to measure their
// columns) whose cells are never wider than those of the first rows.
const manyRows = `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c LIMIT 2500)
SELECT i % 1000 AS n, printf('行%03d', i % 1000) AS label, CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 1000) * 0.5 END AS half FROM c`

// TestStreamSameAsWhole prints a result longer than the grid modes' window
// in every mode: streamed, it must read exactly as the whole result written
// at once by Format.Write.
func TestStreamSameAsWhole(t *testing.T) {
	for _, mode := range []string{"table", "box", "markdown", "csv", "tsv", "json", "jsonl", "line", "list"} {
		for _, headers := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s headers=%v", mode, headers), func(t *testing.T) {
				var out, errOut bytes.Buffer
				sh := openShell(t, &out, &errOut)
				sh.Format.Mode, sh.Format.Headers = mode, headers
				if err := sh.Exec(context.Background(), manyRows); err != nil {
					t.Fatal(err)
				}
				r := wholeResult(t, sh)
				var want bytes.Buffer
				if err := sh.Format.Write(&want, r); err != nil {
					t.Fatal(err)
				}
				if got := out.String(); got != want.String() {
					t.Errorf("streamed output differs from the whole result's:\n%s", firstDiff(want.String(), got))
				}
			})
		}
	}
}

// wholeResult reads manyRows into a Result.
func wholeResult(t *testing.T, sh *shell.Shell) *shell.Result {
	t.Helper()
	rows, err := sh.DB.Query(manyRows)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	r := &shell.Result{Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		r.Rows = append(r.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return r
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, w, g)
		}
	}
	return "(same lines)"
}

// TestStreamCutsLaterRows shows a row after the window that is wider than
// the window's columns: in the table mode it is cut to the column with an
// ellipsis, so the grid stays aligned.
func TestStreamCutsLaterRows(t *testing.T) {
	var out, errOut bytes.Buffer
	sh := openShell(t, &out, &errOut)
	sh.Format.Mode = "table"
	q := `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c LIMIT 1001)
SELECT CASE WHEN i = 1001 THEN '一二三四五六' ELSE 'ab' END AS w FROM c`
	if err := sh.Exec(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if got, want := lines[len(lines)-2], "| …  |"; got != want {
		t.Errorf("the wide row: got %q, want %q", got, want)
	}
	if got, want := lines[len(lines)-1], "+----+"; got != want {
		t.Errorf("last line: got %q, want %q", got, want)
	}
}

// bombEnv makes TestStreamBoundedChild run the printf bomb in a child
// process.
const bombEnv = "MEDIQ_TEST_STREAM_BOMB"

// TestStreamBoundedChild prints 400 rows of 1 MB each in the table mode, to
// a discarding writer, on a plain handle: the shell holds a bounded window,
// not the result.
func TestStreamBoundedChild(t *testing.T) {
	if os.Getenv(bombEnv) == "" {
		t.Skip("run by TestStreamBounded")
	}
	var errOut bytes.Buffer
	sh := openShell(t, nil, &errOut)
	sh.Out = devNull{}
	sh.Format.Mode = os.Getenv(bombEnv)
	err := sh.Exec(context.Background(), `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c LIMIT 400)
SELECT i, printf('%.*c', 1000000, 'x') AS big FROM c`)
	fmt.Println("error:", err)
}

type devNull struct{}

func (devNull) Write(b []byte) (int, error) { return len(b), nil }

// TestStreamBounded runs TestStreamBoundedChild in a child process per
// mode and checks its peak memory: 400 MB of rows in under 256 MB.
func TestStreamBounded(t *testing.T) {
	if os.Getenv(bombEnv) != "" {
		t.Skip("in the child")
	}
	for _, mode := range []string{"table", "json"} {
		t.Run(mode, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestStreamBoundedChild$", "-test.v")
			cmd.Env = append(os.Environ(), bombEnv+"="+mode)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "error: <nil>") {
				t.Fatalf("child: %v\n%s", err, out)
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
			if rss > 256<<20 {
				t.Errorf("peak memory %d MB for 400 MB of rows, want under 256 MB", rss>>20)
			}
			t.Logf("peak memory %d MB", rss>>20)
		})
	}
}

// TestTerminalSafeNoHistory runs the interactive shell with -safe: no
// history file is written (or read).
func TestTerminalSafeNoHistory(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(mediqBinary(t), "-safe")
	cmd.Env = homeDirs(home)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 60, Cols: 220})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var mu syncBuffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			mu.write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	waitOut := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(mu.string(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q in:\n%s", want, mu.string())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitOut("mediq> ")
	f.Write([]byte("SELECT 6 * 7 AS answer;\r"))
	waitOut("42")
	f.Write([]byte{4}) // Ctrl-D
	if err := cmd.Wait(); err != nil {
		t.Fatalf("mediq -safe: %v\n%s", err, mu.string())
	}
	var files []string
	filepath.Walk(home, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) > 0 {
		t.Errorf("mediq -safe wrote %v", files)
	}
}

// syncBuffer is a buffer written by one goroutine and read by another.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) write(p []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Write(p)
}

func (s *syncBuffer) string() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
