package loader

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/mediq/mediq/internal/codehash"
	"github.com/mediq/mediq/internal/hanscript"
	"github.com/mediq/mediq/internal/regions"
	"github.com/mediq/mediq/internal/runes"
	"github.com/mediq/mediq/schema"
	"github.com/mediq/mediq/sources"
)

// parserFiles are the loader's own code and lexicons.
//
//go:embed *.go lexicon/*.tsv
var parserFiles embed.FS

// pipelineIdentity is a hash over everything between a file's bytes and the
// rows it gives: the loader's code and lexicons, the text pipeline of
// package sources (decoding, HTML extraction), the region list, and the
// schema with its full-text terms. pipelineFiles lists what it covers.
var pipelineIdentity = sync.OnceValue(func() string {
	h := sha256.New()
	for _, part := range pipelineParts() {
		fmt.Fprintf(h, "%s %s\n", part.name, part.hash)
	}
	return hex.EncodeToString(h.Sum(nil))
})

// pipelinePart is one package's share of the pipeline identity.
type pipelinePart struct {
	name  string   // the package's directory, from the module root
	hash  string   // codehash of its files
	files []string // the files hashed, relative to the directory
}

func pipelineParts() []pipelinePart {
	loaderHash, loaderFiles := codehash.Of(parserFiles, "*.go", "lexicon/*.tsv")
	srcHash, srcFiles := sources.PipelineIdentity()
	regHash, regFiles := regions.Identity()
	runeHash, runeFiles := runes.Identity()
	hanHash, hanFiles := hanscript.Identity()
	schHash, schFiles := schema.Identity()
	return []pipelinePart{
		{"loader", loaderHash, loaderFiles},
		{"sources", srcHash, srcFiles},
		{"internal/regions", regHash, regFiles},
		{"internal/runes", runeHash, runeFiles},
		{"internal/hanscript", hanHash, hanFiles},
		{"schema", schHash, schFiles},
	}
}

// ParseKey identifies what parsing a source depends on: its bytes, the text
// they decode to, its manifest entry, the indicator catalogue and the whole
// text pipeline (see pipelineIdentity). A source whose key is unchanged
// parses to the same rows.
func ParseKey(s sources.Source, inds []sources.Indicator) string {
	entry, _ := json.Marshal(struct {
		File, Outlet, PageDate string
		Corrections            []sources.Correction
		Documents              []sources.Document
		HTML                   bool
	}{s.File, s.Outlet, s.PageDate, s.Corrections, s.Documents, s.HTML})
	text := sha256.Sum256([]byte(s.Text))
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%x\n%s\n%s\n%s\n", s.SHA256, text, entry, pipelineIdentity(), CatalogueKey(inds))
	return hex.EncodeToString(h.Sum(nil))
}

// previous reads parsed sources back from a database built before, so that
// an incremental build re-reads only the sources that changed.
type previous struct {
	h    *sql.DB
	keys map[string]int64 // parse_key → sources.id
}

// openPrevious opens the database at path for reuse, or returns nil when
// there is none or it cannot be used (another schema, not a mediq file).
func openPrevious(ctx context.Context, path string) *previous {
	if path == "" {
		return nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro"}
	h, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil
	}
	p := &previous{h: h, keys: map[string]int64{}}
	rows, err := h.QueryContext(ctx, "SELECT id, parse_key FROM sources")
	if err != nil {
		h.Close()
		return nil
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var key string
		if rows.Scan(&id, &key) == nil {
			p.keys[key] = id
		}
	}
	if rows.Err() != nil {
		h.Close()
		return nil
	}
	return p
}

func (p *previous) close() {
	if p != nil {
		p.h.Close()
	}
}

// load returns the parsed form of src from the previous database, or nil
// when src changed since (or reading it fails: it is then parsed anew).
func (p *previous) load(ctx context.Context, src sources.Source, key string) *Parsed {
	if p == nil {
		return nil
	}
	sid, ok := p.keys[key]
	if !ok {
		return nil
	}
	out, err := p.read(ctx, src, sid)
	if err != nil {
		return nil
	}
	return out
}

