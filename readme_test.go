package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/shell"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the outputs README.md shows under its $ commands with what they print")

// readmeExample is one "$ command" of README.md and the output shown under
// it.
type readmeExample struct {
	line     int // of the "$" in README.md
	command  string
	output   string // "" when the README shows none
	outStart int    // index in README.md's lines of the first output line
	outLines int
}

// readmeExamples returns the "$ " commands of README.md's code blocks, with
// the lines under each up to the next command or the end of the block. A
// command whose double quotes are unbalanced goes on over the next lines.
func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeExample
	var cur *readmeExample
	inBlock, continued := false, false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			inBlock, cur = !inBlock, nil
		case !inBlock:
		case continued:
			cur.command += "\n" + line
			continued = strings.Count(cur.command, `"`)%2 == 1
		case strings.HasPrefix(line, "$ "):
			out = append(out, readmeExample{line: n, command: line[2:]})
			cur = &out[len(out)-1]
			continued = strings.Count(cur.command, `"`)%2 == 1
		case cur != nil:
			if cur.outLines == 0 {
				cur.outStart = n - 1
			}
			cur.output += line + "\n"
			cur.outLines++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadmeExamples runs every "$ command" shown in README.md, in order, in
// one directory, with the mediq built from this tree first on PATH (and `go
// run .` meaning that mediq), and expects the output the README shows under
// it, standard error included, or, where it shows none, success. So the
// README cannot drift from what mediq does.
func TestReadmeExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds mediq; skipped with -short")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	examples := readmeExamples(t)
	if len(examples) < 10 {
		t.Fatalf("found %d examples in README.md; has its format changed?", len(examples))
	}
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "mediq"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "examples"), filepath.Join(work, "examples")); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	env := []string{
		"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_STATE_HOME=" + filepath.Join(home, "state"), "LANG=C.UTF-8",
	}
	_, sqlite3Err := exec.LookPath("sqlite3")
	updated := map[int]string{} // outStart → new output, under -update-readme
	defer func() {
		if len(updated) > 0 {
			rewriteReadme(t, examples, updated)
		}
	}()
	for _, ex := range examples {
		cmdline := strings.ReplaceAll(ex.command, "go run . ", "mediq ")
		if strings.Contains(cmdline, "sqlite3 ") && sqlite3Err != nil {
			t.Logf("README.md:%d: skipped, sqlite3 is not installed: %s", ex.line, ex.command)
			continue
		}
		cmd := exec.Command(bash, "-c", cmdline)
		cmd.Dir, cmd.Env = work, env
		got, err := cmd.CombinedOutput()
		switch {
		case ex.output == "" && err != nil:
			t.Errorf("README.md:%d: %s\nfailed: %v\n%s", ex.line, ex.command, err, got)
		case ex.output != "" && string(got) != ex.output && *updateReadme:
			updated[ex.outStart] = string(got)
		case ex.output != "" && string(got) != ex.output:
			t.Errorf("README.md:%d: %s\nprints:\n%s\nbut the README shows:\n%s", ex.line, ex.command, got, ex.output)
		}
	}
}

// rewriteReadme replaces the outputs of the examples in updated.
func rewriteReadme(t *testing.T, examples []readmeExample, updated map[int]string) {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	for i := len(examples) - 1; i >= 0; i-- {
		ex := examples[i]
		got, ok := updated[ex.outStart]
		if !ok {
			continue
		}
		repl := strings.SplitAfter(got, "\n")
		repl = repl[:len(repl)-1] // after the last "\n"
		lines = append(lines[:ex.outStart], append(repl, lines[ex.outStart+ex.outLines:]...)...)
	}
	if err := os.WriteFile("README.md", []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote %d outputs in README.md; read the diff", len(updated))
}

// transcript is a LineReader that types the lines of a README session and
// writes each prompt and line to the session's output, as a terminal shows
// them.
type transcript struct {
	lines []string
	out   *strings.Builder
}

func (tr *transcript) ReadLine(prompt string) (string, error) {
	if len(tr.lines) == 0 {
		return "", io.EOF
	}
	l := tr.lines[0]
	tr.lines = tr.lines[1:]
	tr.out.WriteString(prompt + l + "\n")
	return l, nil
}
func (tr *transcript) AddHistory(string) {}
func (tr *transcript) Close() error      { return nil }

// TestReadmeSessions replays each interactive session README.md shows (the
// code blocks with "mediq> " prompts) through the shell's input loop and
// expects the screen the README shows: prompts, results and errors, with
// the person's config directory written ~/.config/mediq.
func TestReadmeSessions(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for i, part := range strings.Split(string(b), "```") {
		if i%2 == 1 && strings.Contains(part, "\nmediq> ") {
			blocks = append(blocks, strings.TrimPrefix(part, "\n"))
		}
	}
	if len(blocks) == 0 {
		t.Fatal("no session in README.md; has its format changed?")
	}
	for n, want := range blocks {
		var input []string
		for _, l := range strings.Split(want, "\n") {
			for _, p := range []string{"mediq> ", "  ...> "} {
				if rest, ok := strings.CutPrefix(l, p); ok {
					input = append(input, rest)
				}
			}
		}
		work, home := t.TempDir(), t.TempDir()
		t.Chdir(work)
		ctx := context.Background()
		h, err := db.Open(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var screen strings.Builder
		sh := shell.New(h, strings.NewReader(""), &screen, &screen)
		sh.ConfigDir = filepath.Join(home, ".config", "mediq")
		if strings.HasPrefix(want, "mediq ") {
			sh.Version = db.Version
		}
		sh.Lines = &transcript{lines: input, out: &screen}
		if err := sh.Interactive(ctx); err != nil {
			t.Fatal(err)
		}
		sh.Close()
		h.Close()
		got := strings.ReplaceAll(screen.String(), home, "~")
		if got != want {
			t.Errorf("session %d of README.md differs (-want +got); if mediq is right, update the README:\n%s",
				n+1, lineDiff(want, got))
		}
	}
}

// lineDiff shows the lines of want and got that differ, numbered.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "%d:\n-%s\n+%s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
