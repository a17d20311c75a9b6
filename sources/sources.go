// Package sources holds the documents mediq is built from and the manifest that
// describes them: outlet, dates, issuers, where each body begins and ends, the
// speakers of press conferences and corrections of damaged text.
//
// The documents are stored byte for byte as they were saved from the web; the
// manifest (manifest.yaml) is edited by hand. Embedded returns both as they are
// compiled into this package; Load reads the same layout from any fs.FS, so a
// directory of a person's own documents is read the same way.
package sources

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// ManifestFile is the name of the manifest inside a sources directory.
const ManifestFile = "manifest.yaml"

//go:embed manifest.yaml indicators.yaml *.txt
var embedded embed.FS

// FS returns the embedded sources directory: manifest.yaml and the documents.
func FS() fs.FS { return embedded }

// Embedded returns the sources compiled into this package, in manifest order.
func Embedded() ([]Source, error) { return Load(embedded) }

// Kinds of document a manifest may name.
const (
	KindPlan            = "plan"
	KindNotice          = "notice"
	KindPressConference = "press_conference"
	KindNews            = "news"
)

var validKinds = map[string]bool{KindPlan: true, KindNotice: true, KindPressConference: true, KindNews: true}

// Source is one source file with its manifest entry.
type Source struct {
	File        string       `yaml:"file"`
	Outlet      string       `yaml:"outlet"`
	PageDate    string       `yaml:"page_date"`
	Corrections []Correction `yaml:"corrections"`
	Documents   []Document   `yaml:"documents"`

	// Line is the manifest line the entry starts on.
	Line int `yaml:"-"`
	// Bytes are the file's original bytes; Text is the same bytes as a string.
	Bytes []byte `yaml:"-"`
	Text  string `yaml:"-"`
	// SHA256 is the lowercase hex SHA-256 of Bytes.
	SHA256 string `yaml:"-"`
	// Encoding is the encoding Bytes were decoded from (see Decode), and
	// HTML reports that Text was extracted from an HTML page.
	Encoding string `yaml:"-"`
	HTML     bool   `yaml:"-"`
	// Guessed lists the manifest fields that were inferred from the text
	// because the manifest does not list the file.
	Guessed []string `yaml:"-"`
}

// Correction records a damaged string in a source and what it stands for.
// The stored text is never altered; a correction is applied where the
// damaged string would otherwise reach the database as a name.
type Correction struct {
	Find    string `yaml:"find"`
	Replace string `yaml:"replace"`
	Reason  string `yaml:"reason"`
}

// Document is one document held by a source file.
type Document struct {
	Title   string   `yaml:"title"`
	Number  string   `yaml:"number"`
	Issuers []string `yaml:"issuers"`
	Date    string   `yaml:"date"`
	Kind    string   `yaml:"kind"`
	Region  string   `yaml:"region"`
	// Body locates the document's body; none means the whole file.
	Body     []Marker  `yaml:"body"`
	Speakers []Speaker `yaml:"speakers"`
}

// Issuer returns the document's issuers joined with "、".
func (d Document) Issuer() string { return strings.Join(d.Issuers, "、") }

// Marker locates one span of a document body by the text it starts with and
// the text it ends with (both inclusive).
type Marker struct {
	Start string `yaml:"start"`
	End   string `yaml:"end"`
}

// Speaker is a person who speaks in a press conference.
type Speaker struct {
	Name   string `yaml:"name"`
	Agency string `yaml:"agency"`
	Title  string `yaml:"title"`
	// Role is "host" for the person chairing, empty for a speaker.
	Role string `yaml:"role"`
	// Region is the place the speaker speaks for, where it differs from the
	// document's region.
	Region string `yaml:"region"`
	// Correction names the Find string of the correction that gives Agency,
	// where the page shows a damaged name instead.
	Correction string `yaml:"correction"`
}

// ManifestError is a problem in a manifest, with the line it is on.
type ManifestError struct {
	File string // manifest file name
	Line int    // 1-based line, 0 when unknown
	Msg  string
	Err  error // the underlying error, if any, such as one wrapping ErrOutside
}

// Unwrap returns Err.
func (e *ManifestError) Unwrap() error { return e.Err }

