package db

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/plural"
)

// ErrMismatch is wrapped by Verify's error when a check fails.
var ErrMismatch = errors.New("data does not match its own record")

// Problem is one failed check of Verify, or of the re-derivation `mediq
// verify` adds to it.
type Problem struct {
	// Check is "schema", "integrity", "source", "version" or "figure" for
	// Verify's checks, "content" for a row that differs from what the
	// database's sources give, "file" for a source file whose bytes differ
	// from the recorded hash.
	Check string
	ID    int64 // row id of the source or figure, 0 for the others
	// Table, Row and Column say where the problem is, when it is in one
	// place: Row names the row by its key, such as "id=17".
	Table, Row, Column string
	Msg                string
}

// String returns "Check: table T, row R, column C: Msg" when the table is
// known (row and column when known too), else "Check ID: Msg", or
// "Check: Msg" without an ID.
func (p Problem) String() string {
	if p.Table != "" {
		where := "table " + p.Table
		if p.Row != "" {
			where += ", row " + p.Row
		}
		if p.Column != "" {
			where += ", column " + p.Column
		}
		return p.Check + ": " + where + ": " + p.Msg
	}
	if p.ID != 0 {
		return fmt.Sprintf("%s %d: %s", p.Check, p.ID, p.Msg)
	}
	return p.Check + ": " + p.Msg
}

// Report is what Verify checked and found.
type Report struct {
	DataVersion   string // meta.data_version of the database checked
	SchemaVersion int    // PRAGMA user_version found
	Integrity     string // first line of PRAGMA integrity_check, "ok" when sound
	Sources       int    // sources whose text was hashed
	Figures       int    // figures whose raw text was compared with the source text
	// Tables and Rows count what was compared with a database derived
	// again from the stored texts and manifest entries (`mediq verify`),
	// 0 when that was not done; Derived says why not, then.
	Tables, Rows int
	Derived      string
	// Files counts source files whose bytes were hashed again.
	Files int
	// Stopped says why the checks after integrity_check were not made,
	// "" when they were.
	Stopped  string
	Problems []Problem
}

// Add records a problem found by a check outside Verify.
func (r *Report) Add(p Problem) { r.Problems = append(r.Problems, p) }

// OK reports whether every check passed.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Err returns nil when every check passed, else an error wrapping
// ErrMismatch that names the first problems.
func (r *Report) Err() error {
	if r.OK() {
		return nil
	}
	const show = 3
	var msgs []string
	for i, p := range r.Problems {
		if i == show {
			msgs = append(msgs, fmt.Sprintf("and %d more", len(r.Problems)-show))
			break
		}
		msgs = append(msgs, p.String())
	}
	return fmt.Errorf("verify: %w: %s", ErrMismatch, strings.Join(msgs, "; "))
}

