package shell

import (
	"strings"
)

// Splitter cuts SQL text into complete statements. A statement ends at a
// semicolon that is outside string literals ('…'), quoted identifiers ("…",
// `…`, […]), comments (-- … and /* … */) and the BEGIN … END body of a
// CREATE TRIGGER statement. Text after the last complete statement is kept
// until more input completes it.
//
// The zero value is ready to use.
type Splitter struct {
	buf strings.Builder
}

// Add appends text (typically one line; a newline is added between calls) and
// returns the statements it completed, each with its terminating semicolon and
// without surrounding blank space. Statements that hold only comments or
// blanks are dropped.
func (s *Splitter) Add(text string) []string {
	if s.buf.Len() > 0 {
		s.buf.WriteByte('\n')
	}
	s.buf.WriteString(text)
	stmts, rest := Split(s.buf.String())
	s.buf.Reset()
	s.buf.WriteString(rest)
	return stmts
}

// Pending reports whether an incomplete statement is buffered: text other
// than blanks and comments that no semicolon has ended yet.
func (s *Splitter) Pending() bool {
	return !blank(s.buf.String())
}

// Rest returns the buffered text of the incomplete statement.
func (s *Splitter) Rest() string { return s.buf.String() }

// Reset drops any buffered text.
func (s *Splitter) Reset() { s.buf.Reset() }

// Split returns the complete statements in text and the text that follows
// the last of them (an incomplete statement, blanks or comments).
func Split(text string) (stmts []string, rest string) {
	start := 0
	var st stmtState
	lx := lexer{src: text}
	for {
		tok := lx.next()
		if tok.kind == tokEOF {
			break
		}
		if tok.kind == tokSemi && st.ends() {
			stmt := strings.TrimSpace(text[start:tok.end])
			if !blank(stmt[:len(stmt)-1]) {
				stmts = append(stmts, stmt)
			}
			start = tok.end
			st = stmtState{}
			continue
		}
		st.see(tok, text)
	}
	return stmts, text[start:]
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

func (st *stmtState) see(tok token, text string) {
	if tok.kind != tokWord {
		if tok.kind != tokSpace && tok.kind != tokComment {
			st.words++
		}
		return
	}
	w := strings.ToUpper(text[tok.start:tok.end])
	st.words++
	switch {
	case st.words == 1:
		st.create = w == "CREATE"
	case st.create && !st.trigger && st.words <= 3 && w == "TRIGGER":
		st.trigger = true
	case st.trigger && w == "BEGIN":
		st.depth++
	case st.trigger && st.depth > 0 && w == "CASE":
		st.depth++
	case st.trigger && st.depth > 0 && w == "END":
		st.depth--
	}
}

// blank reports whether text holds only white space and comments.
func blank(text string) bool {
	lx := lexer{src: text}
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
	src string
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
		for i < len(src) && strings.IndexByte(" \t\n\r\f\v", src[i]) >= 0 {
			i++
		}
		kind = tokSpace
	case c == '-' && i+1 < len(src) && src[i+1] == '-':
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			i += j
		} else {
			i = len(src)
		}
		kind = tokComment
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		if j := strings.Index(src[i+2:], "*/"); j >= 0 {
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
