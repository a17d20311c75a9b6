package sources

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
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

// LoadDir reads a directory of documents and its manifest, forgivingly: a
// file the manifest does not list is loaded with what can be inferred from
// its text (title from its first line, date from the text) and a warning
// says what was guessed; a file that cannot be read, is empty, binary or in
// an unknown encoding is skipped with the reason. A manifest that does not
// parse, or names a file that is not there, is an error: nothing is loaded.
func LoadDir(fsys fs.FS) (Loaded, error) {
	var l Loaded
	var listed []Source
	data, err := fs.ReadFile(fsys, ManifestFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.Warnings = append(l.Warnings, Warning{ManifestFile, "missing: every file's title, date and issuer are guessed; run `mediq build --init DIR` to write one"})
	case err != nil:
		return l, fmt.Errorf("read manifest: %w", err)
	default:
		if listed, err = ParseManifest(ManifestFile, data); err != nil {
			return l, err
		}
	}
	seen := map[string]bool{}
	for _, s := range listed {
		seen[s.File] = true
		if _, err := fs.Stat(fsys, s.File); err != nil {
			return l, &ManifestError{File: ManifestFile, Line: s.Line, Msg: fmt.Sprintf("%s: %v", s.File, errors.Unwrap(err))}
		}
		if err := s.read(fsys); err != nil {
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
		if e.Type().IsRegular() && !seen[e.Name()] && IsDocument(e.Name()) && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		s := Source{File: name}
		if err := s.read(fsys); err != nil {
			l.Skipped = append(l.Skipped, Skip{name, err})
			continue
		}
		s.infer()
		l.Warnings = append(l.Warnings, Warning{name, "not in the manifest; guessed " + strings.Join(s.Guessed, ", ")})
		l.Sources = append(l.Sources, s)
	}
	return l, nil
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
