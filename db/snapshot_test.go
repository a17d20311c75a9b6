package db_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/schema"
	"github.com/mediq/mediq/sources"
)

// TestSnapshotFresh rebuilds the database from sources/ and compares it with
// the embedded snapshot, byte for byte.
func TestSnapshotFresh(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "fresh.db")
	if _, err := loader.BuildWith(context.Background(), srcs, path, loader.BuildOptions{Indicators: indicators(t)}); err != nil {
		t.Fatal(err)
	}
	fresh, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, db.Snapshot()) {
		t.Fatalf("db/mediq.db is stale: it differs from a fresh build of sources/; run `go generate ./...` and commit the result")
	}
	if want := loader.DataVersion(srcs); db.Version != want {
		t.Errorf("db.Version = %q, a fresh build gives %q; run `go generate ./...`", db.Version, want)
	}
	if db.SchemaVersion != schema.Version {
		t.Errorf("db.SchemaVersion = %d, schema.Version = %d; run `go generate ./...`", db.SchemaVersion, schema.Version)
	}
	for _, s := range srcs {
		if got := db.SourceHashes[s.File]; got != s.SHA256 {
			t.Errorf("SourceHashes[%s] = %q, the file hashes to %q; run `go generate ./...`", s.File, got, s.SHA256)
		}
	}
}

// TestBuildReproducible builds twice and expects identical bytes.
func TestBuildReproducible(t *testing.T) {
	srcs, err := sources.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var got [2][]byte
	for i := range got {
		path := filepath.Join(t.TempDir(), "mediq.db")
		if _, err := loader.BuildWith(context.Background(), srcs, path, loader.BuildOptions{Indicators: indicators(t)}); err != nil {
			t.Fatal(err)
		}
		if got[i], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Fatal("two builds of the same sources differ")
	}
}

func indicators(t *testing.T) []sources.Indicator {
	t.Helper()
	inds, err := sources.EmbeddedIndicators()
	if err != nil {
		t.Fatal(err)
	}
	return inds
}