// String is the report as `mediq verify` prints it: one line per check,
// then every problem.
func (r *Report) String() string {
	var b strings.Builder
	count := func(check string) int {
		n := 0
		for _, p := range r.Problems {
			if p.Check == check {
				n++
			}
		}
		return n
	}
	status := func(check string) string {
		if n := count(check); n > 0 {
			return fmt.Sprintf("FAILED (%d)", n)
		}
		return "ok"
	}
	fmt.Fprintf(&b, "data version    %s\n", r.DataVersion)
	fmt.Fprintf(&b, "schema version  %d, want %d: %s\n", r.SchemaVersion, SchemaVersion, status("schema"))
	fmt.Fprintf(&b, "integrity_check %s\n", status("integrity"))
	if r.Stopped != "" {
		fmt.Fprintf(&b, "sources, figures not checked: %s\n", r.Stopped)
	} else {
		fmt.Fprintf(&b, "sources         %d texts hashed, SHA-256 recorded: %s\n", r.Sources, status("source"))
		fmt.Fprintf(&b, "data_version    compared with the sources' recorded hashes: %s\n", status("version"))
		fmt.Fprintf(&b, "figures         %d raw texts compared with the text at their offsets: %s\n", r.Figures, status("figure"))
	}
	if r.Files > 0 || count("file") > 0 {
		fmt.Fprintf(&b, "files           %d source files hashed again: %s\n", r.Files, status("file"))
	}
	switch {
	case r.Tables > 0:
		fmt.Fprintf(&b, "content         %d tables, %d rows compared with a database derived again from the stored texts and manifest: %s\n", r.Tables, r.Rows, status("content"))
	case r.Derived != "":
		fmt.Fprintf(&b, "content         not derived again: %s\n", r.Derived)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	if r.OK() {
		b.WriteString("all checks passed\n")
	} else {
		fmt.Fprintf(&b, "%s\n", plural.Count(len(r.Problems), "problem", "problems"))
	}
	return b.String()
}

// Verify re-checks the database behind h against itself: the schema version
// (PRAGMA user_version against SchemaVersion), PRAGMA integrity_check, each
// source text against its recorded SHA-256 (sources.text_sha256) and length,
// meta.data_version against the sources' recorded file hashes, and each
// figure's raw text against the source text at its offsets. It returns the
// report and, when a check fails, report.Err(); other errors mean the checks
// could not run.
//
// These are the checks the database alone allows. `mediq verify` adds the
// ones that need the loader: every table compared row by row with a
// database derived again from the stored texts and manifest entries, and
// each source file's bytes, where they are at hand, against sources.sha256.
func Verify(ctx context.Context, h DBTX) (*Report, error) {
	r := &Report{}
	var err error
	if r.DataVersion, r.SchemaVersion, err = VersionOf(ctx, h); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if r.SchemaVersion != SchemaVersion {
		r.add("schema", 0, "PRAGMA user_version is %d, this build of mediq reads schema version %d", r.SchemaVersion, SchemaVersion)
	}
	if err := r.integrity(ctx, h); err != nil {
		return nil, err
	}
	texts, err := r.sources(ctx, h)
	if err != nil {
		if r.SchemaVersion != SchemaVersion {
			// Another schema: the checks below need this one.
			r.Stopped = fmt.Sprintf("they need schema version %d (%v)", SchemaVersion, err)
			return r, r.Err()
		}
		return nil, err
	}
	if err := r.dataVersion(ctx, h); err != nil {
		return nil, err
	}
	if err := r.figures(ctx, h, texts); err != nil {
		return nil, err
	}
	return r, r.Err()
}

func (r *Report) add(check string, id int64, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{Check: check, ID: id, Msg: fmt.Sprintf(format, args...)})
}

func (r *Report) addFigure(id int64, column, format string, args ...any) {
	r.Add(Problem{Check: "figure", ID: id, Table: "figures", Row: fmt.Sprintf("id=%d", id), Column: column, Msg: fmt.Sprintf(format, args...)})
}

// VersionOf reads the versions a mediq database records: its data version
// (meta.data_version, "" when absent) and its schema version (PRAGMA
// user_version). For the embedded database they are Version and
// SchemaVersion.
func VersionOf(ctx context.Context, h DBTX) (data string, schema int, err error) {
	if err := queryRow(ctx, h, "SELECT coalesce((SELECT value FROM meta WHERE key = 'data_version'), '')", &data); err != nil {
		return "", 0, fmt.Errorf("read data version: %w", err)
	}
	if err := queryRow(ctx, h, "PRAGMA user_version", &schema); err != nil {
		return "", 0, fmt.Errorf("read schema version: %w", err)
	}
	return data, schema, nil
}

