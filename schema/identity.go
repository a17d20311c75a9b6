package schema

import (
	"embed"
	"sync"

	"github.com/mediq/mediq/internal/codehash"
)

//go:embed *.go *.sql *.tsv
var ownFiles embed.FS

var identity = sync.OnceValues(func() (string, []string) { return codehash.Of(ownFiles, "*.go", "*.sql", "*.tsv") })

// Identity returns a hash of the schema, the dictionary, the presets and the
// code that derives the full-text terms (FTSTerms), and the names of the files
// hashed: a database built from the same sources changes when any does.
func Identity() (string, []string) { return identity() }
