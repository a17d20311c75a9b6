package sources

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ExtractHTML returns the text of a saved HTML page: its title on the first
// line, then one line per paragraph, heading, list item and block, and one
// line per table row with its cells separated by tabs, as mediq's loader
// reads tables. Scripts, styles and other non-text elements are dropped.
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
	var out []string
	for _, ln := range strings.Split(x.b.String(), "\n") {
		ln = strings.TrimRight(ln, " \t")
		ln = strings.TrimLeft(ln, " ")
		if strings.Trim(ln, "\t") != "" {
			out = append(out, ln)
		}
	}
	return strings.Join(out, "\n\n") + "\n", nil
}

type extractor struct {
	b     strings.Builder
	inPre int
	cell  int // cells written in the current table row
}

func (x *extractor) newline() {
	s := x.b.String()
	if s != "" && !strings.HasSuffix(s, "\n") {
		x.b.WriteByte('\n')
	}
}

func (x *extractor) text(s string) {
	if x.inPre == 0 {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" {
			return
		}
	}
	x.b.WriteString(s)
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
	atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Blockquote: true, atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Dl: true,
	atom.Hr: true, atom.Caption: true, atom.Figure: true, atom.Figcaption: true, atom.Main: true,
	atom.Nav: true, atom.Aside: true, atom.Address: true, atom.Form: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true,
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
			x.b.WriteByte('\n')
			return
		case atom.Td, atom.Th:
			if x.cell > 0 {
				x.b.WriteByte('\t')
			}
			x.cell++
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				x.walkInline(c)
			}
			return
		case atom.Tr:
			x.newline()
			x.cell = 0
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

// walkInline writes a table cell's content on one line.
func (x *extractor) walkInline(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		x.text(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Br || blocks[n.DataAtom] {
			x.b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		x.walkInline(c)
	}
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
