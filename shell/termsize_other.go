//go:build !unix

package shell

import "os"

// terminalSize reports no terminal size where it cannot be read, so results
// are printed without a pager.
func terminalSize(*os.File) (rows, cols int, ok bool) { return 0, 0, false }
