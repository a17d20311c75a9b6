//go:build unix

package shell_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// These tests drive the real mediq binary through a pseudo-terminal: keys
// go in, the screen's bytes come out. Each wait is bounded by waitLimit so a
// broken shell fails the test instead of hanging it; no assertion depends on
// how long anything took.

const waitLimit = 20 * time.Second

var buildOnce struct {
	sync.Once
	bin string
	err error
}

// TestMain removes the binary the terminal tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if buildOnce.bin != "" {
		os.RemoveAll(filepath.Dir(buildOnce.bin))
	}
	os.Exit(code)
}

// mediqBinary builds the mediq command once for all the terminal tests.
func mediqBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the mediq binary; skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mediq-pty-")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.bin = filepath.Join(dir, "mediq")
		out, err := exec.Command("go", "build", "-o", buildOnce.bin, "..").CombinedOutput()
		if err != nil {
			buildOnce.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.bin
}

// screen is a running mediq on a pseudo-terminal.
type screen struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	mark int // waits look at output after this offset
	done chan error
}

// homeDirs returns an environment whose home, state and config directories
// are under dir, so history and presets stay inside the test.
func homeDirs(dir string) []string {
	return []string{
		"HOME=" + dir,
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"TERM=xterm",
		"PAGER=cat",
		"PATH=" + os.Getenv("PATH"),
	}
}

func startScreen(t *testing.T, home string, env ...string) *screen {
	t.Helper()
	return startScreenSize(t, home, &pty.Winsize{Rows: 60, Cols: 220}, env...)
}

