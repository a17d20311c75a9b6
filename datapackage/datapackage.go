// Package datapackage writes a mediq database as a Frictionless Data Package
// (version 2, https://datapackage.org): one CSV file per table and a
// datapackage.json describing each of them with its table schema (field
// names, types and the data dictionary's descriptions), the sources with
// their SHA-256 hashes and outlets, the licence and the data version. Tools
// that read data packages (frictionless, pandas, R, spreadsheets) then need
// no SQLite.
package datapackage

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mediq/mediq/db"
)

// DescriptorFile is the name of the package descriptor in the directory
// Write fills.
const DescriptorFile = "datapackage.json"

// Profile is the Data Package v2 profile the descriptor declares.
const Profile = "https://datapackage.org/profiles/2.0/datapackage.json"

// ErrNotEmpty is wrapped by Write's error when the target directory exists
// and holds files.
var ErrNotEmpty = errors.New("directory is not empty")

// Options adjust Write.
type Options struct {
	// BOM starts each CSV file with a UTF-8 byte order mark, which
	// spreadsheet programs such as Excel need to read the Chinese text
	// as UTF-8; the descriptor then gives the files' encoding as
	// "utf-8-sig".
	BOM bool
	// Licenses replaces DefaultLicenses in the descriptor.
	Licenses []License
}

// License is one entry of the descriptor's licenses: Name is an Open
// Definition licence id, Path a URL, Title a human-readable text.
type License struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

// DefaultLicenses is the licence statement of mediq's data: the source texts
// are reproduced from their publishers' pages and remain under their terms,
// so the package as a whole is not declared open.
func DefaultLicenses() []License {
	return []License{{
		Name: "other-closed",
		Title: "Source texts are reproduced verbatim from the publishers' pages listed under sources " +
			"and remain under their terms; check them before republishing.",
	}}
}

