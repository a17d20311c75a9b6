package shell

import (
	"bytes"
	"strings"
)

// Splitter cuts SQL text into complete statements. A statement ends at a
// semicolon that is outside string literals ('…'), quoted identifiers ("…",
// `…`, […]), comments (-- … and /* … */) and the BEGIN … END body of a
// CREATE TRIGGER statement. Text after the last complete statement is kept
// until more input completes it.
//
// A Splitter lexes each byte once: between calls to Add it keeps its place in
// the buffered text and what it was inside of (a string, a block comment, a
// trigger body), so feeding a statement of n lines costs time linear in its
// length, not in n times its length.
//
// The zero value is ready to use.
type Splitter struct {
	buf  []byte    // text of the incomplete statement, from its start
	pos  int       // buf[:pos] has been lexed
	open byte      // closing quote of the string buf[pos-1] is inside, '*' for a block comment, 0 outside
	st   stmtState // the incomplete statement's words so far
}

// Add appends text (typically one line; a newline is added between calls) and
// returns the statements it completed, each with its terminating semicolon and
// without surrounding blank space. Statements that hold only comments or
// blanks are dropped.
func (s *Splitter) Add(text string) []string {
	if len(s.buf) > 0 {
		s.buf = append(s.buf, '\n')
	}
	s.buf = append(s.buf, text...)
	var stmts []string
	start := 0 // start in buf of the statement being lexed
	for {
		if s.open != 0 {
			if !s.finishOpen() {
				break
			}
			continue
		}
		lx := lexer{src: s.buf, pos: s.pos}
		tok := lx.next()
		if tok.kind == tokEOF {
			break
		}
		s.pos = tok.end
		if tok.open {
			// The token runs to the end of the buffer: remember what it is
			// inside of and continue from here when more text comes.
			s.open = s.buf[tok.start]
			if tok.kind == tokComment {
				s.open = '*'
			} else if s.open == '[' {
				s.open = ']'
			}
		}
		if tok.kind == tokSemi && s.st.ends() {
			if s.st.words > 0 {
				stmts = append(stmts, strings.TrimSpace(string(s.buf[start:tok.end])))
			}
			start = tok.end
			s.st = stmtState{}
			continue
		}
		s.st.see(tok, s.buf)
	}
	if start > 0 {
		n := copy(s.buf, s.buf[start:])
		s.buf = s.buf[:n]
		s.pos -= start
	}
	return stmts
}

// finishOpen continues a string or block comment that an earlier Add left
// open, from s.pos. It reports whether the token ended in the buffer.
func (s *Splitter) finishOpen() bool {
	src, i := s.buf, s.pos
	if s.open == '*' {
		// The "*" of "*/" may be the last byte lexed before.
		from := max(i-1, 0)
		j := bytes.Index(src[from:], []byte("*/"))
		if j < 0 {
			s.pos = len(src)
			return false
		}
		s.pos, s.open = from+j+2, 0
		return true
	}
	closer := s.open
	for i < len(src) {
		if src[i] == closer {
			if closer != ']' && i+1 < len(src) && src[i+1] == closer {
				i += 2
				continue
			}
			s.pos, s.open = i+1, 0
			return true
		}
		i++
	}
	s.pos = len(src)
	return false
}

// Pending reports whether an incomplete statement is buffered: text other
// than blanks and comments that no semicolon has ended yet.
func (s *Splitter) Pending() bool { return s.st.words > 0 }

// Rest returns the buffered text of the incomplete statement.
func (s *Splitter) Rest() string { return string(s.buf) }

// Reset drops any buffered text.
func (s *Splitter) Reset() {
	s.buf, s.pos, s.open, s.st = s.buf[:0], 0, 0, stmtState{}
}

// Split returns the complete statements in text and the text that follows
// the last of them (an incomplete statement, blanks or comments).
func Split(text string) (stmts []string, rest string) {
	var s Splitter
	stmts = s.Add(text)
	return stmts, s.Rest()
}