func (e *ManifestError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrNotUTF8 is returned, wrapped, for a source file that is not valid UTF-8.
var ErrNotUTF8 = errors.New("not valid UTF-8")

// ParseManifest parses a manifest and checks each entry, without reading the
// files it names. name is used in error messages.
func ParseManifest(name string, data []byte) ([]Source, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		me := yamlError(name, err)
		if line := firstBadLine(data, me.Line); line > 0 {
			me.Line = line
		}
		return nil, me
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &ManifestError{File: name, Msg: "empty manifest: want a top-level \"sources:\" list"}
	}
	doc := root.Content[0]
	var list *yaml.Node
	if doc.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value == "sources" {
				list = doc.Content[i+1]
			}
		}
	}
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil, &ManifestError{File: name, Line: doc.Line, Msg: "want a top-level \"sources:\" list"}
	}
	if err := checkExpansion(name, doc); err != nil {
		return nil, err
	}
	var out []Source
	seen := map[string]int{}
	for _, n := range list.Content {
		var s Source
		if err := n.Decode(&s); err != nil {
			me := yamlError(name, err)
			if me.Line == 0 {
				me.Line = n.Line
			}
			return nil, me
		}
		s.Line = n.Line
		if err := s.check(); err != nil {
			return nil, &ManifestError{File: name, Line: n.Line, Msg: err.Error()}
		}
		if prev, ok := seen[s.File]; ok {
			return nil, &ManifestError{File: name, Line: n.Line, Msg: fmt.Sprintf("file %q is listed twice (first on line %d)", s.File, prev)}
		}
		seen[s.File] = n.Line
		out = append(out, s)
	}
	return out, nil
}

var reYAMLLine = lazyRegexp(`^(?:yaml: )?(?:unmarshal errors:\n\s*)?line (\d+): `)

// firstBadLine returns the line at which a YAML document stops parsing:
// yaml.v3 reports the line where the enclosing block starts (near is that
// line, 0 when unknown), which sends a person to the wrong place. It finds
// the first line whose addition makes the lines before it fail to parse,
// searching outward from near: a few parses of the document in all, not one
// per line. data must fail to parse.
func firstBadLine(data []byte, near int) int {
	var ends []int // ends[i] is the offset just after line i+1
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(n int) bool { // the first n lines do not parse
		if n == 0 {
			return false
		}
		var probe yaml.Node
		return yaml.Unmarshal(data[:ends[n-1]], &probe) != nil
	}
	last := len(ends) // the whole document fails: the caller saw it
	// Find lo < hi with the first lo lines parsing and the first hi not,
	// starting at near and doubling the step, then bisect.
	lo, hi := 0, last
	if near > 1 && near <= last {
		if fails(near - 1) {
			hi = near - 1
		} else {
			lo = near - 1
			for step := 1; ; step *= 2 {
				n := min(lo+step, last)
				if fails(n) {
					hi = n
					break
				}
				lo = n
			}
		}
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// checkExpansion measures the manifest as it will be decoded, with every
// alias expanded, and refuses it when that is more than MaxManifestBytes,
// naming the field where the bound is crossed. Each node is measured once,
// so the check takes time in proportion to the manifest as written.
func checkExpansion(name string, doc *yaml.Node) error {
	sizes := map[*yaml.Node]int64{}
	var size func(n *yaml.Node, depth int) int64
	size = func(n *yaml.Node, depth int) int64 {
		if n == nil || depth > 1000 {
			return MaxManifestBytes + 1 // a cycle, or absurd nesting
		}
		if v, ok := sizes[n]; ok {
			return v
		}
		sizes[n] = MaxManifestBytes + 1 // while measuring: a cycle counts as too big
		v := int64(len(n.Value)) + 1
		if n.Kind == yaml.AliasNode {
			v = size(n.Alias, depth+1)
		}
		for _, c := range n.Content {
			v += size(c, depth+1)
			if v > MaxManifestBytes {
				v = MaxManifestBytes + 1
				break
			}
		}
		sizes[n] = v
		return v
	}
	if size(doc, 0) <= MaxManifestBytes {
		return nil
	}
	// Walk down to the innermost field that crosses the bound, in document
	// order, counting what comes before it.
	var total int64
	field, n := "", doc
	for {
		var next *yaml.Node
		var nextField string
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if total+size(k, 0)+size(v, 0) > MaxManifestBytes {
					next, nextField = v, joinField(field, k.Value)
					total += size(k, 0)
					break
				}
				total += size(k, 0) + size(v, 0)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if total+size(c, 0) > MaxManifestBytes {
					next, nextField = c, fmt.Sprintf("%s[%d]", field, i)
					break
				}
				total += size(c, 0)
			}
		}
		if next == nil || next.Kind == yaml.AliasNode || next.Kind == yaml.ScalarNode {
			if next != nil {
				field, n = nextField, next
			}
			return &ManifestError{File: name, Line: n.Line, Msg: fmt.Sprintf(
				"%s: with its aliases expanded the manifest is more than %d bytes; write the values out, or alias shorter ones", field, MaxManifestBytes)}
		}
		field, n = nextField, next
	}
}

