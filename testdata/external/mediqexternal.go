// Package mediqexternal is a program outside the mediq repository that uses
// mediq's db package the way any importer would: through its module path, with
// nothing but the exported API. The mediq repository's db tests run its tests.
package mediqexternal

import (
	"context"
	"fmt"

	"github.com/mediq/mediq/db"
)

// Timeline returns one line per document, oldest first: its issue date, its
// kind, how many figures it holds and its title.
func Timeline(ctx context.Context) ([]string, error) {
	h, err := db.Open(ctx, db.Safe())
	if err != nil {
		return nil, err
	}
	defer h.Close()
	docs, err := db.New(h).Documents(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range docs {
		out = append(out, fmt.Sprintf("%s %s %d %s", d.IssueDate, d.Kind, d.Figures, d.Title))
	}
	return out, nil
}
