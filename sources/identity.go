package sources

import (
	"embed"
	"sync"

	"github.com/mediq/mediq/internal/codehash"
)

// pipelineFiles is this package's code: decoding, HTML extraction, manifest
// reading and metadata guessing, everything that turns a file's bytes into
// the text and metadata the loader reads.
//
//go:embed *.go
var pipelineFiles embed.FS

var pipeline = sync.OnceValues(func() (string, []string) { return codehash.Of(pipelineFiles, "*.go") })

// PipelineIdentity returns a hash of the code that turns a file's bytes into
// text and metadata, and the names of the files hashed. A parse key includes
// it, so that a change to decoding or HTML extraction re-reads every source.
func PipelineIdentity() (string, []string) { return pipeline() }
