package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mediq/mediq/db"
	"github.com/mediq/mediq/internal/atomicfile"
	"github.com/mediq/mediq/internal/plural"
)

// writeAtomic writes a file through write, atomically (see package
// atomicfile); with exclusive set it refuses to replace an existing file.
func writeAtomic(path string, perm os.FileMode, exclusive bool, write func(io.Writer) error) error {
	err := atomicfile.Write(path, perm, exclusive, write)
	if errors.Is(err, atomicfile.ErrExists) {
		return fmt.Errorf(errFileExists, path)
	}
	return err
}

// writeFileAtomic writes data to path atomically with mode perm.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	return writeAtomic(path, perm, false, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// utf8BOM makes Excel read a CSV file as UTF-8.
const utf8BOM = "\ufeff"

// sqlStarts lists the first words that make .export's query SQL rather than
// a preset name.
func sqlStart(word string) bool {
	switch strings.ToUpper(word) {
	case "SELECT", "WITH", "VALUES", "PRAGMA", "EXPLAIN":
		return true
	}
	return false
}

// queryOrPreset reads the arguments of a dot-command from argument i on as
// SQL (when they start with SELECT, WITH, VALUES, PRAGMA or EXPLAIN) or as a
// preset name and its arguments, and returns the SQL, the values to bind and,
// for a preset, its bindings.
func (s *Shell) queryOrPreset(ctx context.Context, c *cmdLine, i int) (string, []any, []binding, error) {
	if first := strings.Fields(c.args[i]); len(first) > 0 && sqlStart(first[0]) {
		return c.Rest(i), nil, nil, nil
	}
	q, bs, err := s.resolvePreset(ctx, c.args[i], c.args[i+1:])
	if err != nil {
		return "", nil, nil, err
	}
	return q, sqlArgs(bs), bs, nil
}

func (s *Shell) cmdExport(ctx context.Context, c *cmdLine) error {
	bom, force := true, false
	file := ""
	i := 0
args:
	for ; i < len(c.args); i++ {
		a := c.args[i]
		switch {
		case a == "--no-bom":
			bom = false
		case a == "--force":
			force = true
		case strings.HasPrefix(a, "--"):
			return usageError("export")
		case file == "":
			file = a
		default:
			break args
		}
	}
	if file == "" {
		return usageError("export")
	}
	if i >= len(c.args) {
		return errors.New(errExportNothing)
	}
	q, args, bound, err := s.queryOrPreset(ctx, c, i)
	if err != nil {
		return err
	}
	r, err := s.query(ctx, q, args...)
	if err != nil {
		return err
	}
	if len(r.Rows) == 0 && bound != nil {
		if err := s.unknownArgument(ctx, c.args[i], bound); err != nil {
			return err
		}
	}
	if len(r.Columns) == 0 {
		return errors.New(errExportSQLOnly)
	}
	if err := exportCSV(file, r, bom, force); err != nil {
		return fmt.Errorf(".export: %w", err)
	}
	fmt.Fprintf(s.Err, msgExported, plural.Count(len(r.Rows), "row", "rows"), file)
	return nil
}

// exportCSV writes r to path as RFC 4180 CSV with a header row and CRLF line
// ends, numbers unformatted and NULL as an empty field, optionally after a
// UTF-8 byte-order mark. Unless force is set it refuses to replace a file.
func exportCSV(path string, r *Result, bom, force bool) error {
	f := Format{Mode: "csv", Headers: true}
	return writeAtomic(path, 0o644, !force, func(w io.Writer) error {
		if bom {
			if _, err := io.WriteString(w, utf8BOM); err != nil {
				return err
			}
		}
		return f.writeCSV(w, r, ',', true)
	})
}

func (s *Shell) cmdBackup(ctx context.Context, c *cmdLine) error {
	if len(c.args) != 1 {
		return usageError("backup")
	}
	path := c.args[0]
	if s.DBPath == "" {
		if err := db.WriteFile(path); err != nil {
			return fmt.Errorf(".backup: %w", err)
		}
		fmt.Fprintf(s.Err, msgBackedUp, path)
		return nil
	}
	conn, err := s.connection(ctx)
	if err != nil {
		return err
	}
	// VACUUM INTO writes a fresh, compact copy under a temporary name in the
	// target directory, renamed into place when complete.
	err = atomicfile.Fill(path, 0o644, func(tmp string) error {
		qctx, done := s.statementContext(ctx)
		defer done()
		_, err := conn.ExecContext(qctx, "VACUUM INTO ?", tmp)
		return err
	})
	if err != nil {
		return fmt.Errorf(".backup: %w", err)
	}
	fmt.Fprintf(s.Err, msgBackedUp, path)
	return nil
}
