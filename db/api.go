package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mediq/mediq/schema"
)

// DBTX is what Queries runs its SQL on: a *sql.DB, *sql.Conn or *sql.Tx, as
// returned by Open or OpenFile (Safe or not).
type DBTX interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Queries is the typed API over a mediq database. Its methods are safe for
// concurrent use when the DBTX is (a *sql.DB is).
type Queries struct {
	db DBTX
}

// New returns the typed API over h.
func New(h DBTX) *Queries { return &Queries{db: h} }

// ErrNoPreset is wrapped by RunPreset's error for a name no preset has.
var ErrNoPreset = errors.New("no such preset")

// Figure is one number found in a document, with where it stands and who
// stated it. Text fields the database leaves NULL are empty strings.
type Figure struct {
	ID  int64
	Raw string // verbatim text of the figure, e.g. "约1.68亿元"
	// Value and ValueMax are the normalized number (equal unless Qualifier
	// is "range"); integers are exact up to 2^53.
	Value, ValueMax float64
	Unit            string // unit after normalization, e.g. "元", "%", "家"
	Qualifier       string // exact, approx, gt, gte, lt, lte or range
	Period          string // period the figure refers to, e.g. "2023/2025"
	Role            string // actual, target, baseline or change
	Region          string
	Issuer          string // body that stated the figure
	IssuerNote      string
	Speaker         string // press-conference speaker, if any
	Label           string // indicator name in a plan's table, if any
	// Start and End are code-point offsets of Raw in the source text:
	// []rune(source.Text)[Start:End] == Raw.
	Start, End int

	SourceID int64
	Source   string // source file name, e.g. "000_06eea8c11720e39c.txt"
	Outlet   string // web site or outlet the source was saved from

	DocumentID int64
	Document   string // document title
	DocNumber  string // official document number, e.g. "国办发〔2022〕14号"
	IssueDate  string // YYYY-MM-DD
	Kind       string // plan, notice, press_conference or news

	SentenceID int64
	Sentence   string // the sentence the figure stands in
}

// Filter selects figures. A zero field matches everything.
type Filter struct {
	DocumentID int64
	Source     string // source file name
	Unit       string
	Qualifier  string
	Role       string
	Kind       string // document kind
	Issuer     string // exact issuer name
	// From and To bound the document's issue date, inclusive, as
	// YYYY-MM-DD.
	From, To string
	// Text selects figures whose sentence contains it.
	Text string
	// Limit caps the number of figures returned.
	Limit int
}

const figuresSQL = `
SELECT f.id, f.raw, f.value, f.value_max, f.unit, f.qualifier,
       coalesce(f.period, ''), coalesce(f.role, ''), coalesce(f.region, ''), f.issuer,
       coalesce(f.issuer_note, ''), coalesce(f.speaker, ''), coalesce(f.label, ''),
       f.char_start, f.char_end,
       s.id, s.file, s.outlet,
       d.id, d.title, coalesce(d.doc_number, ''), d.issue_date, d.kind,
       t.id, t.text
FROM figures f
JOIN sources s ON s.id = f.source_id
JOIN documents d ON d.id = f.document_id
JOIN sentences t ON t.id = f.sentence_id
WHERE (:document = 0 OR f.document_id = :document)
  AND (:source = '' OR s.file = :source)
  AND (:unit = '' OR f.unit = :unit)
  AND (:qualifier = '' OR f.qualifier = :qualifier)
  AND (:role = '' OR f.role = :role)
  AND (:kind = '' OR d.kind = :kind)
  AND (:issuer = '' OR f.issuer = :issuer)
  AND (:from = '' OR d.issue_date >= :from)
  AND (:to = '' OR d.issue_date <= :to)
  AND (:text = '' OR instr(t.text, :text) > 0)
ORDER BY d.issue_date, d.id, f.char_start
LIMIT :limit`

