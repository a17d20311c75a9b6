package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mediq/mediq/db"
)

func TestVerifyEmbedded(t *testing.T) {
	ctx := context.Background()
	h, err := db.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r, err := db.Verify(ctx, h)
	if err != nil {
		t.Fatalf("Verify: %v\n%s", err, r)
	}
	if r.Sources != len(db.SourceHashes) || r.Figures == 0 || r.Integrity != "ok" || r.DataVersion != db.Version {
		t.Errorf("report: %+v", r)
	}
	if !strings.HasSuffix(r.String(), "all checks passed\n") {
		t.Errorf("summary does not end in success:\n%s", r)
	}
}

// TestVerifyTampered changes a copy of the database behind mediq's back and
// shows each change caught.
func TestVerifyTampered(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := db.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	rw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var figure, source int64
	if err := rw.QueryRowContext(ctx, "SELECT min(id) FROM figures").Scan(&figure); err != nil {
		t.Fatal(err)
	}
	// The last source; changing its first character touches no figure.
	if err := rw.QueryRowContext(ctx, "SELECT max(id) FROM sources").Scan(&source); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"UPDATE figures SET raw = raw || '0' WHERE id = ?",
		// Same length, one character changed, before any figure.
		"UPDATE sources SET text = 'X' || substr(text, 2) WHERE id = ?",
		"PRAGMA user_version = 99",
	} {
		arg := figure
		if strings.Contains(q, "sources") {
			arg = source
		}
		if _, err := rw.ExecContext(ctx, q, arg); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}

	h, err := db.OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r, err := db.Verify(ctx, h)
	if !errors.Is(err, db.ErrMismatch) {
		t.Fatalf("Verify: got %v, want ErrMismatch", err)
	}
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.Check)
	}
	if want := []string{"schema", "source", "figure"}; !slices.Equal(got, want) {
		t.Fatalf("problems: got %v, want %v\n%s", got, want, r)
	}
	if p, want := r.Problems[0], fmt.Sprintf("PRAGMA user_version is 99, this build of mediq reads schema version %d", db.SchemaVersion); p.Msg != want {
		t.Errorf("schema problem: %s", p)
	}
	if p := r.Problems[1]; p.ID != source || !strings.Contains(p.Msg, "has SHA-256") {
		t.Errorf("source problem: %s, want source %d with a SHA-256 mismatch", p, source)
	}
	if p := r.Problems[2]; p.ID != figure || !strings.HasPrefix(p.Msg, `raw is "`) || !strings.Contains(p.Msg, `0" but source`) {
		t.Errorf("figure problem: %s, want figure %d with its raw text changed", p, figure)
	}
	if s := r.String(); !strings.HasSuffix(s, "3 problems\n") || !strings.Contains(s, "figures         ") {
		t.Errorf("summary:\n%s", s)
	}
}

// TestVerifyDataVersion changes meta.data_version, and a source's recorded
// file hash, on copies: each is caught, named by table, row and column.
func TestVerifyDataVersion(t *testing.T) {
	ctx := context.Background()
	for _, q := range []string{
		"UPDATE meta SET value = '5-0123456789abcdef' WHERE key = 'data_version'",
		"UPDATE sources SET sha256 = '00' || substr(sha256, 3) WHERE id = 2",
	} {
		t.Run(q, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "copy.db")
			if err := db.WriteFile(path); err != nil {
				t.Fatal(err)
			}
			rw, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := rw.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
			rw.Close()
			h, err := db.OpenFile(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			r, err := db.Verify(ctx, h)
			if !errors.Is(err, db.ErrMismatch) || len(r.Problems) != 1 {
				t.Fatalf("Verify: %v\n%s", err, r)
			}
			p := r.Problems[0]
			if p.Check != "version" || p.Table != "meta" || p.Row != "key=data_version" || p.Column != "value" ||
				!strings.Contains(p.Msg, "does not match the sources' recorded hashes") {
				t.Errorf("problem: %s", p)
			}
		})
	}
}

// TestVerifyOlderSchema verifies a database of an older schema, without the
// columns the checks need: the schema problem is reported and the checks
// that cannot run say so, instead of failing to run.
func TestVerifyOlderSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	if err := db.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	rw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.ExecContext(ctx, "ALTER TABLE sources DROP COLUMN text_sha256; PRAGMA user_version = 4"); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	h, err := db.OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r, err := db.Verify(ctx, h)
	if !errors.Is(err, db.ErrMismatch) || len(r.Problems) != 1 || r.Problems[0].Check != "schema" {
		t.Fatalf("Verify: %v\n%s", err, r)
	}
	if !strings.Contains(r.String(), "sources, figures not checked: they need schema version") {
		t.Errorf("report:\n%s", r)
	}
}
