package hanscript

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"sync"

	"github.com/mediq/mediq/internal/codehash"
)

//go:embed *.go
var ownFiles embed.FS

// openccModule is the module whose tables convert the text, at the version
// go.mod requires (a test holds the two together).
const openccModule = "github.com/longbridgeapp/opencc@v0.3.13"

var identity = sync.OnceValues(func() (string, []string) {
	code, files := codehash.Of(ownFiles, "*.go")
	h := sha256.Sum256([]byte(code + "\n" + openccModule))
	return hex.EncodeToString(h[:]), files
})

// Identity returns a hash of the package's code and of the version of the
// OpenCC tables it converts with, and the names of the files hashed, for
// parse keys: the loader writes subjects through it, so a change to either
// re-reads every source.
func Identity() (string, []string) { return identity() }
