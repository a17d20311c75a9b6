package rederive

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mediq/mediq/db"

	_ "modernc.org/sqlite"
)

func open(t *testing.T, name, schema string) *sql.DB {
	t.Helper()
	h, err := sql.Open("sqlite", filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	if _, err := h.Exec(schema); err != nil {
		t.Fatal(err)
	}
	return h
}

// TestCompare compares two small databases that differ in every way
// compare reports: a value, a row only in one, a row only in the other
// (text, integer and BLOB keys), a table only in one, and the schema.
func TestCompare(t *testing.T) {
	const schema = `CREATE TABLE f(id INTEGER PRIMARY KEY, v NUMERIC, s TEXT);
CREATE TABLE k(a TEXT, b BLOB, c, PRIMARY KEY (a, b)) WITHOUT ROWID;
INSERT INTO f VALUES (1, 10, 'a'), (2, 2.5, NULL), (3, 3, 'c');
INSERT INTO k VALUES ('x', X'01', 1), ('y', X'02', 2);`
	want := open(t, "want.db", schema)
	got := open(t, "got.db", schema+`
UPDATE f SET v = 11 WHERE id = 1; UPDATE f SET s = 'b' WHERE id = 2; DELETE FROM f WHERE id = 3; INSERT INTO f VALUES (4, 4, 'd');
DELETE FROM k WHERE a = 'y'; INSERT INTO k VALUES ('x', X'00', 0);
CREATE TABLE extra(x); CREATE INDEX fs ON f(s);`)
	r := &db.Report{}
	if err := compare(context.Background(), got, want, r); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range r.Problems {
		lines = append(lines, p.String())
	}
	wantLines := []string{
		`content: table sqlite_schema, row type="index", name="fs": in the database, but not in what its sources give: an inserted row, or one whose key was changed`,
		`content: table sqlite_schema, row type="table", name="extra": in the database, but not in what its sources give: an inserted row, or one whose key was changed`,
		`content: table extra: not in the derived database: a table mediq does not build`,
		`content: table f, row id=1, column v: the database has 11, its sources give 10`,
		`content: table f, row id=2, column s: the database has "b", its sources give NULL`,
		`content: table f, row id=3: missing: the sources give this row, the database lacks it (a deleted row, or one whose key was changed)`,
		`content: table f, row id=4: in the database, but not in what its sources give: an inserted row, or one whose key was changed`,
		`content: table k, row a="x", b=X'00': in the database, but not in what its sources give: an inserted row, or one whose key was changed`,
		`content: table k, row a="y", b=X'02': missing: the sources give this row, the database lacks it (a deleted row, or one whose key was changed)`,
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("problems:\n%s\nwant:\n%s", join(lines), join(wantLines))
	}
	if r.Tables != 3 || r.Rows != 9 { // rows of the database checked: 4 of sqlite_schema, 3 of f, 2 of k
		t.Errorf("compared %d tables, %d rows; want 3, 9", r.Tables, r.Rows)
	}
}

func join(lines []string) string {
	s := ""
	for _, l := range lines {
		s += "  " + l + "\n"
	}
	return s
}