// Figures returns the figures f selects, ordered by document date, document
// and position in the text.
func (q *Queries) Figures(ctx context.Context, f Filter) ([]Figure, error) {
	limit := int64(-1)
	if f.Limit > 0 {
		limit = int64(f.Limit)
	}
	rows, err := q.db.QueryContext(ctx, figuresSQL,
		sql.Named("document", f.DocumentID), sql.Named("source", f.Source),
		sql.Named("unit", f.Unit), sql.Named("qualifier", f.Qualifier),
		sql.Named("role", f.Role), sql.Named("kind", f.Kind),
		sql.Named("issuer", f.Issuer), sql.Named("from", f.From), sql.Named("to", f.To),
		sql.Named("text", f.Text), sql.Named("limit", limit))
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	defer rows.Close()
	var out []Figure
	for rows.Next() {
		var x Figure
		if err := rows.Scan(&x.ID, &x.Raw, &x.Value, &x.ValueMax, &x.Unit, &x.Qualifier,
			&x.Period, &x.Role, &x.Region, &x.Issuer, &x.IssuerNote, &x.Speaker, &x.Label,
			&x.Start, &x.End, &x.SourceID, &x.Source, &x.Outlet,
			&x.DocumentID, &x.Document, &x.DocNumber, &x.IssueDate, &x.Kind,
			&x.SentenceID, &x.Sentence); err != nil {
			return nil, fmt.Errorf("figures: %w", err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	return out, nil
}

// Source is one source file, its text stored verbatim.
type Source struct {
	ID       int64
	File     string // file name in package sources
	SHA256   string // lowercase hex SHA-256 of the file's bytes
	Outlet   string // web site or outlet the page was saved from
	PageDate string // date shown on the page, YYYY-MM-DD, or ""
	Chars    int    // length of Text in code points
	Text     string
}

// Sources returns every source in id order.
func (q *Queries) Sources(ctx context.Context) ([]Source, error) {
	rows, err := q.db.QueryContext(ctx,
		`SELECT id, file, sha256, outlet, coalesce(page_date, ''), chars, text FROM sources ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		var s Source
		if err := rows.Scan(&s.ID, &s.File, &s.SHA256, &s.Outlet, &s.PageDate, &s.Chars, &s.Text); err != nil {
			return nil, fmt.Errorf("sources: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return out, nil
}

// Document is one document found in a source: a plan, a notice, a press
// conference or a news report.
type Document struct {
	ID        int64
	SourceID  int64
	Source    string // source file name
	Seq       int    // position among the documents of its source, from 1
	Title     string
	Number    string // official document number, or ""
	Issuer    string
	IssueDate string // YYYY-MM-DD
	Kind      string // plan, notice, press_conference or news
	Region    string
	// BodyStart and BodyEnd are the code-point offsets of the body in the
	// source text.
	BodyStart, BodyEnd int
	Figures            int // number of figures found in it
}

// Documents returns every document ordered by issue date and id.
func (q *Queries) Documents(ctx context.Context) ([]Document, error) {
	rows, err := q.db.QueryContext(ctx, `
SELECT d.id, d.source_id, s.file, d.seq, d.title, coalesce(d.doc_number, ''), d.issuer,
       d.issue_date, d.kind, coalesce(d.region, ''), d.body_start, d.body_end,
       (SELECT count(*) FROM figures f WHERE f.document_id = d.id)
FROM documents d JOIN sources s ON s.id = d.source_id
ORDER BY d.issue_date, d.id`)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.ID, &d.SourceID, &d.Source, &d.Seq, &d.Title, &d.Number, &d.Issuer,
			&d.IssueDate, &d.Kind, &d.Region, &d.BodyStart, &d.BodyEnd, &d.Figures); err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	return out, nil
}

// Presets returns the preset queries stored in the database, in name order.
func (q *Queries) Presets(ctx context.Context) ([]schema.Preset, error) {
	rows, err := q.db.QueryContext(ctx,
		`SELECT name, title_zh, title_en, description, sql, params FROM presets ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("presets: %w", err)
	}
	defer rows.Close()
	var out []schema.Preset
	for rows.Next() {
		var p schema.Preset
		var params string
		if err := rows.Scan(&p.Name, &p.TitleZh, &p.TitleEn, &p.Description, &p.SQL, &params); err != nil {
			return nil, fmt.Errorf("presets: %w", err)
		}
		if err := json.Unmarshal([]byte(params), &p.Params); err != nil {
			return nil, fmt.Errorf("presets: parameters of %q: %w", p.Name, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("presets: %w", err)
	}
	return out, nil
}

// Result is the outcome of a preset query: column names and rows of values
// as SQLite returns them (int64, float64, string, []byte or nil).
type Result struct {
	Columns []string
	Rows    [][]any
}

// RunPreset runs the preset query called name. Each argument is either an
// sql.NamedArg naming one of the preset's parameters, or a plain value bound
// to the parameters in order; a parameter without an argument takes its
// default. All values are bound, never spliced into the SQL.
func (q *Queries) RunPreset(ctx context.Context, name string, args ...any) (*Result, error) {
	presets, err := q.Presets(ctx)
	if err != nil {
		return nil, err
	}
	var p *schema.Preset
	var names []string
	for i := range presets {
		names = append(names, presets[i].Name)
		if presets[i].Name == name {
			p = &presets[i]
		}
	}
	if p == nil {
		return nil, fmt.Errorf("preset %q: %w; the presets are %s", name, ErrNoPreset, strings.Join(names, ", "))
	}
	bound, err := bindPreset(p, args)
	if err != nil {
		return nil, err
	}
	rows, err := q.db.QueryContext(ctx, p.SQL, bound...)
	if err != nil {
		return nil, fmt.Errorf("preset %s: %w", name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("preset %s: %w", name, err)
	}
	res := &Result{Columns: cols}
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("preset %s: %w", name, err)
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("preset %s: %w", name, err)
	}
	return res, nil
}

// bindPreset matches args to p's parameters and fills in defaults.
func bindPreset(p *schema.Preset, args []any) ([]any, error) {
	vals := make(map[string]any, len(p.Params))
	var names []string
	for _, par := range p.Params {
		names = append(names, ":"+par.Name)
	}
	pos := 0
	for _, a := range args {
		if na, ok := a.(sql.NamedArg); ok {
			found := false
			for _, par := range p.Params {
				found = found || par.Name == na.Name
			}
			if !found {
				return nil, fmt.Errorf("preset %s has no parameter %q; its parameters are %s", p.Name, na.Name, paramList(names))
			}
			vals[na.Name] = na.Value
			continue
		}
		if pos >= len(p.Params) {
			return nil, fmt.Errorf("preset %s takes %d arguments (%s), got more", p.Name, len(p.Params), paramList(names))
		}
		vals[p.Params[pos].Name] = a
		pos++
	}
	bound := make([]any, 0, len(p.Params))
	for _, par := range p.Params {
		v, ok := vals[par.Name]
		if !ok {
			v = par.Default
			if n, err := strconv.ParseInt(par.Default, 10, 64); err == nil {
				v = n
			}
		}
		bound = append(bound, sql.Named(par.Name, v))
	}
	return bound, nil
}

func paramList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
