package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// This file is the shell's one input loop, in the shape of usql's handler:
// lines come from a LineReader (liner on a terminal, a plain reader for
// scripts, standard input and .read), a Splitter gathers them into
// statements, and each complete dot-command or statement is dispatched the
// same way whatever the source. What differs between an interactive session
// and a script is only how the loop talks to the person: prompts and
// history, and how errors are reported.

// session says how the loop talks to the person at the other end of its
// line source.
type session struct {
	// interactive shows prompts, keeps history, reports errors without line
	// numbers and goes on after them, and lets Ctrl-C clear the entry.
	// Otherwise errors name their line, -bail stops at the first, and a
	// statement left unfinished at the end of input is run as it is.
	interactive bool
}

// plainReader is a LineReader on a script or standard input: no prompts, no
// history. It drops a UTF-8 byte order mark at the start and the CR of CRLF
// line ends.
type plainReader struct {
	r    *bufio.Reader
	read bool // a line has been read
}

func newPlainReader(r io.Reader) *plainReader { return &plainReader{r: bufio.NewReader(r)} }

// ReadLine returns the next line; the prompt is ignored.
func (p *plainReader) ReadLine(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err != nil && (!errors.Is(err, io.EOF) || line == "") {
		return "", err
	}
	if !p.read {
		p.read = true
		line = strings.TrimPrefix(line, utf8BOM)
	}
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r"), nil
}

// AddHistory does nothing: scripts keep no history.
func (p *plainReader) AddHistory(string) {}

// Close does nothing; the caller closes the reader it gave.
func (p *plainReader) Close() error { return nil }

// isDotCommand reports whether a line, outside a statement, is a dot-command.
func isDotCommand(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), ".")
}

// RunScript runs the statements and dot-commands read from r (from In when r
// is nil) with no prompts, printing each error with its line number. It goes
// on after an error unless Bail is set, in which case it returns ErrBail at
// the first. It returns an error if any statement failed.
func (s *Shell) RunScript(ctx context.Context, r io.Reader) error {
	if r == nil {
		r = s.In
	}
	return s.loop(ctx, newPlainReader(r), session{})
}

// Interactive reads entries from s.Lines until Ctrl-D or .quit. Errors are
// printed and the shell goes on. Ctrl-C at the prompt clears the entry;
// while a statement runs, Interrupt (called by the caller's signal handler)
// cancels it.
func (s *Shell) Interactive(ctx context.Context) error {
	if s.Lines == nil {
		return errors.New("shell: Interactive needs a LineReader in Lines")
	}
	if s.Version != "" {
		fmt.Fprintf(s.Out, msgBanner, s.Version)
	}
	return s.loop(ctx, s.Lines, session{interactive: true})
}

// loop reads lines from lines until the end of input or .quit and runs every
// dot-command and statement in them.
func (s *Shell) loop(ctx context.Context, lines LineReader, ses session) error {
	var sp Splitter
	var entry []string // lines of the entry being typed, for the history
	line, stmtLine := 0, 0
	failed := false
	// report prints err for the entry that began on line n and says whether
	// to stop.
	report := func(n int, err error) (stop bool) {
		switch {
		case ses.interactive && errors.Is(err, errCancelled):
			fmt.Fprintln(s.Err, msgCancelled)
		case ses.interactive:
			fmt.Fprintf(s.Err, msgError, err)
		default:
			failed = true
			fmt.Fprintf(s.Err, msgErrorLine, n, err)
			return s.Bail
		}
		return false
	}
	for !s.quit {
		prompt := msgPrompt
		if sp.Pending() {
			prompt = msgContinuePrompt
		}
		text, err := lines.ReadLine(prompt)
		switch {
		case errors.Is(err, io.EOF):
			if ses.interactive {
				fmt.Fprintln(s.Out)
				return nil
			}
			if sp.Pending() {
				if err := s.runSQL(ctx, strings.TrimSpace(sp.Rest())); err != nil && report(stmtLine, err) {
					return ErrBail
				}
			}
			if failed {
				return errors.New(errScriptFailed)
			}
			return nil
		case errors.Is(err, ErrInterrupted):
			sp.Reset()
			entry = entry[:0]
			continue
		case err != nil:
			return fmt.Errorf("read input: %w", err)
		}
		line++
		if !sp.Pending() && isDotCommand(text) {
			sp.Reset()
			lines.AddHistory(text)
			if err := s.dot(ctx, strings.TrimSpace(text)); err != nil && report(line, err) {
				return ErrBail
			}
			continue
		}
		if !sp.Pending() {
			stmtLine = line
		}
		stmts := sp.Add(text)
		if ses.interactive {
			entry = append(entry, text)
		}
		if ses.interactive && (len(stmts) > 0 || !sp.Pending()) {
			if e := historyEntry(entry); e != "" {
				lines.AddHistory(e)
			}
			entry = entry[:0]
			if sp.Pending() {
				entry = append(entry, sp.Rest())
			}
		}
		for _, stmt := range stmts {
			if err := s.runSQL(ctx, stmt); err != nil && report(stmtLine, err) {
				return ErrBail
			}
			stmtLine = line
		}
	}
	if failed {
		return errors.New(errScriptFailed)
	}
	return nil
}