func (p *previous) read(ctx context.Context, src sources.Source, sid int64) (*Parsed, error) {
	out := &Parsed{Source: src, Text: []rune(src.Text)}
	docs, err := p.h.QueryContext(ctx, "SELECT id FROM documents WHERE source_id = ? ORDER BY seq", sid)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for docs.Next() {
		var id int64
		if err := docs.Scan(&id); err != nil {
			docs.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	docs.Close()
	if len(ids) != len(src.Documents) {
		return nil, fmt.Errorf("document count changed")
	}
	for i, did := range ids {
		d := Doc{Document: src.Documents[i]}
		if err := p.readDoc(ctx, did, &d); err != nil {
			return nil, err
		}
		out.Documents = append(out.Documents, d)
	}
	return out, nil
}

func (p *previous) readDoc(ctx context.Context, did int64, d *Doc) error {
	err := p.each(ctx, "SELECT char_start, char_end FROM body_spans WHERE document_id = ? ORDER BY char_start", did, func(r *sql.Rows) error {
		var s Span
		err := r.Scan(&s.Start, &s.End)
		d.Body = append(d.Body, s)
		return err
	})
	if err != nil {
		return err
	}
	speakerIndex := map[int64]int{}
	err = p.each(ctx, "SELECT id FROM speakers WHERE document_id = ? ORDER BY id", did, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		speakerIndex[id] = len(speakerIndex)
		return err
	})
	if err != nil {
		return err
	}
	sentenceIndex := map[int64]int{}
	err = p.each(ctx, `SELECT id, char_start, char_end, line, coalesce(section, ''), coalesce(speaker, ''), speaker_id, text
		FROM sentences WHERE document_id = ? ORDER BY seq`, did, func(r *sql.Rows) error {
		var id int64
		var spk sql.NullInt64
		var s Sentence
		if err := r.Scan(&id, &s.Start, &s.End, &s.Line, &s.Section, &s.Speaker, &spk, &s.Text); err != nil {
			return err
		}
		s.SpeakerIndex = -1
		if spk.Valid {
			s.SpeakerIndex = speakerIndex[spk.Int64]
		}
		sentenceIndex[id] = len(d.Sentences)
		d.Sentences = append(d.Sentences, s)
		return nil
	})
	if err != nil {
		return err
	}
	err = p.each(ctx, "SELECT char_start, char_end, raw, reason FROM skipped WHERE document_id = ? ORDER BY id", did, func(r *sql.Rows) error {
		var k Skip
		err := r.Scan(&k.Start, &k.End, &k.Raw, &k.Reason)
		d.Skips = append(d.Skips, k)
		return err
	})
	if err != nil {
		return err
	}
	first := int64(-1)
	return p.each(ctx, `SELECT id, sentence_id, char_start, char_end, raw, value, value_max, unit, qualifier,
		period, coalesce(role, ''), coalesce(direction, ''), pair_id, coalesce(indicator_key, ''),
		coalesce(region, ''), issuer, coalesce(issuer_note, ''), coalesce(speaker, ''), coalesce(label, ''), coalesce(subject, '')
		FROM figures WHERE document_id = ? ORDER BY id`, did, func(r *sql.Rows) error {
		var id, sid int64
		var pair sql.NullInt64
		var v, vmax any
		var f Row
		if err := r.Scan(&id, &sid, &f.Start, &f.End, &f.Raw, &v, &vmax, &f.Unit, &f.Qualifier, &f.Period, &f.Role,
			&f.Direction, &pair, &f.Indicator, &f.Region, &f.Issuer, &f.IssuerNote, &f.Speaker, &f.Label, &f.Subject); err != nil {
			return err
		}
		if first < 0 {
			first = id
		}
		if f.Period == "unknown" {
			f.Period = ""
		}
		f.Pair, f.Respective = -1, -1
		if pair.Valid {
			f.Pair = int(pair.Int64 - first)
		}
		f.Sentence = sentenceIndex[sid]
		f.Value, f.ValueMax = decimalOf(v), decimalOf(vmax)
		d.Figures = append(d.Figures, f)
		return nil
	})
}

func (p *previous) each(ctx context.Context, q string, arg any, fn func(*sql.Rows) error) error {
	rows, err := p.h.QueryContext(ctx, q, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// decimalOf turns a value read back from SQLite into a Decimal. A float
// printed in its shortest form reads back as the decimal it was parsed from.
func decimalOf(v any) Decimal {
	switch x := v.(type) {
	case int64:
		return Decimal(strconv.FormatInt(x, 10))
	case float64:
		return Decimal(strconv.FormatFloat(x, 'f', -1, 64))
	case []byte:
		return Decimal(x)
	case string:
		return Decimal(x)
	}
	return "0"
}
