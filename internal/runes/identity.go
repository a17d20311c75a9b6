package runes

import (
	"embed"
	"sync"

	"github.com/mediq/mediq/internal/codehash"
)

//go:embed *.go
var ownFiles embed.FS

var identity = sync.OnceValues(func() (string, []string) { return codehash.Of(ownFiles, "*.go") })

// Identity returns a hash of the package's code and the names of the files
// hashed, for parse keys: the loader reads text through it, so a change to
// it re-reads every source.
func Identity() (string, []string) { return identity() }