func joinField(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// yamlError turns a YAML error into a ManifestError with its line.
func yamlError(name string, err error) *ManifestError {
	msg := err.Error()
	if m := reYAMLLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &ManifestError{File: name, Line: line, Msg: msg[len(m[0]):]}
	}
	return &ManifestError{File: name, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

func (s *Source) check() error {
	if s.File == "" {
		return errors.New("source has no file")
	}
	if strings.ContainsAny(s.File, `/\`) {
		return fmt.Errorf("file %q: name a file in the manifest's directory, without a path", s.File)
	}
	if s.PageDate != "" && !validDate(s.PageDate) {
		return fmt.Errorf("%s: page_date %q is not a date (want YYYY-MM-DD)", s.File, s.PageDate)
	}
	if len(s.Documents) == 0 {
		return fmt.Errorf("%s: no documents: list at least one with its body markers", s.File)
	}
	for i, c := range s.Corrections {
		if c.Find == "" || c.Replace == "" || c.Reason == "" {
			return fmt.Errorf("%s: correction %d needs find, replace and reason", s.File, i+1)
		}
	}
	for i, d := range s.Documents {
		where := fmt.Sprintf("%s: document %d (%s)", s.File, i+1, d.Title)
		if d.Title == "" {
			return fmt.Errorf("%s: no title", where)
		}
		if len(d.Issuers) == 0 {
			return fmt.Errorf("%s: no issuers", where)
		}
		if !validDate(d.Date) {
			return fmt.Errorf("%s: date %q is not a date (want YYYY-MM-DD)", where, d.Date)
		}
		if !validKinds[d.Kind] {
			return fmt.Errorf("%s: kind %q is not one of plan, notice, press_conference, news", where, d.Kind)
		}
		if len(d.Body) == 0 && len(s.Documents) > 1 {
			return fmt.Errorf("%s: no body markers: a file with several documents needs each body's start and end text", where)
		}
		for j, m := range d.Body {
			if m.Start == "" || m.End == "" {
				return fmt.Errorf("%s: body span %d needs both start and end", where, j+1)
			}
		}
		for _, sp := range d.Speakers {
			if sp.Name == "" {
				return fmt.Errorf("%s: a speaker has no name", where)
			}
			if sp.Correction != "" && s.correction(sp.Correction) == nil {
				return fmt.Errorf("%s: speaker %s names correction %q, which the source does not list", where, sp.Name, sp.Correction)
			}
		}
	}
	return nil
}

func (s *Source) correction(find string) *Correction {
	for i := range s.Corrections {
		if s.Corrections[i].Find == find {
			return &s.Corrections[i]
		}
	}
	return nil
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Load reads manifest.yaml and every file it names from fsys, strictly: any
// file that cannot be read, and any file in fsys that the manifest does not
// list, is an error. Use LoadDir for a person's own documents.
func Load(fsys fs.FS) ([]Source, error) {
	l, err := LoadDir(fsys)
	if err != nil {
		return nil, err
	}
	if len(l.Skipped) > 0 {
		return nil, l.Skipped[0].Err
	}
	for _, w := range l.Warnings {
		return nil, errors.New(w.String())
	}
	return l.Sources, nil
}

// read reads the source's file from name in fsys: s.File, or the file inside
// fsys that a symbolic link named s.File leads to.
func (s *Source) read(fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	d, err := Decode(s.File, b)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	s.Bytes = b
	s.Text = d.Text
	s.Encoding = d.Encoding
	s.HTML = d.HTML
	s.SHA256 = hex.EncodeToString(sum[:])
	return nil
}

// lazyRegexp compiles a pattern when it is first used, not at start-up.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