func queryRow(ctx context.Context, h DBTX, query string, dest ...any) error {
	rows, err := h.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return fmt.Errorf("%s: no rows", query)
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

func (r *Report) integrity(ctx context.Context, h DBTX) error {
	rows, err := h.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("verify: integrity_check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("verify: integrity_check: %w", err)
		}
		if r.Integrity == "" {
			r.Integrity = line
		}
		if line != "ok" {
			r.add("integrity", 0, "%s", line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify: integrity_check: %w", err)
	}
	return nil
}

// sources hashes each source text and returns the texts as runes by id.
func (r *Report) sources(ctx context.Context, h DBTX) (map[int64][]rune, error) {
	rows, err := h.QueryContext(ctx, "SELECT id, file, text_sha256, chars, text FROM sources ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("verify: sources: %w", err)
	}
	defer rows.Close()
	texts := make(map[int64][]rune)
	for rows.Next() {
		var id int64
		var file, want, text string
		var chars int
		if err := rows.Scan(&id, &file, &want, &chars, &text); err != nil {
			return nil, fmt.Errorf("verify: sources: %w", err)
		}
		r.Sources++
		sum := sha256.Sum256([]byte(text))
		if got := hex.EncodeToString(sum[:]); got != want {
			r.Add(Problem{Check: "source", ID: id, Table: "sources", Row: fmt.Sprintf("id=%d", id), Column: "text_sha256",
				Msg: fmt.Sprintf("text of %s has SHA-256 %s, recorded %s", file, got[:16]+"…", want[:min(16, len(want))]+"…")})
		}
		if n := utf8.RuneCountInString(text); n != chars {
			r.Add(Problem{Check: "source", ID: id, Table: "sources", Row: fmt.Sprintf("id=%d", id), Column: "chars",
				Msg: fmt.Sprintf("text of %s has %d characters, recorded %d", file, n, chars)})
		}
		texts[id] = []rune(text)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("verify: sources: %w", err)
	}
	return texts, nil
}

// dataVersion compares meta.data_version with the data version of the
// sources' recorded file names and hashes: the schema version, a dash and
// the first 16 hex digits of a SHA-256 over "file sha256\n" for each source
// in order and "pipeline HASH\n" for the text pipeline recorded in meta
// (what loader.DataVersion computes when it builds).
func (r *Report) dataVersion(ctx context.Context, h DBTX) error {
	rows, err := h.QueryContext(ctx, "SELECT file, sha256 FROM sources ORDER BY id")
	if err != nil {
		return fmt.Errorf("verify: sources: %w", err)
	}
	defer rows.Close()
	sum := sha256.New()
	for rows.Next() {
		var file, hash string
		if err := rows.Scan(&file, &hash); err != nil {
			return fmt.Errorf("verify: sources: %w", err)
		}
		fmt.Fprintf(sum, "%s %s\n", file, hash)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify: sources: %w", err)
	}
	var pipeline string
	if err := queryRow(ctx, h, "SELECT coalesce((SELECT value FROM meta WHERE key = 'pipeline'), '')", &pipeline); err != nil {
		return fmt.Errorf("verify: meta: %w", err)
	}
	if pipeline != "" {
		fmt.Fprintf(sum, "pipeline %s\n", pipeline)
	}
	want := hex.EncodeToString(sum.Sum(nil))[:16]
	if _, got, _ := strings.Cut(r.DataVersion, "-"); got != want {
		r.Add(Problem{Check: "version", Table: "meta", Row: "key=data_version", Column: "value",
			Msg: fmt.Sprintf("data version %q does not match the sources' recorded hashes, which give %d-%s", r.DataVersion, SchemaVersion, want)})
	}
	return nil
}

// figures compares each figure's raw text with its source text at its
// offsets, the invariant substr(text, char_start + 1, char_end - char_start) = raw.
func (r *Report) figures(ctx context.Context, h DBTX, texts map[int64][]rune) error {
	rows, err := h.QueryContext(ctx, "SELECT id, source_id, char_start, char_end, raw FROM figures ORDER BY id")
	if err != nil {
		return fmt.Errorf("verify: figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, src int64
		var start, end int
		var raw string
		if err := rows.Scan(&id, &src, &start, &end, &raw); err != nil {
			return fmt.Errorf("verify: figures: %w", err)
		}
		r.Figures++
		text, ok := texts[src]
		switch {
		case !ok:
			r.addFigure(id, "source_id", "source %d does not exist", src)
		case start < 0 || start >= end || end > len(text):
			r.addFigure(id, "char_start", "offsets %d:%d are not a span of source %d (%d characters)", start, end, src, len(text))
		case string(text[start:end]) != raw:
			r.addFigure(id, "raw", "raw is %q but source %d has %q at %d:%d", raw, src, string(text[start:end]), start, end)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify: figures: %w", err)
	}
	return nil
}
