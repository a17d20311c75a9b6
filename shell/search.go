package shell

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/schema"
)

// searchSQL finds sentences through the full-text index, then keeps those
// that hold the text as written (the index ignores punctuation), and shows
// each with its document and the figures in it.
const searchSQL = `SELECT d.issue_date, d.title AS document, t.id AS sentence_id, t.speaker,
       (SELECT group_concat(f.raw, '、') FROM figures f WHERE f.sentence_id = t.id) AS figures,
       t.text AS sentence
FROM sentences t
JOIN documents d ON d.id = t.document_id
WHERE t.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH :match)
  AND instr(lower(t.text), lower(:text)) > 0
ORDER BY d.issue_date, d.id, t.seq`

// cmdSearch is .search TEXT: full-text search over every sentence.
func (s *Shell) cmdSearch(ctx context.Context, c *cmdLine) error {
	text := c.Rest(0)
	match := schema.FTSQuery(text)
	if match == "" {
		return errors.New(msgSearchUsage)
	}
	return s.runSQL(ctx, searchSQL, sql.Named("match", match), sql.Named("text", text))
}

// cmdVerify is .verify: the checks of `mediq verify` on the open database.
func (s *Shell) cmdVerify(ctx context.Context, _ *cmdLine) error {
	conn, err := s.connection(ctx)
	if err != nil {
		return err
	}
	r, err := db.Verify(ctx, conn)
	if r != nil {
		fmt.Fprint(s.console(), r)
	}
	return err
}
