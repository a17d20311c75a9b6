package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/mediq/mediq/schema"
)

// Sentence is one sentence of a document, with where it stands.
type Sentence struct {
	ID         int64
	DocumentID int64
	Document   string // document title
	IssueDate  string // YYYY-MM-DD
	Kind       string // plan, notice, press_conference or news
	Source     string // source file name
	Seq        int    // position in the document, from 1
	// Start and End are code-point offsets of Text in the source text.
	Start, End int
	Line       int    // 1-based line in the source file
	Section    string // heading the sentence stands under, if any
	Speaker    string // press-conference speaker, if any
	Text       string
	Figures    int // number of figures found in it
}

// ErrEmptySearch is returned by Search for text with no letter, digit or
// Chinese character to look for.
var ErrEmptySearch = errors.New("search: nothing to look for; give a word, a number or Chinese text")

const searchSQL = `
SELECT t.id, d.id, d.title, d.issue_date, d.kind, s.file, t.seq, t.char_start, t.char_end,
       t.line, coalesce(t.section, ''), coalesce(t.speaker, ''), t.text,
       (SELECT count(*) FROM figures f WHERE f.sentence_id = t.id)
FROM sentences t
JOIN documents d ON d.id = t.document_id
JOIN sources s ON s.id = t.source_id
WHERE t.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH :match)
  AND instr(lower(t.text), lower(:text)) > 0
ORDER BY d.issue_date, d.id, t.seq`

// Search returns the sentences holding text, found through the full-text
// index sentences_fts and ordered by document date, document and position.
// Chinese text matches where it stands in a sentence as written; letters
// and digits match ignoring ASCII case (drg finds DRG).
func (q *Queries) Search(ctx context.Context, text string) ([]Sentence, error) {
	match := schema.FTSQuery(text)
	if match == "" {
		return nil, ErrEmptySearch
	}
	rows, err := q.db.QueryContext(ctx, searchSQL, sql.Named("match", match), sql.Named("text", text))
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	defer rows.Close()
	var out []Sentence
	for rows.Next() {
		var s Sentence
		if err := rows.Scan(&s.ID, &s.DocumentID, &s.Document, &s.IssueDate, &s.Kind, &s.Source,
			&s.Seq, &s.Start, &s.End, &s.Line, &s.Section, &s.Speaker, &s.Text, &s.Figures); err != nil {
			return nil, fmt.Errorf("search %q: %w", text, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	return out, nil
}
