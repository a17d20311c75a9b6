// Package shell is mediq's SQL shell: the statement splitter, the output
// modes, the dot-commands, script mode and the interactive line editor.
//
// A Shell runs on any *sql.DB holding a mediq database. Scripts and one-shot
// commands need no terminal (Exec, RunScript); Interactive reads through any
// LineReader, and RunTerminal runs it on the process's terminal with
// github.com/peterh/liner (line editing, history, completion) and a pager.
//
// Result grids are drawn by the shell itself (output.go), measuring text
// with github.com/mattn/go-runewidth: a table library's package
// initialisation cost mediq about a tenth of its start-up time, for what is
// a hundred lines of drawing.
package shell

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"modernc.org/sqlite"
)

// LineReader reads one line of input at a time. The interactive shell uses a
// line editor; tests and scripts may supply their own.
type LineReader interface {
	// ReadLine shows prompt and returns the line entered, without its line
	// break. It returns io.EOF at the end of input (Ctrl-D) and
	// ErrInterrupted when the person pressed Ctrl-C at the prompt.
	ReadLine(prompt string) (string, error)
	// AddHistory records a complete entry in the history.
	AddHistory(entry string)
	// Close saves the history and restores the terminal.
	Close() error
}

// ErrInterrupted is returned by LineReader.ReadLine when Ctrl-C was pressed
// at the prompt.
var ErrInterrupted = errors.New("interrupted at the prompt")

// errCancelled reports a statement stopped by Interrupt (Ctrl-C).
var errCancelled = errors.New(msgCancelled)

// ErrBail is returned by RunScript when -bail stopped a script at an error.
var ErrBail = errors.New(errBail)

// Shell runs SQL and dot-commands on a database and prints the results.
// Set its fields before the first call; a Shell is not safe for concurrent
// use.
type Shell struct {
	// DB is the database; the shell runs everything on one connection of it.
	DB *sql.DB
	// DBPath is the file DB was opened from, or "" for the embedded database.
	// .backup uses it to choose how to copy the database.
	DBPath string
	// In is read by RunScript when given no other reader.
	In io.Reader
	// Out receives results; Err receives errors and warnings.
	Out, Err io.Writer
	// Lines reads input in Interactive.
	Lines LineReader
	// Format is the current output format (.mode, .headers, .nullvalue).
	Format Format
	// Bail stops a script at its first error.
	Bail bool
	// Safe refuses the dot-commands that read or write files (.backup,
	// .export, .once, .output, .read, .save-preset), for a DB opened with
	// db.Safe.
	Safe bool
	// Timer prints the time each statement took.
	Timer bool
	// ConfigDir holds the person's saved presets (presets.json); when empty,
	// the mediq directory of os.UserConfigDir is used.
	ConfigDir string
	// Pager, when set, is called with results too long or too wide for the
	// screen (as TermSize gives it); it returns false when it could not
	// page them, and then a result too wide for the screen is shown in line
	// mode, which does not break a grid across lines.
	Pager func(output []byte) bool
	// TermSize, when set, returns the terminal's height and width in lines
	// and columns, and whether it is known; .chart fits its width and wide
	// results are paged or shown in line mode. RunTerminal sets it.
	TermSize func() (rows, cols int, ok bool)
	// Version is printed in the interactive banner.
	Version string
	// Interruptible runs each statement under a context that Interrupt
	// cancels. RunTerminal sets it. Without it a statement runs under the
	// caller's context alone, which spares database/sql and the driver a
	// goroutine each watching for cancellation, work a one-shot run (where
	// Ctrl-C ends the process) has no use for.
	Interruptible bool

	conn    *sql.Conn
	output  io.WriteCloser // .output file, nil for Out
	once    io.WriteCloser // .once file, nil when not armed
	depth   int            // .read nesting
	mu      sync.Mutex
	cancel  context.CancelFunc // cancels the running statement
	quit    bool
	elapsed time.Duration // time the last statement took
	last    *Result       // the last result printed, for .chart
}

// New returns a Shell on db printing to out and err, in the table mode with
// headers, as the interactive shell starts.
func New(db *sql.DB, in io.Reader, out, err io.Writer) *Shell {
	return &Shell{
		DB:  db,
		In:  in,
		Out: out,
		Err: err,
		Format: Format{
			Mode:     "table",
			Headers:  true,
			MaxWidth: defaultMaxWidth,
		},
	}
}

// Close releases the shell's connection and closes any .output file. It does
// not close DB.
func (s *Shell) Close() error {
	var errs []error
	if s.once != nil {
		errs = append(errs, s.once.Close())
		s.once = nil
	}
	if s.output != nil {
		errs = append(errs, s.output.Close())
		s.output = nil
	}
	if s.conn != nil {
		errs = append(errs, s.conn.Close())
		s.conn = nil
	}
	return errors.Join(errs...)
}

