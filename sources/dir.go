package sources

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Loaded is what LoadDir found in a directory.
type Loaded struct {
	// Sources are the files loaded: the manifest's, in its order, then files
	// it does not list, by name.
	Sources []Source
	// Warnings say what was guessed, and why.
	Warnings []Warning
	// Skipped are files that could not be loaded; nothing of them is built.
	Skipped []Skip
}

// Warning is something a person should know about a build: what was guessed
// for a file the manifest does not list, or a manifest that is missing.
type Warning struct {
	File string
	Msg  string
}

func (w Warning) String() string { return w.File + ": " + w.Msg }

// Skip is a file left out of a build, with the reason.
type Skip struct {
	File string
	Err  error
}

// DocumentExts are the file name extensions LoadDir treats as documents.
var DocumentExts = []string{".txt", ".html", ".htm", ".md"}

// IsDocument reports whether a file name has one of DocumentExts.
func IsDocument(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range DocumentExts {
		if ext == e {
			return true
		}
	}
	return false
}

// ErrOutside is wrapped by the reason a file is refused when it is a
// symbolic link that leads outside the directory being loaded.
var ErrOutside = errors.New("leads outside the folder")

// MaxManifestBytes bounds a manifest: its size on disk, and its size once
// every YAML alias in it is expanded (an anchored value aliased many times
// would otherwise multiply into gigabytes).
const MaxManifestBytes = 4 << 20

// maxLinkHops bounds how many symbolic links LoadDir follows for one name.
const maxLinkHops = 40

// LoadDir reads a directory of documents and its manifest, forgivingly: a
// file the manifest does not list is loaded with what can be inferred from
// its text (title from its first line, date from the text) and a warning
// says what was guessed; a file that cannot be read, is empty, binary or in
// an unknown encoding is skipped with the reason. A manifest that does not
// parse, or names a file that is not there, is an error: nothing is loaded.
//
// LoadDir stays inside fsys: the manifest must be a regular file; a listed
// file that is a symbolic link is followed only while it leads to a file
// inside fsys, else it is skipped with a reason wrapping ErrOutside; an
// unlisted symbolic link, and any other unlisted file that is not a
// document (see DocumentExts), is skipped with its reason too, so that
// nothing is left out unseen. Hidden files, indicators.yaml and SQLite
// database files are not reported.
func LoadDir(fsys fs.FS) (Loaded, error) {
	var l Loaded
	var listed []Source
	data, err := readManifest(fsys)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.Warnings = append(l.Warnings, Warning{ManifestFile, "missing: every file's title, date and issuer are guessed; run `mediq build --init DIR` to write one"})
	case err != nil:
		return l, err
	default:
		if listed, err = ParseManifest(ManifestFile, data); err != nil {
			return l, err
		}
	}
	seen := map[string]bool{}
	for _, s := range listed {
		seen[s.File] = true
		name, err := resolve(fsys, s.File)
		if errors.Is(err, ErrOutside) {
			l.Skipped = append(l.Skipped, Skip{s.File, &ManifestError{File: ManifestFile, Line: s.Line, Msg: err.Error(), Err: err}})
			continue
		}
		if err != nil {
			return l, &ManifestError{File: ManifestFile, Line: s.Line, Msg: fmt.Sprintf("%s: %v", s.File, unwrapPath(err))}
		}
		if err := s.read(fsys, name); err != nil {
			l.Skipped = append(l.Skipped, Skip{s.File, err})
			continue
		}
		l.Sources = append(l.Sources, s)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return l, fmt.Errorf("read directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case seen[name] || e.IsDir() || strings.HasPrefix(name, ".") ||
			name == ManifestFile || name == IndicatorsFile || isDatabaseFile(name):
		case e.Type()&fs.ModeSymlink != 0:
			if _, err := resolve(fsys, name); err != nil {
				l.Skipped = append(l.Skipped, Skip{name, err})
			} else {
				l.Skipped = append(l.Skipped, Skip{name, fmt.Errorf("%s: a symbolic link the manifest does not list: list it in %s to load it", name, ManifestFile)})
			}
		case !e.Type().IsRegular():
			l.Skipped = append(l.Skipped, Skip{name, fmt.Errorf("%s: not a regular file", name)})
		case !IsDocument(name):
			l.Skipped = append(l.Skipped, Skip{name, fmt.Errorf("%s: not a document: mediq reads %s files", name, strings.Join(DocumentExts, ", "))})
		default:
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		s := Source{File: name}
		if err := s.read(fsys, name); err != nil {
			l.Skipped = append(l.Skipped, Skip{name, err})
			continue
		}
		s.infer()
		l.Warnings = append(l.Warnings, Warning{name, "not in the manifest; guessed " + strings.Join(s.Guessed, ", ")})
		l.Sources = append(l.Sources, s)
	}
	return l, nil
}

