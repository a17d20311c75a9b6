package datapackage_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mediq/mediq/datapackage"
	"github.com/mediq/mediq/db"
)

func open(t *testing.T) *sql.DB {
	t.Helper()
	h, err := db.Open(context.Background(), db.Safe())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// readPackage reads the descriptor in dir as plain JSON, the way another
// tool would, and as a Package.
func readPackage(t *testing.T, dir string) (map[string]any, *datapackage.Package) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, datapackage.DescriptorFile))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	var pkg datapackage.Package
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	return raw, &pkg
}

func readCSV(t *testing.T, path string, bom bool) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := bytes.HasPrefix(b, []byte("\uFEFF")); got != bom {
		t.Fatalf("%s: starts with a BOM: %v, want %v", path, got, bom)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func TestWriteRoundTrip(t *testing.T) {
	for _, bom := range []bool{false, true} {
		name := "utf8"
		if bom {
			name = "bom"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			h := open(t)
			parent := t.TempDir()
			dir := filepath.Join(parent, "pkg")
			if _, err := datapackage.Write(ctx, h, dir, datapackage.Options{BOM: bom}); err != nil {
				t.Fatal(err)
			}
			raw, pkg := readPackage(t, dir)
			if raw["$schema"] != datapackage.Profile || pkg.Version != db.Version || pkg.SchemaVersion != db.SchemaVersion {
				t.Errorf("descriptor header: $schema %v, version %q, schema version %d", raw["$schema"], pkg.Version, pkg.SchemaVersion)
			}
			if len(pkg.Licenses) == 0 || pkg.Licenses[0].Name == "" {
				t.Errorf("licenses: %+v", pkg.Licenses)
			}
			if len(pkg.Sources) != len(db.SourceHashes) {
				t.Errorf("sources: got %d, want %d", len(pkg.Sources), len(db.SourceHashes))
			}
			for _, s := range pkg.Sources {
				if db.SourceHashes[s.File] != s.SHA256 || s.Outlet == "" || s.Title == "" {
					t.Errorf("source %+v: want SHA-256 %s and an outlet", s, db.SourceHashes[s.File])
				}
			}

			// Every table but the full-text index and its shadow tables.
			var tables, virtual []string
			rows, err := h.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var name, sql string
				if err := rows.Scan(&name, &sql); err != nil {
					t.Fatal(err)
				}
				shadow := false
				for _, v := range virtual {
					shadow = shadow || strings.HasPrefix(name, v+"_")
				}
				switch {
				case strings.HasPrefix(strings.ToUpper(sql), "CREATE VIRTUAL TABLE"):
					virtual = append(virtual, name)
				case !shadow:
					tables = append(tables, name)
				}
			}
			rows.Close()
			var resources []string
			for _, r := range pkg.Resources {
				resources = append(resources, r.Name)
			}
			if !slices.Equal(resources, tables) {
				t.Fatalf("resources %v, want every table %v", resources, tables)
			}

			files := []string{datapackage.DescriptorFile}
			for _, r := range pkg.Resources {
				files = append(files, r.Path)
				path := filepath.Join(dir, r.Path)
				recs := readCSV(t, path, bom)
				if want := map[bool]string{false: "utf-8", true: "utf-8-sig"}[bom]; r.Encoding != want {
					t.Errorf("%s: encoding %q, want %q for the bytes written", r.Path, r.Encoding, want)
				}
				var want int
				if err := h.QueryRowContext(ctx, "SELECT count(*) FROM "+r.Name).Scan(&want); err != nil {
					t.Fatal(err)
				}
				if got := len(recs) - 1; got != want || r.Rows != want {
					t.Errorf("%s: %d CSV rows, descriptor says %d, table has %d", r.Path, got, r.Rows, want)
				}
				var header []string
				for _, f := range r.Schema.Fields {
					header = append(header, f.Name)
					if f.Type == "" || f.Type == "any" || f.Description == "" || f.DescriptionZh == "" {
						t.Errorf("%s.%s: type %q, description %q / %q", r.Name, f.Name, f.Type, f.Description, f.DescriptionZh)
					}
				}
				if !slices.Equal(recs[0], header) {
					t.Errorf("%s header %v, want %v", r.Path, recs[0], header)
				}
				if r.Description == "" {
					t.Errorf("%s has no description", r.Name)
				}
				// Values must read as their declared types.
				for i, f := range r.Schema.Fields {
					for _, rec := range recs[1:] {
						if v := rec[i]; v != "" && f.Type == "date" {
							if _, err := time.Parse(time.DateOnly, v); err != nil {
								t.Errorf("%s.%s: %q is not a date", r.Name, f.Name, v)
							}
						}
					}
				}
				b, _ := os.ReadFile(path)
				sum := sha256.Sum256(b)
				if r.Hash != "sha256:"+hex.EncodeToString(sum[:]) || r.Bytes != int64(len(b)) {
					t.Errorf("%s: hash %s, %d bytes; file has %x, %d bytes", r.Path, r.Hash, r.Bytes, sum, len(b))
				}
			}
			entries, _ := os.ReadDir(dir)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			slices.Sort(files)
			if !slices.Equal(got, files) {
				t.Errorf("files in package: %v, want %v", got, files)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("left beside the package: %v", entries)
			}
		})
	}
}