// connection returns the shell's connection, so that temporary tables and
// settings persist from one statement to the next.
func (s *Shell) connection(ctx context.Context) (*sql.Conn, error) {
	if s.conn == nil {
		c, err := s.DB.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("connect to the database: %w", err)
		}
		s.conn = c
	}
	return s.conn, nil
}

// Exec runs one command-line argument: a dot-command if it starts with ".",
// else SQL text of one or more statements (the last may lack its ";").
// After .quit it does nothing.
func (s *Shell) Exec(ctx context.Context, input string) error {
	if s.quit {
		return nil
	}
	if isDotCommand(input) {
		return s.dot(ctx, strings.TrimSpace(input))
	}
	stmts, rest := Split(input)
	if !blank(rest) {
		stmts = append(stmts, strings.TrimSpace(rest))
	}
	for _, stmt := range stmts {
		if err := s.runSQL(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// historyEntry joins the lines of a multi-line entry into one history line
// (the history file holds one entry per line), turning -- comments into
// /* */ ones so they do not swallow the lines after them.
func historyEntry(lines []string) string {
	parts := make([]string, 0, len(lines))
	for _, line := range lines {
		var b strings.Builder
		lx := lexer{src: []byte(line)}
		for {
			tok := lx.next()
			if tok.kind == tokEOF {
				break
			}
			t := line[tok.start:tok.end]
			if tok.kind == tokComment && strings.HasPrefix(t, "--") && !strings.Contains(t, "*/") {
				t = "/* " + strings.TrimSpace(t[2:]) + " */"
			}
			b.WriteString(t)
		}
		if p := strings.TrimSpace(b.String()); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// Interrupt cancels the statement that is running, if any and if
// Interruptible is set. It is safe to call from another goroutine, such as a
// signal handler.
func (s *Shell) Interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// statementContext returns the context a statement runs under, cancelled by
// Interrupt when Interruptible is set, and the function to call when the
// statement is done.
func (s *Shell) statementContext(ctx context.Context) (context.Context, func()) {
	if !s.Interruptible {
		return ctx, func() {}
	}
	qctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	return qctx, func() {
		s.mu.Lock()
		s.cancel = nil
		s.mu.Unlock()
		cancel()
	}
}

// runSQL runs one statement, binding args, and prints its rows as they
// come (see streamSQL).
func (s *Shell) runSQL(ctx context.Context, stmt string, args ...any) error {
	return s.runSQLCheck(ctx, stmt, nil, args...)
}

// runSQLCheck is runSQL that, when check is not nil, collects the result
// first (a preset's result, small and bounded), calls check with it and
// fails instead with the error it returns. Without a check the rows are
// printed as they come (see streamSQL), so the shell's memory does not grow
// with the result.
func (s *Shell) runSQLCheck(ctx context.Context, stmt string, check func(*Result) error, args ...any) error {
	var err error
	if check == nil {
		err = s.streamSQL(ctx, stmt, args...)
	} else {
		var r *Result
		r, err = s.query(ctx, stmt, args...)
		if err == nil {
			if err = check(r); err != nil {
				s.closeOnce()
			}
		}
		if err == nil {
			if len(r.Columns) == 0 {
				s.closeOnce()
			} else {
				err = s.print(r)
			}
		}
	}
	if s.Timer {
		fmt.Fprintf(s.console(), msgTimer, s.elapsed.Seconds())
	}
	return err
}

// query runs one statement and collects its result.
func (s *Shell) query(ctx context.Context, stmt string, args ...any) (*Result, error) {
	conn, err := s.connection(ctx)
	if err != nil {
		return nil, err
	}
	qctx, done := s.statementContext(ctx)
	defer done()
	start := time.Now()
	r, err := collect(qctx, conn, stmt, args...)
	s.elapsed = time.Since(start)
	if err != nil {
		if qctx.Err() != nil && ctx.Err() == nil {
			return nil, errCancelled
		}
		return nil, sqlError(stmt, err)
	}
	return r, nil
}

// collect runs stmt on conn and reads all its rows.
func collect(ctx context.Context, conn *sql.Conn, stmt string, args ...any) (*Result, error) {
	rows, err := conn.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	r := &Result{Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r.Rows = append(r.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return r, rows.Close()
}

// print writes r to the current output in the current format, through the
// pager when it is too long for the screen.
func (s *Shell) print(r *Result) error {
	s.last = r
	w, toConsole := s.resultWriter()
	defer s.closeOnce()
	if !toConsole || s.Pager == nil || s.TermSize == nil {
		return s.Format.Write(w, r)
	}
	rows, cols, ok := s.TermSize()
	if !ok {
		return s.Format.Write(w, r)
	}
	var b strings.Builder
	if err := s.Format.Write(&b, r); err != nil {
		return err
	}
	out := b.String()
	long, wide := tooBig(out, rows, cols)
	if (long || wide) && s.Pager([]byte(out)) {
		return nil
	}
	if wide && isGrid(s.Format.Mode) {
		// Wrapped, a grid is unreadable; one "column = value" a line is not.
		f := s.Format
		f.Mode = "line"
		return f.Write(w, r)
	}
	_, err := io.WriteString(w, out)
	return err
}

// isGrid reports whether mode draws rows as lines of aligned cells, which
// a terminal narrower than the lines wraps into a mess.
func isGrid(mode string) bool {
	return mode == "table" || mode == "box" || mode == "markdown"
}

// tooBig reports whether out has more lines than a terminal of rows lines
// shows at once (less one for the prompt), and whether any of its lines is
// wider than cols columns.
func tooBig(out string, rows, cols int) (long, wide bool) {
	n := 0
	wm := narrow()
	for line := range strings.Lines(out) {
		n++
		if !wide && len(line) > cols && wm.StringWidth(strings.TrimRight(line, "\n")) > cols {
			wide = true
		}
	}
	return n >= rows-1, wide
}

// resultWriter returns where results go now and whether that is the console.
func (s *Shell) resultWriter() (io.Writer, bool) {
	switch {
	case s.once != nil:
		return s.once, false
	case s.output != nil:
		return s.output, false
	}
	return s.Out, true
}

// closeOnce ends a .once redirection after the result it was armed for.
func (s *Shell) closeOnce() {
	if s.once != nil {
		if err := s.once.Close(); err != nil {
			fmt.Fprintf(s.Err, msgError, err)
		}
		s.once = nil
	}
}

// nearToken finds the token SQLite names in `near "X": syntax error`. It is
// compiled when an error needs it, not at start-up.
func nearToken() *regexp.Regexp { return regexp.MustCompile(`near "((?:[^"]|"")*)"`) }

// sqlError returns err with the statement line SQLite complains about and a
// caret under the token it names, where it names one.
func sqlError(stmt string, err error) error {
	msg := sqliteMessage(err)
	m := nearToken().FindStringSubmatch(msg)
	if m == nil {
		return errors.New(msg)
	}
	tok := strings.ReplaceAll(m[1], `""`, `"`)
	at := strings.Index(stmt, tok)
	if at < 0 || tok == "" {
		return errors.New(msg)
	}
	lineStart := strings.LastIndexByte(stmt[:at], '\n') + 1
	lineEnd := strings.IndexByte(stmt[at:], '\n')
	if lineEnd < 0 {
		lineEnd = len(stmt)
	} else {
		lineEnd += at
	}
	line := stmt[lineStart:lineEnd]
	col := narrow().StringWidth(stmt[lineStart:at])
	lineNo := strings.Count(stmt[:at], "\n") + 1
	return &PosError{
		Line: lineNo, Col: utf8.RuneCountInString(stmt[lineStart:at]) + 1, Msg: msg,
		Source: line, Width: col,
	}
}

// sqliteCode matches the result code modernc.org/sqlite appends to messages.
func sqliteCode() *regexp.Regexp { return regexp.MustCompile(` \(\d+\)$`) }

// sqliteMessage returns SQLite's message for err without the driver's
// "SQL logic error: " prefix and "(1)" result code, which tell a person
// nothing.
func sqliteMessage(err error) string {
	msg := err.Error()
	var se *sqlite.Error
	if errors.As(err, &se) {
		msg = strings.TrimPrefix(msg, "SQL logic error: ")
		msg = sqliteCode().ReplaceAllString(msg, "")
	}
	return msg
}

// PosError is an SQL error with the place in the statement where SQLite found
// it. Line and Col are 1-based; Col counts characters.
type PosError struct {
	Line, Col int
	Msg       string
	Source    string // the statement's line holding the error
	Width     int    // terminal columns before the error in Source
}

// Error returns the message, the place, and the line with a caret under it.
func (e *PosError) Error() string {
	return fmt.Sprintf("%s (statement line %d, column %d)"+msgErrorHere, e.Msg, e.Line, e.Col,
		e.Source, strings.Repeat(" ", e.Width))
}

// defaultConfigDir returns the directory for the person's presets.
func (s *Shell) configDir() (string, error) {
	if s.ConfigDir != "" {
		return s.ConfigDir, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf(errConfigDir, err)
	}
	return d + string(os.PathSeparator) + "mediq", nil
}
