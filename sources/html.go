package sources

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ExtractHTML returns the text of a saved HTML page: its title on the first
// line, then one line per paragraph, heading, list item and block, with a
// blank line between them. Scripts, styles and other non-text elements are
// dropped.
//
// A table comes out as one block, with a blank line before and after it:
// its caption on a line of its own, then one line per row with the cells
// separated by single tabs and no blank lines between the rows. A cell's
// text has its white space collapsed to single spaces, so it holds no tab
// or line break. Cells that span columns or rows (colspan, rowspan) are
// laid out on a grid so that every cell stands over its column: a slot a
// span covers repeats the cell's text when it holds no digit (a header
// word such as 医院 over two columns) and is left empty when it does, so
// that no number is written twice; a cell across the whole width of the
// table (a title or a note such as 单位：万元) is written once, in the first
// column. A table that holds another table is taken for page layout, as
// is a table of one column: its cells are read as ordinary blocks, and the
// tables inside it come out as tables.
func ExtractHTML(page string) (string, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return "", fmt.Errorf("parse HTML: %w", err)
	}
	var x extractor
	if t := findTitle(doc); t != "" {
		x.text(t)
		x.newline()
	}
	x.walk(doc)
	x.newline()
	return strings.Join(x.blocks, "\n\n") + "\n", nil
}

type extractor struct {
	blocks []string        // finished blocks: a line of text, or a table
	line   strings.Builder // the line being written
	inPre  int
}

// newline ends the line being written, keeping it as a block unless it is
// blank.
func (x *extractor) newline() {
	ln := strings.TrimRight(x.line.String(), " \t")
	ln = strings.TrimLeft(ln, " ")
	if strings.Trim(ln, "\t") != "" {
		x.blocks = append(x.blocks, ln)
	}
	x.line.Reset()
}

func (x *extractor) text(s string) {
	if x.inPre == 0 {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" {
			return
		}
		x.line.WriteString(s)
		return
	}
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			x.newline()
		}
		x.line.WriteString(part)
	}
}

// skipped elements hold no text a reader sees.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true,
}

// blocks start and end a line.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Blockquote: true, atom.Pre: true, atom.Dd: true,
	atom.Dt: true, atom.Dl: true, atom.Hr: true, atom.Caption: true, atom.Figure: true,
	atom.Figcaption: true, atom.Main: true, atom.Nav: true, atom.Aside: true, atom.Address: true,
	atom.Form: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
}

func (x *extractor) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		x.text(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			x.newline()
			return
		case atom.Table:
			if t := readTable(n); t != nil {
				x.newline()
				if lines := t.lines(); len(lines) > 0 {
					x.blocks = append(x.blocks, strings.Join(lines, "\n"))
				}
				return
			}
		case atom.Pre:
			x.inPre++
			defer func() { x.inPre-- }()
		}
		if blocks[n.DataAtom] {
			x.newline()
			defer x.newline()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		x.walk(c)
	}
}

// cellText returns the text of a table cell or caption on one line, its
// white space collapsed.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br || blocks[n.DataAtom] {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func findTitle(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := findTitle(c); t != "" {
			return t
		}
	}
	return ""
}
