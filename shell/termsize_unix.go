//go:build unix

package shell

import (
	"os"

	"golang.org/x/sys/unix"
)

// terminalRows returns the height of the terminal f, if f is one.
func terminalRows(f *os.File) (int, bool) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Row == 0 {
		return 0, false
	}
	return int(ws.Row), true
}
