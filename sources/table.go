package sources

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits on the grid of one table, so that a page with absurd spans cannot
// make the extractor allocate without bound: browsers clamp colspan to
// 1000, and no real table is wider than maxCols or larger than maxSlots.
const (
	maxCols  = 1000
	maxSlots = 1 << 20
)

// htmlTable is a data table laid out on a grid.
type htmlTable struct {
	caption string
	grid    [][]slot // rows of slots, all of one width
	wide    []cover  // the cells that span more than one column
}

// cover is where a cell that spans columns stands on the grid.
type cover struct{ row, col, rows, cols int }

// slot is one column of one row: the text written there, and whether a
// cell covers it at all.
type slot struct {
	text string
	set  bool
}

// readTable lays out a table element on a grid, or returns nil when the
// table is for page layout: it holds another table, or none of its rows
// has more than one cell.
func readTable(n *html.Node) *htmlTable {
	var rows []*html.Node
	var caption *html.Node
	nested := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Caption:
			if caption == nil {
				caption = c
			}
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
		if c.Type == html.ElementNode && holdsTable(c) {
			nested = true
		}
	}
	if nested {
		return nil
	}
	t := &htmlTable{}
	if caption != nil {
		t.caption = cellText(caption)
	}
	wide := false
	total := 0
	for r, tr := range rows {
		col := 0
		cells := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || td.DataAtom != atom.Td && td.DataAtom != atom.Th {
				continue
			}
			cells++
			colspan := span(td, "colspan", 1, maxCols)
			rowspan := span(td, "rowspan", 1, len(rows)-r)
			if rowspan == 0 { // rowspan="0": to the last row
				rowspan = len(rows) - r
			}
			if total+colspan*rowspan > maxSlots {
				colspan, rowspan = 1, 1
			}
			col = t.free(r, col)
			if col >= maxCols {
				break
			}
			colspan = min(colspan, maxCols-col)
			text := cellText(td)
			spanText := text
			if strings.IndexFunc(text, unicode.IsDigit) >= 0 {
				spanText = ""
			}
			for dr := range rowspan {
				for dc := range colspan {
					s := slot{text: spanText, set: true}
					if dr == 0 && dc == 0 {
						s.text = text
					}
					t.put(r+dr, col+dc, s)
				}
			}
			total += colspan * rowspan
			if colspan > 1 {
				wide = true
				t.wide = append(t.wide, cover{r, col, rowspan, colspan})
			}
			col += colspan
		}
		if cells > 1 {
			wide = true
		}
	}
	if !wide {
		return nil
	}
	width := 0
	for _, row := range t.grid {
		width = max(width, len(row))
	}
	for i := range t.grid {
		for len(t.grid[i]) < width {
			t.grid[i] = append(t.grid[i], slot{})
		}
	}
	// A cell across the whole table (表1 主要指标, 单位：万元) stands over no
	// column in particular: it is written once, in the first.
	for _, c := range t.wide {
		if c.col == 0 && c.cols == width {
			for r := c.row; r < c.row+c.rows && r < len(t.grid); r++ {
				for i := 1; i < width; i++ {
					t.grid[r][i].text = ""
				}
			}
		}
	}
	return t
}

// holdsTable reports whether n is or holds a table element.
func holdsTable(n *html.Node) bool {
	if n.Type == html.ElementNode && n.DataAtom == atom.Table {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsTable(c) {
			return true
		}
	}
	return false
}

// span returns a cell's colspan or rowspan attribute: def when it is
// missing or not a number, at most limit. rowspan="0" gives 0.
func span(n *html.Node, name string, def, limit int) int {
	for _, a := range n.Attr {
		if a.Key != name {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(a.Val))
		if err != nil || v < 0 || v == 0 && name != "rowspan" {
			return min(def, limit)
		}
		return min(v, limit)
	}
	return min(def, limit)
}

// free returns the first column at or after col that no cell covers in row r.
func (t *htmlTable) free(r, col int) int {
	if r >= len(t.grid) {
		return col
	}
	for col < len(t.grid[r]) && t.grid[r][col].set {
		col++
	}
	return col
}

// put writes a slot, growing the grid as needed.
func (t *htmlTable) put(r, c int, s slot) {
	for len(t.grid) <= r {
		t.grid = append(t.grid, nil)
	}
	for len(t.grid[r]) <= c {
		t.grid[r] = append(t.grid[r], slot{})
	}
	t.grid[r][c] = s
}

// lines returns the caption, if any, and one line per row that holds any
// text, the cells separated by tabs.
func (t *htmlTable) lines() []string {
	var out []string
	if t.caption != "" {
		out = append(out, t.caption)
	}
	cells := make([]string, 0, 16)
	for _, row := range t.grid {
		cells = cells[:0]
		empty := true
		for _, s := range row {
			cells = append(cells, s.text)
			if s.text != "" {
				empty = false
			}
		}
		if !empty {
			out = append(out, strings.Join(cells, "\t"))
		}
	}
	return out
}