func openEmbedded(t *testing.T) *sql.DB {
	t.Helper()
	h, err := db.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func count(t *testing.T, h *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := h.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestFigureOffsets checks the contract of figures.char_start/char_end over
// the whole database: the raw text is the source text at the offsets.
func TestFigureOffsets(t *testing.T) {
	h := openEmbedded(t)
	if n := count(t, h, "SELECT count(*) FROM figures"); n < 150 {
		t.Fatalf("only %d figures in the snapshot", n)
	}
	rows, err := h.Query(`SELECT f.id, f.raw, substr(s.text, f.char_start + 1, f.char_end - f.char_start)
		FROM figures f JOIN sources s ON s.id = f.source_id
		WHERE substr(s.text, f.char_start + 1, f.char_end - f.char_start) <> f.raw`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		var raw, text string
		if err := rows.Scan(&id, &raw, &text); err != nil {
			t.Fatal(err)
		}
		t.Errorf("figure %d: raw %q but the text at its offsets is %q", id, raw, text)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// Every figure lies inside its sentence, and every sentence inside a body span.
	if n := count(t, h, `SELECT count(*) FROM figures f JOIN sentences s ON s.id = f.sentence_id
		WHERE f.char_start < s.char_start OR f.char_end > s.char_end OR s.document_id <> f.document_id`); n != 0 {
		t.Errorf("%d figures outside their sentence", n)
	}
	if n := count(t, h, `SELECT count(*) FROM sentences s WHERE NOT EXISTS (
		SELECT 1 FROM body_spans b WHERE b.document_id = s.document_id AND s.char_start >= b.char_start AND s.char_end <= b.char_end)`); n != 0 {
		t.Errorf("%d sentences outside every body span", n)
	}
}

// TestProvenance checks that every figure has a source, a document with an
// issuer and a date, and an issuer of its own.
func TestProvenance(t *testing.T) {
	h := openEmbedded(t)
	if n := count(t, h, `SELECT count(*) FROM figures f
		LEFT JOIN sources s ON s.id = f.source_id
		LEFT JOIN documents d ON d.id = f.document_id
		WHERE s.id IS NULL OR d.id IS NULL OR d.issuer = '' OR d.issue_date = '' OR f.issuer = ''
		   OR length(s.sha256) <> 64`); n != 0 {
		t.Errorf("%d figures without full provenance", n)
	}
	// The defaced page: figures spoken by 万秋 are issued by the Guangxi drug
	// administration, and the database says why.
	var issuer, note string
	err := h.QueryRow(`SELECT issuer, issuer_note FROM figures WHERE speaker = '万秋' LIMIT 1`).Scan(&issuer, &note)
	if err != nil {
		t.Fatal(err)
	}
	if issuer != "广西壮族自治区药品监督管理局" || !bytes.Contains([]byte(note), []byte("J9九游会")) {
		t.Errorf("万秋's figures: issuer %q, note %q", issuer, note)
	}
	if n := count(t, h, `SELECT count(*) FROM speakers sp JOIN corrections c ON c.id = sp.correction_id WHERE sp.name = '万秋' AND c.occurrences > 0`); n != 1 {
		t.Errorf("万秋 is not linked to the J9九游会 correction")
	}
}

// TestOpenReadOnly shows that callers cannot change the package's data.
func TestOpenReadOnly(t *testing.T) {
	h := openEmbedded(t)
	for _, q := range []string{
		"DELETE FROM figures",
		"UPDATE sources SET text = ''",
		"CREATE TABLE x(y)",
	} {
		if _, err := h.Exec(q); err == nil {
			t.Errorf("%s: succeeded on the embedded database", q)
		}
	}
	if n := count(t, h, "SELECT count(*) FROM figures"); n == 0 {
		t.Error("figures were deleted")
	}
}

// TestSchemaMatchesDictionary checks that the data dictionary describes
// every table and column of the database, and nothing else.
func TestSchemaMatchesDictionary(t *testing.T) {
	h := openEmbedded(t)
	entries, err := schema.Dictionary()
	if err != nil {
		t.Fatal(err)
	}
	described := map[[2]string]bool{}
	for _, e := range entries {
		described[[2]string{e.Table, e.Column}] = true
	}
	rows, err := h.Query(`SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'sentences_fts_%'
		UNION ALL SELECT name, '' FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'sentences_fts_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[[2]string]bool{}
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			t.Fatal(err)
		}
		seen[k] = true
		if !described[k] {
			t.Errorf("%s.%s is not in schema/dictionary.tsv", k[0], k[1])
		}
	}
	for k := range described {
		if !seen[k] {
			t.Errorf("schema/dictionary.tsv describes %s.%s, which the schema lacks", k[0], k[1])
		}
	}
	if n := count(t, h, "SELECT count(*) FROM dictionary"); n != len(entries) {
		t.Errorf("dictionary table has %d rows, dictionary.tsv %d", n, len(entries))
	}
}

// TestPresetsRun runs every preset with its default arguments.
func TestPresetsRun(t *testing.T) {
	h := openEmbedded(t)
	presets, err := schema.Presets()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range presets {
		t.Run(p.Name, func(t *testing.T) {
			var args []any
			for _, prm := range p.Params {
				args = append(args, sql.Named(prm.Name, prm.Default))
			}
			rows, err := h.Query(p.SQL, args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				n++
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Errorf("preset %s returned no rows with its defaults", p.Name)
			}
		})
	}
}

// TestWriteFile writes the snapshot out and checks the copy is a sound
// SQLite database that OpenFile reads.
func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := db.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	h, err := db.OpenFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	var ok string
	if err := h.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	if _, err := db.OpenFile(context.Background(), filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("OpenFile on a missing file succeeded")
	}
}

// BenchmarkOpen measures db.Open on the embedded bytes through the
// read-only VFS, up to the first answered query.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		h, err := db.Open(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var n int
		if err := h.QueryRow("SELECT count(*) FROM documents").Scan(&n); err != nil {
			b.Fatal(err)
		}
		h.Close()
	}
}

// BenchmarkOpenDeserialize measures the other way to serve the snapshot:
// copying its bytes into an in-memory database with sqlite3_deserialize.
func BenchmarkOpenDeserialize(b *testing.B) {
	ctx := context.Background()
	snap := db.Snapshot()
	for b.Loop() {
		h, err := sql.Open("sqlite", "file::memory:")
		if err != nil {
			b.Fatal(err)
		}
		h.SetMaxOpenConns(1)
		c, err := h.Conn(ctx)
		if err != nil {
			b.Fatal(err)
		}
		err = c.Raw(func(dc any) error {
			return dc.(interface{ Deserialize([]byte) error }).Deserialize(snap)
		})
		if err != nil {
			b.Fatal(err)
		}
		var n int
		if err := c.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&n); err != nil {
			b.Fatal(err)
		}
		c.Close()
		h.Close()
	}
}

// TestFullTextSearch checks that sentences_fts finds every sentence that
// holds a term, for terms of two characters and more, Latin ones too, and
// that with instr() as a filter it finds nothing else (punctuation is not
// indexed, so 药、品 matches 药品 until filtered).
func TestFullTextSearch(t *testing.T) {
	h := openEmbedded(t)
	ids := func(q string, args ...any) map[int]bool {
		t.Helper()
		rows, err := h.Query(q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int]bool{}
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			out[id] = true
		}
		return out
	}
	for _, term := range []string{"集采", "医保", "药品", "DRG", "门诊特殊慢性病", "抽检", "集中带量采购", "医共体"} {
		fts := ids(`SELECT f.rowid FROM sentences_fts f JOIN sentences s ON s.id = f.rowid
			WHERE sentences_fts MATCH ? AND instr(s.text, ?) > 0`, schema.FTSQuery(term), term)
		scan := ids("SELECT id FROM sentences WHERE instr(text, ?) > 0", term)
		if len(scan) == 0 {
			t.Errorf("%s: no sentence holds it", term)
		}
		if len(fts) != len(scan) {
			t.Errorf("%s: full-text search finds %d sentences, a scan %d", term, len(fts), len(scan))
		}
		for id := range scan {
			if !fts[id] {
				t.Errorf("%s: sentence %d not found by full-text search", term, id)
			}
		}
	}
	docs := ids(`SELECT DISTINCT s.document_id FROM sentences_fts f JOIN sentences s ON s.id = f.rowid WHERE sentences_fts MATCH ?`, schema.FTSQuery("集采"))
	if len(docs) < 3 {
		t.Errorf("集采 found in %d documents, want every one that has it (000, 003, 004)", len(docs))
	}
}
