// Package atomicfile writes files so that no reader ever sees half of one:
// the data goes to a temporary file in the target's directory, which is
// synced, closed and renamed into place; on any failure it is removed and
// the target is left as it was.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrExists is returned, wrapped, when a Write with exclusive set finds the
// target already there.
var ErrExists = errors.New("file exists")

// Write writes the file at path through write, with mode perm. With
// exclusive set it refuses to replace an existing file, also one that
// appears while it writes.
func Write(path string, perm os.FileMode, exclusive bool, write func(io.Writer) error) (err error) {
	if exclusive {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), perm); err != nil {
		return err
	}
	if exclusive {
		// Link fails if path appeared meanwhile, so nothing is overwritten.
		// Where the file system has no hard links, check again and rename.
		err = os.Link(f.Name(), path)
		switch {
		case err == nil:
			return os.Remove(f.Name())
		case errors.Is(err, fs.ErrExist):
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		if _, statErr := os.Lstat(path); statErr == nil {
			err = fmt.Errorf("%s: %w", path, ErrExists)
			return err
		}
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// WriteFile writes data to path with mode perm, replacing any file there.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, false, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Fill puts a file at path that another writer produces, such as SQLite
// building a database or VACUUM INTO copying one: fill gets the name of a
// file in path's directory that does not exist yet and writes it; the file
// is then synced, given mode perm and renamed into place. When fill fails,
// the partial file (and a SQLite journal beside it) is removed and path is
// left as it was.
func Fill(path string, perm os.FileMode, fill func(tmp string) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // the name is reserved; the writer creates the file
	defer func() {
		if err != nil {
			os.Remove(tmp)
			os.Remove(tmp + "-journal")
		}
	}()
	if err = fill(tmp); err != nil {
		return err
	}
	if err = syncFile(tmp, perm); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// tempPrefix is how the names of path's temporary files begin: a dot (so
// they are hidden), path's base name, ".tmp-p", the writing process's id
// and a dash. The id tells RemoveStale whether the writer may still be at
// work.
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + ".tmp-p"
}

func tempPattern(path string) string {
	return tempPrefix(path) + strconv.Itoa(os.Getpid()) + "-*"
}

// RemoveStale removes the temporary files that Write and Fill left beside
// path when their process was killed (kill -9, a crash, a power cut), with
// the files kept beside them under the same name and a suffix (SQLite's
// journals, a build's full-text index), and returns their names. It removes
// only files named as Write and Fill name path's temporary files, and only
// those whose process is gone: a file of a running process, this one
// included, is left alone.
func RemoveStale(path string) ([]string, error) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	prefix := tempPrefix(path)
	var removed []string
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err == nil {
			removed = append(removed, name)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return removed, err
		}
	}
	return removed, nil
}

// processAlive reports whether a process with id pid may be running. It
// errs on the side of yes: a file is never taken from a live writer.
func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM) || !(errors.Is(err, os.ErrProcessDone) || errors.Is(err, syscall.ESRCH))
}

func syncFile(path string, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable; where a directory cannot be
// synced the rename stands all the same.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