// Package is the descriptor written to datapackage.json.
type Package struct {
	Schema      string     `json:"$schema"`
	Name        string     `json:"name"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Version     string     `json:"version"`
	Licenses    []License  `json:"licenses"`
	Sources     []Source   `json:"sources"`
	Resources   []Resource `json:"resources"`
	// SchemaVersion is mediq's schema version (PRAGMA user_version).
	SchemaVersion int `json:"mediq:schemaVersion"`
}

// Source is one source text the data was read from.
type Source struct {
	Title    string `json:"title"`
	File     string `json:"mediq:file"`
	SHA256   string `json:"mediq:sha256"`
	Outlet   string `json:"mediq:outlet"`
	PageDate string `json:"mediq:pageDate,omitempty"`
}

// Resource is one table as a CSV file.
type Resource struct {
	Name          string `json:"name"`
	Type          string `json:"type"`
	Path          string `json:"path"`
	Format        string `json:"format"`
	Mediatype     string `json:"mediatype"`
	Encoding      string `json:"encoding"`
	Bytes         int64  `json:"bytes"`
	Hash          string `json:"hash"`
	Description   string `json:"description,omitempty"`
	DescriptionZh string `json:"mediq:descriptionZh,omitempty"`
	Rows          int    `json:"mediq:rows"`
	Schema        Schema `json:"schema"`
}

// Schema is a Table Schema.
type Schema struct {
	Fields        []Field      `json:"fields"`
	MissingValues []string     `json:"missingValues"`
	PrimaryKey    []string     `json:"primaryKey,omitempty"`
	ForeignKeys   []ForeignKey `json:"foreignKeys,omitempty"`
}

// Field is one column of a table.
type Field struct {
	Name          string `json:"name"`
	Type          string `json:"type"`
	Description   string `json:"description"`
	DescriptionZh string `json:"mediq:descriptionZh,omitempty"`
	// MissingValues is empty for a NOT NULL text column, so that an empty
	// string reads as itself rather than as missing.
	MissingValues *[]string    `json:"missingValues,omitempty"`
	Constraints   *Constraints `json:"constraints,omitempty"`
}

// Constraints of a field.
type Constraints struct {
	Required bool `json:"required,omitempty"`
}

// ForeignKey links fields to another resource's fields.
type ForeignKey struct {
	Fields    []string  `json:"fields"`
	Reference Reference `json:"reference"`
}

// Reference is the target of a ForeignKey.
type Reference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// Write writes the database behind h as a data package into dir, which must
// not exist or be an empty directory. The files are built in a temporary
// directory beside dir and renamed into place, so dir never holds a partial
// package. It returns the descriptor written.
func Write(ctx context.Context, h db.DBTX, dir string, opts Options) (_ *Package, err error) {
	if err := checkTarget(dir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(dir))+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	pkg, err := build(ctx, h, tmp, opts)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		// An empty target directory that rename cannot replace on this
		// system: remove it and try once more.
		if rmErr := os.Remove(dir); rmErr != nil {
			return nil, fmt.Errorf("export: move package into %s: %w", dir, err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			return nil, fmt.Errorf("export: move package into %s: %w", dir, err)
		}
	}
	syncDir(parent)
	return pkg, nil
}

// checkTarget accepts a missing path or an empty directory.
func checkTarget(dir string) error {
	if dir == "" {
		return errors.New("export: no directory given")
	}
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(filepath.Dir(filepath.Clean(dir))); err != nil {
			return fmt.Errorf("export: parent of %s: %w; create it first", dir, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("export: %s is a file; name a new or empty directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("export: %s: %w (%d entries); name a new or empty directory so that nothing is overwritten", dir, ErrNotEmpty, len(entries))
	}
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: some systems cannot sync a directory
		d.Close()
	}
}

// build writes the CSV files and the descriptor into tmp.
func build(ctx context.Context, h db.DBTX, tmp string, opts Options) (*Package, error) {
	pkg := &Package{
		Schema: Profile,
		Name:   "mediq",
		Title:  "mediq: figures of China's healthcare-reform documents",
		Description: "Every figure found in a set of Chinese healthcare-reform documents (plans, notices, " +
			"press conferences, news), with its normalized value and unit, the sentence it stands in, " +
			"its issuer and date, and the verbatim source texts its character offsets point into.",
		Licenses: opts.Licenses,
	}
	if pkg.Licenses == nil {
		pkg.Licenses = DefaultLicenses()
	}
	var err error
	if pkg.Version, pkg.SchemaVersion, err = db.VersionOf(ctx, h); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if pkg.Sources, err = sources(ctx, h); err != nil {
		return nil, err
	}
	dict, err := dictionary(ctx, h)
	if err != nil {
		return nil, err
	}
	tables, err := strings1(ctx, h, tablesSQL)
	if err != nil {
		return nil, fmt.Errorf("export: list tables: %w", err)
	}
	for _, t := range tables {
		r, err := writeTable(ctx, h, tmp, t, dict, opts.BOM)
		if err != nil {
			return nil, err
		}
		pkg.Resources = append(pkg.Resources, *r)
	}
	b, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := writeFile(filepath.Join(tmp, DescriptorFile), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	}); err != nil {
		return nil, err
	}
	return pkg, nil
}

// tablesSQL lists the ordinary tables in schema order. Virtual tables (the
// full-text index) and their shadow tables are derived from the others and
// are left out.
const tablesSQL = `
SELECT m.name FROM sqlite_master m
JOIN pragma_table_list t ON t.schema = 'main' AND t.name = m.name
WHERE m.type = 'table' AND t.type = 'table' AND m.name NOT LIKE 'sqlite_%'
ORDER BY m.rowid`

type entry struct{ en, zh string }

// dictionary returns the data dictionary keyed by "table.column" ("table."
// for the table itself).
func dictionary(ctx context.Context, h db.DBTX) (map[string]entry, error) {
	rows, err := h.QueryContext(ctx, "SELECT table_name, column_name, description_en, description_zh FROM dictionary")
	if err != nil {
		return nil, fmt.Errorf("export: dictionary: %w", err)
	}
	defer rows.Close()
	m := map[string]entry{}
	for rows.Next() {
		var t, c string
		var e entry
		if err := rows.Scan(&t, &c, &e.en, &e.zh); err != nil {
			return nil, fmt.Errorf("export: dictionary: %w", err)
		}
		m[t+"."+c] = e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: dictionary: %w", err)
	}
	return m, nil
}

func sources(ctx context.Context, h db.DBTX) ([]Source, error) {
	rows, err := h.QueryContext(ctx, "SELECT file, sha256, outlet, coalesce(page_date, '') FROM sources ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("export: sources: %w", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		var s Source
		if err := rows.Scan(&s.File, &s.SHA256, &s.Outlet, &s.PageDate); err != nil {
			return nil, fmt.Errorf("export: sources: %w", err)
		}
		s.Title = s.Outlet
		if s.PageDate != "" {
			s.Title += ", " + s.PageDate
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: sources: %w", err)
	}
	return out, nil
}

type column struct {
	name, decl string
	notNull    bool
	pk         int
}

// fieldType maps an SQLite column to a Table Schema type.
func fieldType(c column) string {
	decl := strings.ToUpper(c.decl)
	switch {
	case strings.Contains(decl, "INT"):
		return "integer"
	case strings.HasSuffix(c.name, "_date") && strings.Contains(decl, "TEXT"):
		return "date"
	case strings.Contains(decl, "CHAR"), strings.Contains(decl, "CLOB"), strings.Contains(decl, "TEXT"):
		return "string"
	case strings.Contains(decl, "REAL"), strings.Contains(decl, "FLOA"), strings.Contains(decl, "DOUB"),
		strings.Contains(decl, "NUM"), strings.Contains(decl, "DEC"):
		return "number"
	}
	return "any"
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// writeTable writes table as NAME.csv into dir and describes it.
func writeTable(ctx context.Context, h db.DBTX, dir, table string, dict map[string]entry, bom bool) (*Resource, error) {
	cols, err := columns(ctx, h, table)
	if err != nil {
		return nil, err
	}
	d := dict[table+"."]
	// The encoding says what the bytes are: with a byte order mark first,
	// "utf-8-sig", the name Python and frictionless-py give UTF-8 that
	// starts with one. Read as plain "utf-8", the mark becomes part of the
	// first column's name ("\ufeffid").
	enc := "utf-8"
	if bom {
		enc = "utf-8-sig"
	}
	r := &Resource{
		Name: table, Type: "table", Path: table + ".csv", Format: "csv", Mediatype: "text/csv",
		Encoding: enc, Description: d.en, DescriptionZh: d.zh,
		Schema: Schema{MissingValues: []string{""}},
	}
	var names, pk []string
	pkAt := map[int]string{}
	for _, c := range cols {
		names = append(names, quoteIdent(c.name))
		e := dict[table+"."+c.name]
		f := Field{Name: c.name, Type: fieldType(c), Description: e.en, DescriptionZh: e.zh}
		if c.notNull || c.pk > 0 {
			f.Constraints = &Constraints{Required: true}
			if f.Type == "string" {
				f.MissingValues = &[]string{}
			}
		}
		if c.pk > 0 {
			pkAt[c.pk] = c.name
		}
		r.Schema.Fields = append(r.Schema.Fields, f)
	}
	for i := 1; i <= len(pkAt); i++ {
		pk = append(pk, pkAt[i])
	}
	r.Schema.PrimaryKey = pk
	if r.Schema.ForeignKeys, err = foreignKeys(ctx, h, table); err != nil {
		return nil, err
	}
	order := "rowid"
	if len(pk) > 0 {
		var q []string
		for _, c := range pk {
			q = append(q, quoteIdent(c))
		}
		order = strings.Join(q, ", ")
	}
	rows, err := h.QueryContext(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+quoteIdent(table)+" ORDER BY "+order)
	if err != nil {
		return nil, fmt.Errorf("export: read %s: %w", table, err)
	}
	defer rows.Close()
	path := filepath.Join(dir, r.Path)
	sum := sha256.New()
	var size int64
	err = writeFile(path, func(w io.Writer) error {
		cw := &countWriter{w: io.MultiWriter(w, sum)}
		if bom {
			if _, err := cw.Write([]byte("\uFEFF")); err != nil {
				return err
			}
		}
		out := csv.NewWriter(cw)
		header := make([]string, len(cols))
		for i, c := range cols {
			header[i] = c.name
		}
		if err := out.Write(header); err != nil {
			return err
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		rec := make([]string, len(cols))
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			for i, v := range vals {
				rec[i] = format(v)
			}
			if err := out.Write(rec); err != nil {
				return err
			}
			r.Rows++
		}
		if err := rows.Err(); err != nil {
			return err
		}
		out.Flush()
		size = cw.n
		return out.Error()
	})
	if err != nil {
		return nil, fmt.Errorf("export: write %s: %w", table, err)
	}
	r.Bytes = size
	r.Hash = "sha256:" + hex.EncodeToString(sum.Sum(nil))
	return r, nil
}

// format renders one SQLite value as CSV text; NULL is the empty string.
func format(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	case []byte:
		return hex.EncodeToString(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

func columns(ctx context.Context, h db.DBTX, table string) ([]column, error) {
	rows, err := h.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, fmt.Errorf("export: columns of %s: %w", table, err)
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.decl, &c.notNull, &c.pk); err != nil {
			return nil, fmt.Errorf("export: columns of %s: %w", table, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: columns of %s: %w", table, err)
	}
	return out, nil
}

func foreignKeys(ctx context.Context, h db.DBTX, table string) ([]ForeignKey, error) {
	rows, err := h.QueryContext(ctx, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
	if err != nil {
		return nil, fmt.Errorf("export: foreign keys of %s: %w", table, err)
	}
	defer rows.Close()
	var out []ForeignKey
	last := -1
	for rows.Next() {
		var id int
		var ref, from, to string
		if err := rows.Scan(&id, &ref, &from, &to); err != nil {
			return nil, fmt.Errorf("export: foreign keys of %s: %w", table, err)
		}
		if id != last {
			out = append(out, ForeignKey{Reference: Reference{Resource: ref}})
			last = id
		}
		fk := &out[len(out)-1]
		fk.Fields = append(fk.Fields, from)
		fk.Reference.Fields = append(fk.Reference.Fields, to)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: foreign keys of %s: %w", table, err)
	}
	return out, nil
}

func strings1(ctx context.Context, h db.DBTX, query string) ([]string, error) {
	rows, err := h.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// writeFile creates path, lets fill write it, and syncs and closes it.
func writeFile(path string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