// TestWriteValues reads the figures table back from CSV and compares a few
// columns with the database, and checks that NULL and "" stay apart.
func TestWriteValues(t *testing.T) {
	ctx := context.Background()
	h := open(t)
	dir := filepath.Join(t.TempDir(), "pkg")
	pkg, err := datapackage.Write(ctx, h, dir, datapackage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, filepath.Join(dir, "figures.csv"), false)
	figs, err := db.New(h).Figures(ctx, db.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string][]string{}
	for _, r := range recs[1:] {
		byID[r[0]] = r
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	for _, f := range figs {
		r := byID[strconv.FormatInt(f.ID, 10)]
		if r == nil || r[col["raw"]] != f.Raw || r[col["unit"]] != f.Unit || r[col["period"]] != f.Period {
			t.Errorf("figure %d: CSV row %v", f.ID, r)
		}
	}
	for _, r := range pkg.Resources {
		if r.Name != "dictionary" {
			continue
		}
		for _, f := range r.Schema.Fields {
			if f.Name == "column_name" && (f.MissingValues == nil || len(*f.MissingValues) != 0) {
				t.Errorf("dictionary.column_name is NOT NULL and holds empty strings, but its missingValues are %v", f.MissingValues)
			}
		}
	}
}

func TestWriteTarget(t *testing.T) {
	ctx := context.Background()
	h := open(t)

	t.Run("empty directory", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := datapackage.Write(ctx, h, dir, datapackage.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, datapackage.DescriptorFile)); err != nil {
			t.Error(err)
		}
	})
	t.Run("not empty", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "pkg")
		os.Mkdir(dir, 0o755)
		keep := filepath.Join(dir, "keep.txt")
		os.WriteFile(keep, []byte("mine"), 0o644)
		_, err := datapackage.Write(ctx, h, dir, datapackage.Options{})
		if !errors.Is(err, datapackage.ErrNotEmpty) {
			t.Fatalf("got %v, want ErrNotEmpty", err)
		}
		if b, _ := os.ReadFile(keep); string(b) != "mine" {
			t.Error("existing file changed")
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			t.Errorf("left beside the target: %v", entries)
		}
	})
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "file")
		os.WriteFile(path, nil, 0o644)
		_, err := datapackage.Write(ctx, h, path, datapackage.Options{})
		if err == nil || err.Error() != "export: "+path+" is a file; name a new or empty directory" {
			t.Errorf("got %v", err)
		}
	})
	t.Run("no parent", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		if _, err := datapackage.Write(ctx, h, dir, datapackage.Options{}); err == nil {
			t.Error("no error for a missing parent directory")
		}
	})
}