// startScreenSize starts mediq on a terminal of the given size. An env
// entry "NAME" without "=" removes NAME from the environment.
func startScreenSize(t *testing.T, home string, size *pty.Winsize, env ...string) *screen {
	t.Helper()
	cmd := exec.Command(mediqBinary(t))
	for _, kv := range append(homeDirs(home), env...) {
		name, _, set := strings.Cut(kv, "=")
		cmd.Env = slices.DeleteFunc(cmd.Env, func(e string) bool { return strings.HasPrefix(e, name+"=") })
		if set {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	f, err := pty.StartWithSize(cmd, size)
	if err != nil {
		t.Fatal(err)
	}
	s := &screen{t: t, pty: f, cmd: cmd, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			s.mu.Lock()
			s.out.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		f.Close()
	})
	s.waitFor("mediq> ")
	return s
}

func (s *screen) send(keys string) {
	s.t.Helper()
	if _, err := s.pty.Write([]byte(keys)); err != nil {
		s.t.Fatalf("send %q: %v", keys, err)
	}
}

// waitFor waits until want appears in the output after the mark, and moves
// the mark past it.
func (s *screen) waitFor(want string) {
	s.t.Helper()
	s.waitUntil(want, nil)
}

// waitUntil is waitFor that calls poke every poll while waiting.
func (s *screen) waitUntil(want string, poke func()) {
	s.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		s.mu.Lock()
		seen := s.out.String()[s.mark:]
		s.mu.Unlock()
		if i := strings.Index(seen, want); i >= 0 {
			s.mark += i + len(want)
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %v for %q; the screen after the last match shows:\n%s", waitLimit, want, seen)
		}
		if poke != nil {
			poke()
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// exit sends Ctrl-D and waits for the shell to end with status 0.
func (s *screen) exit() {
	s.t.Helper()
	s.send("\x04")
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Errorf("mediq ended with %v after Ctrl-D", err)
		}
	case <-time.After(waitLimit):
		s.t.Fatalf("mediq did not exit on Ctrl-D")
	}
}

func TestTerminalMultiLine(t *testing.T) {
	s := startScreen(t, t.TempDir())
	s.send("SELECT '甲' ||\r")
	s.waitFor("...> ")
	s.send("  '乙' AS joined;\r")
	s.waitFor("甲乙")
	s.waitFor("mediq> ")
	s.exit()
}

func TestTerminalErrorThenGood(t *testing.T) {
	s := startScreen(t, t.TempDir())
	s.send("SELEC 1;\r")
	s.waitFor(`near "SELEC": syntax error`)
	s.waitFor("^--- error here")
	s.waitFor("mediq> ")
	s.send("SELECT 'ok' || 'ay' AS word;\r")
	s.waitFor("okay")
	s.exit()
}

func TestTerminalHistory(t *testing.T) {
	home := t.TempDir()
	s := startScreen(t, home)
	// A two-line entry is kept as one history line.
	s.send("SELECT 6 *\r")
	s.waitFor("...> ")
	s.send("7 AS answer;\r")
	s.waitFor("42")
	s.waitFor("mediq> ")
	s.exit()

	hist := filepath.Join(home, "state", "mediq", "history")
	fi, err := os.Stat(hist)
	if err != nil {
		t.Fatalf("no history file: %v", err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("history file mode %v, want 0600", mode)
	}
	b, _ := os.ReadFile(hist)
	if !strings.Contains(string(b), "SELECT 6 * 7 AS answer;") {
		t.Errorf("history file lacks the statement:\n%s", b)
	}

	// A second run recalls the whole entry with the up arrow.
	s = startScreen(t, home)
	s.send("\x1b[A\r")
	s.waitFor("42")
	s.exit()
}

func TestTerminalCompletion(t *testing.T) {
	s := startScreen(t, t.TempDir())
	// A dot-command, then a table name, each completed by Tab.
	s.send(".desc\t")
	s.waitFor(".describe")
	s.send(" sentenc\t\r")
	s.waitFor("speaker_id")
	s.waitFor("mediq> ")
	// An SQL keyword, completed in the case it was typed.
	s.send("sel\t")
	s.waitFor("select")
	s.send(" 6 * 7 AS v;\r")
	s.waitFor("42")
	s.exit()
}

func TestTerminalCancel(t *testing.T) {
	s := startScreen(t, t.TempDir())
	s.send("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;\r")
	// Ctrl-C reaches the query as SIGINT only once the line editor has
	// handed the terminal back, so keep pressing it until the query stops; a
	// press that lands at the prompt just clears the line.
	s.waitUntil("Query cancelled.", func() { s.send("\x03") })
	s.send("SELECT 'after' || 'cancel' AS still_here;\r")
	s.waitFor("aftercancel")
	s.exit()
}

func TestTerminalPreset(t *testing.T) {
	s := startScreen(t, t.TempDir())
	s.send(".preset speaker 吴华章 --sql\r")
	s.waitFor("-- :speaker = '吴华章'")
	s.send(".p speaker 吴华章\r")
	s.waitFor("广西壮族自治区医疗保障局")
	s.waitFor("mediq> ")
	s.send(".preset no-such-preset\r")
	s.waitFor("no preset named")
	s.exit()
}

// TestTerminalCtrlCClearsLine checks Ctrl-C at the prompt drops a
// half-typed multi-line statement and the shell carries on.
func TestTerminalCtrlCClearsLine(t *testing.T) {
	s := startScreen(t, t.TempDir())
	s.send("SELECT 'lost'\r")
	s.waitFor("...> ")
	s.send("\x03")
	s.waitFor("mediq> ")
	s.send("SELECT 'kept' || '!' AS k;\r")
	s.waitFor("kept!")
	s.mu.Lock()
	out := s.out.String()
	s.mu.Unlock()
	if strings.Count(out, "lost") > 1 {
		t.Errorf("the cleared statement ran:\n%s", out)
	}
	s.exit()
}

// TestTerminalPager checks that a result longer than the screen goes through
// $PAGER and a short one does not.
func TestTerminalPager(t *testing.T) {
	s := startScreen(t, t.TempDir(), "PAGER=sed s/^/PAGED:/")
	s.send(".mode list\r")
	s.waitFor("mediq> ")
	s.send("SELECT 'short';\r")
	s.waitFor("short\r\n")
	s.send("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100) SELECT 1000 + x FROM n;\r")
	s.waitFor("PAGED:1001")
	s.waitFor("PAGED:1100")
	s.mu.Lock()
	out := s.out.String()
	s.mu.Unlock()
	if strings.Contains(out, "PAGED:short") {
		t.Errorf("a one-line result went through the pager:\n%s", out)
	}
	s.exit()
}

// wideSQL is 30 rows of about 220 columns, typed at the prompt.
const wideSQL = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 30) " +
	"SELECT x AS id, printf('%050d', x) AS a, printf('%.50c', '乙') AS b, printf('%050d', x * 7) AS c, printf('%050d', x * 9) AS d FROM n;\r"

// TestTerminalWideResult shows a 30-line result with rows of about 220
// columns on a terminal 80 columns wide: through less -S, which chops the
// lines instead of wrapping them, when PAGER is not set, and in line mode,
// one value a line, when paging is turned off with PAGER=.
func TestTerminalWideResult(t *testing.T) {
	t.Run("less -S", func(t *testing.T) {
		if _, err := exec.LookPath("less"); err != nil {
			t.Skip("less is not installed")
		}
		s := startScreenSize(t, t.TempDir(), &pty.Winsize{Rows: 60, Cols: 80}, "PAGER", "LESS")
		s.send(wideSQL)
		s.waitFor("| 30 | 00000")
		s.waitFor("(END)")
		s.mu.Lock()
		out := s.out.String()
		s.mu.Unlock()
		// Row 30's last cell (30 × 9 = 270) lies past column 200: chopped.
		if strings.Contains(out, "0270 |") {
			t.Errorf("the wide lines were wrapped, not chopped:\n%s", out)
		}
		s.send("q")
		s.waitFor("mediq> ")
		s.exit()
	})
	t.Run("line mode", func(t *testing.T) {
		s := startScreenSize(t, t.TempDir(), &pty.Winsize{Rows: 60, Cols: 80}, "PAGER=")
		s.send(wideSQL)
		s.waitFor("id = 30\r\n")
		s.waitFor(" d = 00000000000000000000000000000000000000000000000270")
		s.waitFor("mediq> ")
		s.exit()
	})
}

// TestTerminalScriptAndTyped runs the same statements and dot-commands as a
// script on standard input (the plain line source) and typed at the prompt
// (liner), both with the results going to the same kind of terminal, and
// expects every line the script printed to appear, in order, among the
// typed session's: one input loop behind two line sources.
func TestTerminalScriptAndTyped(t *testing.T) {
	lines := []string{
		"SELECT unit, count(*) AS n FROM figures",
		"  WHERE unit IN ('元', '个') GROUP BY unit ORDER BY unit;",
		".mode box",
		"SELECT '第' || 1 AS a; SELECT 2 AS b;",
		".preset speaker 吴华章 --sql",
		"SELEC 1;",
		".mode csv",
		"SELECT 'after', 'the error';",
	}
	home := t.TempDir()

	// The script: standard input a file, output a terminal.
	script := filepath.Join(t.TempDir(), "s.sql")
	if err := os.WriteFile(script, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(script)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cmd := exec.Command(mediqBinary(t))
	cmd.Env = homeDirs(home)
	cmd.Stdin = in
	// The terminal becomes the controlling one through standard output
	// (descriptor 1), since standard input is the file.
	f, err := pty.StartWithAttrs(cmd, &pty.Winsize{Rows: 60, Cols: 220},
		&syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 1})
	if err != nil {
		t.Fatal(err)
	}
	var scripted bytes.Buffer
	done := make(chan struct{})
	go func() { scripted.ReadFrom(f); close(done) }()
	cmd.Wait()
	select {
	case <-done:
	case <-time.After(waitLimit):
		t.Fatal("the script's output did not end")
	}
	f.Close()

	// The same lines typed at the prompt.
	s := startScreen(t, home)
	for _, l := range lines {
		s.send(l + "\r")
		s.waitFor("> ")
	}
	s.send("SELECT 'the' || ' end';\r")
	s.waitFor("the end")
	s.exit()
	s.mu.Lock()
	typed := strings.ReplaceAll(s.out.String(), "\r\n", "\n")
	s.mu.Unlock()

	want := strings.ReplaceAll(scripted.String(), "\r\n", "\n")
	if !strings.Contains(want, "┌") || !strings.Contains(want, "after,the error") {
		t.Fatalf("the script printed too little:\n%s", want)
	}
	at := 0
	for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
		// A script names the line of an error, and says at its end that it
		// had errors; at the prompt neither is needed.
		if strings.HasPrefix(l, "mediq: the script had errors") {
			continue
		}
		l = strings.Replace(l, "Error: near line 6: ", "Error: ", 1)
		i := strings.Index(typed[at:], l)
		if i < 0 {
			t.Fatalf("the script printed %q, which the typed session lacks after:\n%s", l, typed[at:])
		}
		at += i + len(l)
	}
}
