// Package rederive checks a mediq database against what it says it was built
// from: it parses the source texts it stores again, with the manifest entries
// and the indicator catalogue it records, builds a fresh database from them
// with the loader, and compares every table of the two row by row, column by
// column.
//
// It lives apart from package db, which must not import the loader: db.Verify
// makes the checks the database alone allows, `mediq verify` adds these.
//
// What it proves: the rows are what this version of mediq's loader derives
// from the stored texts and entries, and meta.data_version matches the
// recorded file hashes. What it cannot prove from the database alone: that the
// stored texts and entries are the ones originally built from. A change to a
// text or entry shows as rows that differ (figures, sentences, parse keys), and
// the texts are tied to the original files by sources.sha256, which `mediq
// verify` checks against the files when it has them (the embedded sources, or
// -sources DIR); a forger who rewrites a text, its hashes and every row derived
// from it consistently is caught only by that check.
package rederive

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

// MaxPerTable is how many differing rows of one table are reported one by
// one; the rest are counted.
const MaxPerTable = 10

// Check derives the database behind h again in a temporary directory under
// tmpDir ("" for the system's) and compares every table with it, adding each
// difference to r as a Problem with Check "content" and its table, row and
// column, and counting in r.Tables and r.Rows what it compared. An error
// means the comparison could not be made.
func Check(ctx context.Context, h *sql.DB, tmpDir string, r *db.Report) error {
	srcs, err := storedSources(ctx, h, r)
	if err != nil {
		return err
	}
	inds, err := storedIndicators(ctx, h)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp(tmpDir, "mediq-verify-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "derived.db")
	if _, err := loader.BuildWith(ctx, srcs, path, loader.BuildOptions{Indicators: inds}); err != nil {
		var list loader.ErrorList
		if errors.As(err, &list) {
			r.Add(db.Problem{Check: "content", Msg: "the stored texts and manifest entries do not build: " + err.Error()})
			return nil
		}
		return fmt.Errorf("derive the database again: %w", err)
	}
	derived, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer derived.Close()
	return compare(ctx, h, derived, r)
}

// storedSources reads the sources as the database records them.
func storedSources(ctx context.Context, h *sql.DB, r *db.Report) ([]sources.Source, error) {
	rows, err := h.QueryContext(ctx, "SELECT id, sha256, encoding, format, entry, text FROM sources ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	defer rows.Close()
	var srcs []sources.Source
	for rows.Next() {
		var id int64
		var sum, encoding, format, entry, text string
		if err := rows.Scan(&id, &sum, &encoding, &format, &entry, &text); err != nil {
			return nil, fmt.Errorf("read sources: %w", err)
		}
		e, err := sources.ParseEntry(entry)
		if err != nil {
			r.Add(db.Problem{Check: "content", Table: "sources", Row: fmt.Sprintf("id=%d", id), Column: "entry",
				Msg: fmt.Sprintf("not a manifest entry: %v", err)})
			continue
		}
		srcs = append(srcs, e.FromStored(text, sum, encoding, format == "html"))
	}
	return srcs, rows.Err()
}

// storedIndicators reads the indicator catalogue as the database records
// it, in the catalogue's order.
func storedIndicators(ctx context.Context, h *sql.DB) ([]sources.Indicator, error) {
	rows, err := h.QueryContext(ctx, "SELECT key, name_zh, name_en, unit, description, rules, line FROM indicators ORDER BY line, key")
	if err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	defer rows.Close()
	var inds []sources.Indicator
	for rows.Next() {
		var ind sources.Indicator
		var rules string
		if err := rows.Scan(&ind.Key, &ind.NameZh, &ind.NameEn, &ind.Unit, &ind.Description, &rules, &ind.Line); err != nil {
			return nil, fmt.Errorf("read indicators: %w", err)
		}
		var rr sources.IndicatorRules
		if err := json.Unmarshal([]byte(rules), &rr); err != nil {
			return nil, fmt.Errorf("indicator %s: rules: %w", ind.Key, err)
		}
		ind.SetRules(rr)
		inds = append(inds, ind)
	}
	return inds, rows.Err()
}

// table is one table to compare: its name, columns and key columns.
type table struct {
	name string
	cols []string
	key  []string
}

// tables lists the ordinary tables of h (the full-text index as its shadow
// tables), with sqlite_schema itself first.
func tables(ctx context.Context, h *sql.DB) (map[string]table, []string, error) {
	rows, err := h.QueryContext(ctx, `SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	out := map[string]table{"sqlite_schema": {name: "sqlite_schema", cols: []string{"type", "name", "tbl_name", "sql"}, key: []string{"type", "name"}}}
	order := []string{"sqlite_schema"}
	for _, n := range names {
		t := table{name: n}
		info, err := h.QueryContext(ctx, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", n)
		if err != nil {
			return nil, nil, err
		}
		pks := map[int]string{}
		for info.Next() {
			var col string
			var pk int
			if err := info.Scan(&col, &pk); err != nil {
				info.Close()
				return nil, nil, err
			}
			t.cols = append(t.cols, col)
			if pk > 0 {
				pks[pk] = col
			}
		}
		info.Close()
		for i := 1; i <= len(pks); i++ {
			t.key = append(t.key, pks[i])
		}
		if len(t.key) == 0 {
			t.key = []string{"rowid"}
			t.cols = append([]string{"rowid"}, t.cols...)
		}
		out[n] = t
		order = append(order, n)
	}
	return out, order, nil
}

// compare compares every table of got (the database checked) with want
// (derived again).
func compare(ctx context.Context, got, want *sql.DB, r *db.Report) error {
	gotTables, order, err := tables(ctx, got)
	if err != nil {
		return fmt.Errorf("list tables: %w", err)
	}
	wantTables, wantOrder, err := tables(ctx, want)
	if err != nil {
		return fmt.Errorf("list tables of the derived database: %w", err)
	}
	for _, n := range wantOrder {
		if _, ok := gotTables[n]; !ok {
			r.Add(db.Problem{Check: "content", Table: n, Msg: "missing: the derived database has this table"})
		}
	}
	for _, n := range order {
		w, ok := wantTables[n]
		if !ok {
			r.Add(db.Problem{Check: "content", Table: n, Msg: "not in the derived database: a table mediq does not build"})
			continue
		}
		if strings.Join(w.cols, ",") != strings.Join(gotTables[n].cols, ",") {
			// sqlite_schema reports the difference in the CREATE statement.
			continue
		}
		r.Tables++
		if err := compareTable(ctx, got, want, w, r); err != nil {
			return fmt.Errorf("compare table %s: %w", n, err)
		}
	}
	return nil
}

// compareTable walks both copies of t in key order at once.
func compareTable(ctx context.Context, got, want *sql.DB, t table, r *db.Report) error {
	q := fmt.Sprintf("SELECT %s FROM %s ORDER BY %s", quoteAll(t.cols), quote(t.name), quoteAll(t.key))
	gr, err := got.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer gr.Close()
	wr, err := want.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer wr.Close()
	keyIdx := make([]int, len(t.key))
	for i, k := range t.key {
		for j, c := range t.cols {
			if c == k {
				keyIdx[i] = j
			}
		}
	}
	next := func(rows *sql.Rows) ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		vals := make([]any, len(t.cols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		return vals, rows.Scan(ptrs...)
	}
	reported, more := 0, 0
	report := func(p db.Problem) {
		if reported < MaxPerTable {
			r.Add(p)
			reported++
		} else {
			more++
		}
	}
	g, err := next(gr)
	if err != nil {
		return err
	}
	w, err := next(wr)
	if err != nil {
		return err
	}
	for g != nil || w != nil {
		c := 0
		switch {
		case g == nil:
			c = 1
		case w == nil:
			c = -1
		default:
			c = compareKeys(g, w, keyIdx)
		}
		switch {
		case c < 0: // only in the database checked
			r.Rows++
			report(db.Problem{Check: "content", Table: t.name, Row: rowName(t, g, keyIdx),
				Msg: "in the database, but not in what its sources give: an inserted row, or one whose key was changed"})
			if g, err = next(gr); err != nil {
				return err
			}
		case c > 0: // only in the derived one
			report(db.Problem{Check: "content", Table: t.name, Row: rowName(t, w, keyIdx),
				Msg: "missing: the sources give this row, the database lacks it (a deleted row, or one whose key was changed)"})
			if w, err = next(wr); err != nil {
				return err
			}
		default:
			r.Rows++
			for i, col := range t.cols {
				if !sameValue(g[i], w[i]) {
					msg := fmt.Sprintf("the database has %s, its sources give %s", show(g[i]), show(w[i]))
					if t.name == "sources" && col == "parse_key" {
						msg += parseKeyHint
					}
					report(db.Problem{Check: "content", Table: t.name, Row: rowName(t, g, keyIdx), Column: col, Msg: msg})
				}
			}
			if g, err = next(gr); err != nil {
				return err
			}
			if w, err = next(wr); err != nil {
				return err
			}
		}
	}
	if more > 0 {
		r.Add(db.Problem{Check: "content", Table: t.name, Msg: fmt.Sprintf("and %d more differences", more)})
	}
	return nil
}

// parseKeyHint explains a parse key that differs: it covers the file's
// recorded hash, its manifest entry and the loader's code.
const parseKeyHint = " (the recorded file hash or manifest entry was changed, or another version of mediq's loader built the database: then rebuild it with this mediq)"

// compareKeys orders two rows by their key columns as SQLite's ORDER BY
// does for the values mediq's keys hold: NULL, then numbers, then text, then
// BLOBs; text by bytes.
func compareKeys(a, b []any, keyIdx []int) int {
	for _, i := range keyIdx {
		if c := compareValue(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

func class(v any) int {
	switch v.(type) {
	case nil:
		return 0
	case int64, float64:
		return 1
	case string:
		return 2
	default:
		return 3
	}
}

func compareValue(a, b any) int {
	ca, cb := class(a), class(b)
	if ca != cb {
		return ca - cb
	}
	switch x := a.(type) {
	case int64, float64:
		fa, fb := number(x), number(b)
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	case string:
		return strings.Compare(x, b.(string))
	case []byte:
		return bytes.Compare(x, b.([]byte))
	}
	return 0
}

func number(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

func sameValue(a, b any) bool {
	if class(a) != class(b) {
		return false
	}
	switch x := a.(type) {
	case nil:
		return true
	case int64:
		y, ok := b.(int64)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case string:
		return x == b.(string)
	case []byte:
		return bytes.Equal(x, b.([]byte))
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// rowName names a row by its key: "id=17", "document_id=3, char_start=120".
func rowName(t table, row []any, keyIdx []int) string {
	parts := make([]string, len(keyIdx))
	for i, k := range keyIdx {
		parts[i] = t.cols[k] + "=" + show(row[k])
	}
	return strings.Join(parts, ", ")
}

// show prints a value for a message, long text cut short.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		if utf8.RuneCountInString(x) > 40 {
			return fmt.Sprintf("%q… (%d characters)", string([]rune(x)[:40]), utf8.RuneCountInString(x))
		}
		return fmt.Sprintf("%q", x)
	case []byte:
		if len(x) <= 16 {
			return fmt.Sprintf("X'%X'", x)
		}
		return fmt.Sprintf("a BLOB of %d bytes (X'%X'…)", len(x), x[:16])
	}
	return fmt.Sprint(v)
}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		if n == "rowid" {
			q[i] = n
		} else {
			q[i] = quote(n)
		}
	}
	return strings.Join(q, ", ")
}
