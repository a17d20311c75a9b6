//go:build !unix

package shell

import "os"

// terminalRows reports no terminal height where it cannot be read, so
// results are printed without a pager.
func terminalRows(*os.File) (int, bool) { return 0, false }
