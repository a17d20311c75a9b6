package loader

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Position is a place in a source file. Line and Col are 1-based and count
// code points; Offset is the 0-based code point offset that figures store.
type Position struct {
	File   string
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether the position names a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String prints file:line:col, or file when the position has no line.
func (p Position) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// positionOf returns the position of code point offset off in text.
func positionOf(file string, text []rune, off int) Position {
	line, col := 1, 1
	for i := 0; i < off && i < len(text); i++ {
		if text[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return Position{File: file, Offset: off, Line: line, Col: col}
}

// Error classes, tested with errors.Is.
var (
	// ErrMarkerNotFound means a body marker of the manifest does not occur
	// in its source where it should.
	ErrMarkerNotFound = errors.New("body marker not found")
	// ErrEmptyBody means a body span holds no text.
	ErrEmptyBody = errors.New("empty body")
	// ErrTooLarge means a source's text is longer than the loader reads.
	ErrTooLarge = errors.New("text too large")
)

// Error is a problem at a position in a source.
type Error struct {
	Pos Position
	Msg string
	Err error // the class of the error, one of the Err variables, or nil
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns the error's class.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is a list of *Error, so that one run reports every problem.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Position, class error, msg string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg, Err: class})
}

// Sort orders the list by file, then offset.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Pos.File != l[j].Pos.File {
			return l[i].Pos.File < l[j].Pos.File
		}
		return l[i].Pos.Offset < l[j].Pos.Offset
	})
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
