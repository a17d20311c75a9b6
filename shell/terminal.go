package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/peterh/liner"
)

// terminal is a LineReader on the process's terminal through liner: line
// editing, history (with Ctrl-R search) and tab completion.
type terminal struct {
	st      *liner.State
	history string // history file, "" when history is not kept
	err     io.Writer
	warned  bool
}

func (t *terminal) ReadLine(prompt string) (string, error) {
	line, err := t.st.Prompt(prompt)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", ErrInterrupted
	}
	return line, err
}

// AddHistory records entry and saves the history at once, so a crash or a
// closed window loses nothing.
func (t *terminal) AddHistory(entry string) {
	t.st.AppendHistory(entry)
	t.save()
}

func (t *terminal) save() {
	if t.history == "" {
		return
	}
	var b bytes.Buffer
	if _, err := t.st.WriteHistory(&b); err == nil {
		err = os.MkdirAll(filepath.Dir(t.history), 0o700)
		if err == nil {
			err = writeFileAtomic(t.history, b.Bytes(), 0o600)
		}
		if err != nil && !t.warned {
			t.warned = true
			fmt.Fprintf(t.err, msgHistoryUnavailable, err)
		}
	}
}

func (t *terminal) Close() error {
	t.save()
	return t.st.Close()
}

// HistoryFile returns where the interactive shell keeps its history: in
// $XDG_STATE_HOME/mediq, else ~/.local/state/mediq (on Windows, in the
// config directory).
func HistoryFile() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "mediq", "history"), nil
	}
	if runtime.GOOS == "windows" {
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "mediq", "history"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "state", "mediq", "history"), nil
}

// RunTerminal runs the interactive shell on the process's terminal: liner
// for line editing, history and completion; Ctrl-C cancels a running
// statement; long results go through a pager when Out is the terminal. The
// history is kept in HistoryFile, except under Safe, where it lasts only
// for the session.
func (s *Shell) RunTerminal(ctx context.Context) error {
	st := liner.NewLiner()
	t := &terminal{st: st, err: s.Err}
	defer t.Close()
	st.SetCtrlCAborts(true)
	st.SetTabCompletionStyle(liner.TabPrints)
	c := s.loadCompleter(ctx)
	st.SetWordCompleter(c.Complete)
	switch path, err := HistoryFile(); {
	case s.Safe:
		// A safe shell touches no file: the history lasts for the session.
	case err != nil:
		fmt.Fprintf(s.Err, msgHistoryUnavailable, err)
	default:
		t.history = path
		if f, err := os.Open(path); err == nil {
			st.ReadHistory(f)
			f.Close()
		}
	}
	s.Lines = t
	s.Interruptible = true
	if f, ok := s.Out.(*os.File); ok {
		if s.TermSize == nil {
			s.TermSize = TerminalSize(f)
		}
		if s.Pager == nil {
			s.Pager = func(out []byte) bool { return page(f, out) }
		}
	}

	// While a statement runs the terminal is not in raw mode, so Ctrl-C
	// arrives as SIGINT: it cancels the statement, not the shell.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	done := make(chan struct{})
	defer func() {
		signal.Stop(sigs)
		close(done)
	}()
	go func() {
		for {
			select {
			case <-sigs:
				s.Interrupt()
			case <-done:
				return
			}
		}
	}()
	return s.Interactive(ctx)
}

// TerminalSize returns a function for Shell.TermSize that reads the size of
// the terminal f each time it is called, so a resized window is measured
// again.
func TerminalSize(f *os.File) func() (rows, cols int, ok bool) {
	return func() (int, int, bool) { return terminalSize(f) }
}

// page shows out through $PAGER, else less -S (which chops long lines
// rather than wrapping them, so a wide grid stays a grid), and reports
// whether it did. PAGER set to nothing turns paging off.
func page(f *os.File, out []byte) bool {
	var argv []string
	if p, set := os.LookupEnv("PAGER"); set {
		argv = strings.Fields(p)
	} else if less, err := exec.LookPath("less"); err == nil {
		argv = []string{less, "-S"}
	}
	if len(argv) == 0 {
		return false
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(out)
	cmd.Stdout = f
	cmd.Stderr = os.Stderr
	return cmd.Run() == nil
}
