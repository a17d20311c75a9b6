//go:build unix

package shell

import (
	"os"

	"golang.org/x/sys/unix"
)

// terminalSize returns the height and width of the terminal f, if f is one.
func terminalSize(f *os.File) (rows, cols int, ok bool) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Row == 0 || ws.Col == 0 {
		return 0, 0, false
	}
	return int(ws.Row), int(ws.Col), true
}