// stmtState follows the words of one statement to know whether a semicolon
// ends it: inside the body of CREATE TRIGGER … BEGIN … END it does not.
type stmtState struct {
	words   int  // words seen so far in the statement (up to 4)
	create  bool // the statement starts with CREATE
	trigger bool // CREATE [TEMP|TEMPORARY] TRIGGER
	depth   int  // open BEGIN/CASE blocks inside a trigger body
}

func (st *stmtState) ends() bool { return st.depth == 0 }

func (st *stmtState) see(tok token, text []byte) {
	if tok.kind != tokWord {
		if tok.kind != tokSpace && tok.kind != tokComment {
			st.words++
		}
		return
	}
	w := text[tok.start:tok.end]
	is := func(kw string) bool { return bytes.EqualFold(w, []byte(kw)) }
	st.words++
	switch {
	case st.words == 1:
		st.create = is("CREATE")
	case st.create && !st.trigger && st.words <= 3 && is("TRIGGER"):
		st.trigger = true
	case st.trigger && is("BEGIN"):
		st.depth++
	case st.trigger && st.depth > 0 && is("CASE"):
		st.depth++
	case st.trigger && st.depth > 0 && is("END"):
		st.depth--
	}
}

// blank reports whether text holds only white space and comments.
func blank(text string) bool {
	lx := lexer{src: []byte(text)}
	for {
		switch lx.next().kind {
		case tokEOF:
			return true
		case tokSpace, tokComment:
		default:
			return false
		}
	}
}

type tokenKind int

const (
	tokEOF     tokenKind = iota
	tokSpace             // white space
	tokComment           // -- to end of line, or /* … */ (possibly unterminated)
	tokString            // '…', "…", `…` or […] (possibly unterminated)
	tokWord              // identifier or keyword
	tokParam             // ?NNN, :name, @name, $name
	tokSemi              // ;
	tokOther             // any other character or number
)

type token struct {
	kind       tokenKind
	start, end int // byte offsets into the source
	open       bool
}

// lexer splits SQL into the few token kinds statement splitting and
// parameter counting need.
type lexer struct {
	src []byte
	pos int
}

func (lx *lexer) next() token {
	src, i := lx.src, lx.pos
	if i >= len(src) {
		return token{kind: tokEOF, start: i, end: i}
	}
	start := i
	c := src[i]
	kind := tokOther
	open := false
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		for i < len(src) && bytes.IndexByte([]byte(" \t\n\r\f\v"), src[i]) >= 0 {
			i++
		}
		kind = tokSpace
	case c == '-' && i+1 < len(src) && src[i+1] == '-':
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			i += j
		} else {
			i = len(src)
		}
		kind = tokComment
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		if j := bytes.Index(src[i+2:], []byte("*/")); j >= 0 {
			i += 2 + j + 2
		} else {
			i, open = len(src), true
		}
		kind = tokComment
	case c == '\'' || c == '"' || c == '`' || c == '[':
		closer := c
		if c == '[' {
			closer = ']'
		}
		i++
		open = true
		for i < len(src) {
			if src[i] == closer {
				// A doubled quote stands for itself inside '…', "…" and `…`.
				if closer != ']' && i+1 < len(src) && src[i+1] == closer {
					i += 2
					continue
				}
				i++
				open = false
				break
			}
			i++
		}
		kind = tokString
	case c == ';':
		i++
		kind = tokSemi
	case isWordStart(c):
		for i < len(src) && isWordByte(src[i]) {
			i++
		}
		kind = tokWord
	case (c == '?' || c == ':' || c == '@' || c == '$') && i+1 < len(src) && (isWordByte(src[i+1])):
		i++
		for i < len(src) && isWordByte(src[i]) {
			i++
		}
		kind = tokParam
	case c == '?':
		i++
		kind = tokParam
	default:
		i++
	}
	lx.pos = i
	return token{kind: kind, start: start, end: i, open: open}
}

func isWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isWordByte(c byte) bool {
	return isWordStart(c) || c >= '0' && c <= '9'
}