// readManifest reads the manifest of fsys, which must be a regular file
// inside it of at most MaxManifestBytes.
func readManifest(fsys fs.FS) ([]byte, error) {
	info, err := fs.Lstat(fsys, ManifestFile)
	if err != nil {
		return nil, err
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, _ := fs.ReadLink(fsys, ManifestFile)
		return nil, &ManifestError{File: ManifestFile, Msg: fmt.Sprintf("a symbolic link (to %s): the manifest must be a regular file inside the folder; put a copy in its place", target)}
	case !info.Mode().IsRegular():
		return nil, &ManifestError{File: ManifestFile, Msg: "not a regular file: the manifest must be a regular file inside the folder"}
	case info.Size() > MaxManifestBytes:
		return nil, &ManifestError{File: ManifestFile, Msg: fmt.Sprintf("%d bytes, more than the %d a manifest may have", info.Size(), MaxManifestBytes)}
	}
	data, err := fs.ReadFile(fsys, ManifestFile)
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	if len(data) > MaxManifestBytes {
		return nil, &ManifestError{File: ManifestFile, Msg: fmt.Sprintf("more than the %d bytes a manifest may have", MaxManifestBytes)}
	}
	return data, nil
}

// resolve returns the name inside fsys of the file that name, a file in
// fsys's top directory, leads to: name itself, or where its symbolic links
// lead while they stay inside fsys. A link that leads outside (an absolute
// target, one climbing above the top directory, or one through a linked
// directory) fails with an error wrapping ErrOutside that names it and its
// target.
func resolve(fsys fs.FS, name string) (string, error) {
	cur := name
	for range maxLinkHops {
		info, err := fs.Lstat(fsys, cur)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return cur, nil
		}
		target, err := fs.ReadLink(fsys, cur)
		if err != nil {
			return "", err
		}
		next := path.Join(path.Dir(cur), filepath.ToSlash(target))
		if filepath.IsAbs(target) || path.IsAbs(target) || !fs.ValidPath(next) || linkedDir(fsys, next) {
			return "", fmt.Errorf("%s: a symbolic link to %s, which %w: refused; copy the file into the folder to build it", name, target, ErrOutside)
		}
		cur = next
	}
	return "", fmt.Errorf("%s: more than %d symbolic links in a row: refused", name, maxLinkHops)
}

// linkedDir reports whether a directory on the way to name inside fsys is a
// symbolic link (or cannot be checked).
func linkedDir(fsys fs.FS, name string) bool {
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		info, err := fs.Lstat(fsys, dir)
		if err != nil || info.Mode()&fs.ModeSymlink != 0 {
			return true
		}
	}
	return false
}

// isDatabaseFile reports whether name is an SQLite database a build may have
// written into the folder, or one of its journals.
func isDatabaseFile(name string) bool {
	for _, suffix := range []string{".db", ".db-journal", ".db-wal", ".db-shm", ".sqlite"} {
		if strings.HasSuffix(strings.ToLower(name), suffix) {
			return true
		}
	}
	return false
}

// unwrapPath returns the reason of a *fs.PathError without its operation
// and path, which the caller names itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var reOutlet = lazyRegexp(`来源\s*[:：]\s*([^\s|｜]+)`)

// infer fills in a manifest entry for a file the manifest does not list,
// from its text: see guessDocument.
func (s *Source) infer() {
	d, outlet, why := guessDocument(s.Text)
	s.Outlet, s.PageDate, s.Documents = outlet, d.Date, []Document{d}
	s.Guessed = append(s.Guessed, why...)
}

func truncateRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n])
}

// Skeleton returns a commented manifest for the given sources, with what
// could be inferred filled in, for a person to correct: `mediq build --init`.
func Skeleton(srcs []Source) string {
	var b strings.Builder
	b.WriteString(`# mediq manifest: one entry per document file in this directory.
# Check every value: they were guessed from the text. Then run
#   mediq build -o mediq.db DIR
#
# file        the file's name in this directory
# outlet      the web site or outlet the page was saved from
# page_date   the date shown on the page (YYYY-MM-DD)
# corrections damaged text and what it stands for: find, replace, reason
# documents   the documents the file holds, each with
#   title, number (document number, e.g. 桂政办发〔2022〕6号), issuers (a list),
#   date (YYYY-MM-DD), kind (plan, notice, press_conference or news), region,
#   body: the text each body span starts with and ends with (leave it out
#         and the whole file is the body),
#   speakers: for a press conference, each speaker's name and agency.

sources:
`)
	for _, s := range srcs {
		fmt.Fprintf(&b, "  - file: %s\n", yamlString(s.File))
		writeGuessed(&b, s.Guessed)
		fmt.Fprintf(&b, "    outlet: %s\n", yamlString(s.Outlet))
		if s.PageDate != "" {
			fmt.Fprintf(&b, "    page_date: %s\n", s.PageDate)
		} else {
			b.WriteString("    # page_date: YYYY-MM-DD\n")
		}
		b.WriteString("    documents:\n")
		for _, d := range s.Documents {
			fmt.Fprintf(&b, "      - title: %s\n", yamlString(d.Title))
			fmt.Fprintf(&b, "        number: %s\n", yamlString(d.Number))
			b.WriteString("        issuers:\n")
			for _, is := range d.Issuers {
				fmt.Fprintf(&b, "          - %s\n", yamlString(is))
			}
			if d.Date != "" {
				fmt.Fprintf(&b, "        date: %s\n", d.Date)
			} else {
				b.WriteString("        date: 2000-01-01  # not found in the text: correct it\n")
			}
			fmt.Fprintf(&b, "        kind: %s\n", d.Kind)
			fmt.Fprintf(&b, "        region: %s\n", yamlString(d.Region))
			b.WriteString("        # body:\n        #   - start: 正文开头的文字\n        #     end: 正文结尾的文字\n")
			writeSpeakers(&b, d.Speakers)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func yamlString(s string) string {
	if s == "" {
		return `""`
	}
	return fmt.Sprintf("%q", s)
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
