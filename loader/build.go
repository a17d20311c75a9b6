package loader

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/mediq/mediq/internal/atomicfile"
	"github.com/mediq/mediq/schema"
	"github.com/mediq/mediq/sources"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// Stats counts what a build wrote.
type Stats struct {
	Sources, Documents, Sentences, Figures int
	// Skipped counts the number-like tokens that are not figures, and
	// SkipReasons counts them by reason (the skipped table).
	Skipped     int
	SkipReasons map[string]int
	Chars       int // code points of source text read
	// Reused counts sources read back from the previous database instead of
	// parsed again (see BuildOptions.Reuse).
	Reused int
	// Files has one entry per source, in order.
	Files []FileStats
	// Stale names the temporary files of earlier builds of the same path,
	// killed before they finished, that this build removed.
	Stale []string
}

// FileStats counts what a build wrote for one source.
type FileStats struct {
	File                          string
	Bytes                         int
	Documents, Sentences, Figures int
	Reused                        bool // read back from the previous database
}

// BuildOptions adjust a build.
type BuildOptions struct {
	// Reuse names a database built before, usually the one being replaced:
	// sources whose bytes, manifest entry and parser are unchanged since
	// (see ParseKey) are read back from it instead of parsed again. The
	// result is the same as a full build's.
	Reuse string
	// Progress, when set, is called after each source is written.
	Progress func(done, total int, f FileStats)
	// Indicators is the indicator catalogue figures are attached to.
	Indicators []sources.Indicator
}

// DataVersion returns the data version of a set of sources: the schema
// version and a SHA-256 over the sources' file names and hashes, in order,
// and the text pipeline that reads them, so that it changes whenever the
// rows would.
func DataVersion(srcs []sources.Source) string {
	h := sha256.New()
	for _, s := range srcs {
		fmt.Fprintf(h, "%s %s\n", s.File, s.SHA256)
	}
	fmt.Fprintf(h, "pipeline %s\n", pipelineIdentity())
	return fmt.Sprintf("%d-%s", schema.Version, hex.EncodeToString(h.Sum(nil))[:16])
}

// Build parses the sources and writes a mediq database to path. It writes a
// temporary file in path's directory and renames it into place only when
// everything succeeded, so path is never left half-written and a failed build
// leaves any previous database untouched. The same sources always give the
// same bytes.
func Build(ctx context.Context, srcs []sources.Source, path string) (Stats, error) {
	return BuildWith(ctx, srcs, path, BuildOptions{})
}

// BuildWith is Build with options: an incremental build, progress reports.
//
// A build first removes what killed builds of the same path left beside it
// (see atomicfile.RemoveStale), and stops soon after ctx ends: it checks ctx
// between sources and does not wait for a source still being parsed.
func BuildWith(ctx context.Context, srcs []sources.Source, path string, opt BuildOptions) (Stats, error) {
	var st Stats
	stale, _ := atomicfile.RemoveStale(path) // best effort: a leftover is no reason to fail
	err := atomicfile.Fill(path, 0o644, func(tmp string) error {
		prev := openPrevious(ctx, opt.Reuse)
		defer prev.close()
		var err error
		st, err = write(ctx, tmp, srcs, parseAsync(ctx, srcs, prev, opt.Indicators), opt)
		return err
	})
	if err != nil {
		if _, ok := err.(ErrorList); ok {
			return Stats{}, err
		}
		return Stats{}, fmt.Errorf("build: %w", err)
	}
	st.Stale = stale
	return st, nil
}

// parsing is the result of parsing one source, ready once done is closed.
type parsing struct {
	p       *Parsed
	key     string // ParseKey
	textSHA string // sources.TextSHA256 of the source's text
	reused  bool
	err     error
	done    chan struct{}
}

// parseAsync parses the sources on every core while the caller writes the
// database, returning their results in source order. Sources unchanged in
// prev are read back from it instead.
func parseAsync(ctx context.Context, srcs []sources.Source, prev *previous, inds []sources.Indicator) []*parsing {
	out := make([]*parsing, len(srcs))
	next := make(chan int, len(srcs))
	for i := range srcs {
		out[i] = &parsing{done: make(chan struct{})}
		next <- i
	}
	close(next)
	for range max(1, min(runtime.GOMAXPROCS(0), len(srcs))) {
		go func() {
			for i := range next {
				out[i].prepare(ctx, srcs[i], prev, inds)
				close(out[i].done)
			}
		}()
	}
	return out
}

// prepare fills r for the source s: its parse key and text hash, which
// are hashed here rather than on the writer's path, and its parse, read
// back from prev when s is unchanged there.
func (r *parsing) prepare(ctx context.Context, s sources.Source, prev *previous, inds []sources.Indicator) {
	if r.err = ctx.Err(); r.err != nil {
		return
	}
	r.key, r.textSHA = ParseKey(s, inds), sources.TextSHA256(s.Text)
	if p := prev.load(ctx, s, r.key); p != nil {
		r.p, r.reused = p, true
		return
	}
	r.p, r.err = Parse(s)
	if r.err == nil {
		r.p.AttachIndicators(inds)
	}
}

// wait hands the parsed sources to each in order, gathering every source's
// errors into one ErrorList. It returns ctx's error as soon as ctx ends,
// without waiting for a source still being parsed.
func wait(ctx context.Context, results []*parsing, each func(*parsing)) error {
	var list ErrorList
	for _, r := range results {
		select {
		case <-r.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if r.err == nil {
			if len(list) == 0 {
				each(r)
			}
			continue
		}
		l, ok := r.err.(ErrorList)
		if !ok {
			return r.err
		}
		list = append(list, l...)
	}
	return list.Err()
}

// write fills a new database file at path.
func write(ctx context.Context, path string, srcs []sources.Source, parsed []*parsing, opt BuildOptions) (Stats, error) {
	var st Stats
	h, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return st, fmt.Errorf("build: %w", err)
	}
	defer h.Close()
	h.SetMaxOpenConns(1)
	if _, err := h.ExecContext(ctx, "PRAGMA page_size = 4096"); err != nil {
		return st, fmt.Errorf("build: %w", err)
	}
	tables, indexes := schema.SplitIndexes()
	if _, err := h.ExecContext(ctx, tables); err != nil {
		return st, fmt.Errorf("build: schema: %w", err)
	}
	fts, err := startFTS(ctx, path+"-fts", len(srcs))
	if err != nil {
		return st, fmt.Errorf("build: full-text index: %w", err)
	}
	defer fts.abort()
	// The rows go straight to the driver's connection: database/sql's
	// conversion of every argument of every statement was a quarter of the
	// build's allocations.
	conn, err := h.Conn(ctx)
	if err != nil {
		return st, fmt.Errorf("build: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(driverConn)
		if !ok {
			return fmt.Errorf("the SQLite driver's connection (%T) cannot prepare and execute statements", dc)
		}
		return writeRows(ctx, c, path, srcs, parsed, opt, fts, indexes, &st)
	})
	conn.Close()
	if err != nil {
		return st, err
	}
	if err := fts.copyInto(ctx, h); err != nil {
		return st, fmt.Errorf("build: full-text index: %w", err)
	}
	// The file is private until renamed into place, so it is written
	// without a journal; it is left in rollback (not WAL) mode, so the
	// snapshot is one file. Written in one ordered transaction it is
	// already compact: VACUUM would change nothing but the build's time.
	for _, q := range []string{fmt.Sprintf("PRAGMA user_version = %d", schema.Version), "PRAGMA journal_mode = DELETE"} {
		if _, err := h.ExecContext(ctx, q); err != nil {
			return st, fmt.Errorf("build: %s: %w", q, err)
		}
	}
	return st, h.Close()
}

// syncEarly starts writing what is written of the file at path to disk,
// and returns a function that waits until that is done. It only spares a
// later sync work, so it ignores errors.
func syncEarly(path string) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if f, err := os.Open(path); err == nil {
			f.Sync()
			f.Close()
		}
	}()
	return func() { <-done }
}

// driverConn is what the build needs of the driver's connection.
type driverConn interface {
	driver.ConnPrepareContext
	driver.ExecerContext
}

// writeRows inserts every row in one transaction on c.
func writeRows(ctx context.Context, c driverConn, path string, srcs []sources.Source, parsed []*parsing, opt BuildOptions,
	fts *ftsIndexer, indexes string, st *Stats) error {
	if _, err := c.ExecContext(ctx, "BEGIN", nil); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			c.ExecContext(context.Background(), "ROLLBACK", nil)
		}
	}()
	w := &writer{inserter: newInserter(ctx, c), fts: fts,
		sentences: newBatch("sentences(id, source_id, document_id, seq, char_start, char_end, line, section, speaker, speaker_id, text)", 11),
		figures: newBatch(`figures(id, source_id, document_id, sentence_id, char_start, char_end, raw, value, value_max, unit, qualifier,
			period, role, direction, pair_id, indicator_key, region, issuer, agency, issuer_note, speaker, label, subject)`, 23),
		skipped: newBatch("skipped(id, source_id, document_id, char_start, char_end, raw, reason)", 7),
	}
	defer w.close()
	w.exec("INSERT INTO meta(key, value) VALUES (?, ?)", "schema_version", strconv.Itoa(schema.Version))
	w.exec("INSERT INTO meta(key, value) VALUES (?, ?)", "data_version", DataVersion(srcs))
	w.exec("INSERT INTO meta(key, value) VALUES (?, ?)", "pipeline", pipelineIdentity())
	w.indicators(opt.Indicators)
	done := 0
	err := wait(ctx, parsed, func(r *parsing) {
		fs := w.source(r, st)
		fs.Reused = r.reused
		if r.reused {
			st.Reused++
		}
		st.Files = append(st.Files, fs)
		done++
		if opt.Progress != nil {
			opt.Progress(done, len(parsed), fs)
		}
	})
	if err != nil {
		return err
	}
	// The indexer indexes the sentences it held back while the rest of the
	// rows go in and the indexes are built.
	w.fts.close()
	w.sentences.flush(w.inserter)
	w.skipped.flush(w.inserter)
	w.figures.flush(w.inserter)
	w.presets()
	w.dictionary()
	if w.err != nil {
		return fmt.Errorf("build: %w", w.err)
	}
	// Most rows are in the file by now (SQLite writes out what does not fit
	// its cache): they are synced while the indexes are built, so that the
	// sync that makes the finished file durable (atomicfile.Fill) has only
	// the rest to write.
	defer syncEarly(path)()
	// The indexes come after the rows: faster than keeping them up to date.
	if _, err := c.ExecContext(ctx, indexes, nil); err != nil {
		return fmt.Errorf("build: indexes: %w", err)
	}
	if _, err := c.ExecContext(ctx, "COMMIT", nil); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	committed = true
	return nil
}

// inserter executes INSERT statements on a driver connection, preparing
// each once, and keeps the first error.
type inserter struct {
	ctx   context.Context
	conn  driverConn
	err   error
	stmts map[string]driver.Stmt
	args  []driver.NamedValue // reused for every statement
}

func newInserter(ctx context.Context, c driverConn) *inserter {
	return &inserter{ctx: ctx, conn: c, stmts: map[string]driver.Stmt{}}
}

// exec runs the INSERT statement q with args, unless an earlier one failed.
func (in *inserter) exec(q string, args ...any) {
	if in.err != nil {
		return
	}
	st, ok := in.stmts[q]
	if !ok {
		var err error
		if st, err = in.conn.PrepareContext(in.ctx, q); err != nil {
			in.err = fmt.Errorf("%s: %w", strings.Fields(q)[2], err)
			return
		}
		in.stmts[q] = st
	}
	in.args = in.args[:0]
	for i, a := range args {
		if n, ok := a.(int); ok {
			a = int64(n) // the driver takes int64
		}
		in.args = append(in.args, driver.NamedValue{Ordinal: i + 1, Value: a})
	}
	if _, err := st.(driver.StmtExecContext).ExecContext(in.ctx, in.args); err != nil {
		in.err = fmt.Errorf("%s: %w", strings.Fields(q)[2], err)
	}
}

// close closes the prepared statements.
func (in *inserter) close() {
	for _, st := range in.stmts {
		st.Close()
	}
}

// writer inserts a build's rows, keeping the first error.
type writer struct {
	*inserter
	fts *ftsIndexer
	// the largest tables are inserted many rows per statement
	sentences, figures, skipped *batch
	ids                         struct{ source, document, sentence, figure, speaker, correction, skip int64 }
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (w *writer) source(r *parsing, st *Stats) FileStats {
	p := r.p
	src := p.Source
	fs := FileStats{File: src.File, Bytes: len(src.Bytes), Documents: len(p.Documents)}
	w.ids.source++
	sid := w.ids.source
	st.Sources++
	st.Chars += len(p.Text)
	format := "text"
	if src.HTML {
		format = "html"
	}
	encoding := src.Encoding
	if encoding == "" {
		encoding = sources.EncodingUTF8
	}
	w.exec(`INSERT INTO sources(id, file, sha256, text_sha256, outlet, page_date, encoding, format, guessed, entry, parse_key, chars, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sid, src.File, src.SHA256, r.textSHA, src.Outlet, nullable(src.PageDate), encoding, format,
		nullable(strings.Join(src.Guessed, "; ")), src.Entry().JSON(), r.key, len(p.Text), src.Text)
	corrections := map[string]int64{}
	for _, c := range src.Corrections {
		w.ids.correction++
		corrections[c.Find] = w.ids.correction
		w.exec("INSERT INTO corrections(id, source_id, find, replacement, reason, occurrences) VALUES (?, ?, ?, ?, ?, ?)",
			w.ids.correction, sid, c.Find, c.Replace, c.Reason, strings.Count(src.Text, c.Find))
	}
	var fts []ftsRow // the source's sentences, for the full-text index
	for seq, d := range p.Documents {
		w.ids.document++
		did := w.ids.document
		st.Documents++
		w.exec(`INSERT INTO documents(id, source_id, seq, title, doc_number, issuer, issue_date, kind, region, body_start, body_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			did, sid, seq+1, d.Title, nullable(d.Number), d.Issuer(), d.Date, d.Kind, nullable(d.Region), d.Body[0].Start, d.Body[len(d.Body)-1].End)
		for _, b := range d.Body {
			w.exec("INSERT INTO body_spans(document_id, char_start, char_end) VALUES (?, ?, ?)", did, b.Start, b.End)
		}
		speakerIDs := make([]int64, len(d.Speakers))
		for i, sp := range d.Speakers {
			w.ids.speaker++
			speakerIDs[i] = w.ids.speaker
			role := "speaker"
			if sp.Role == "host" {
				role = "host"
			}
			var cid any
			if id, ok := corrections[sp.Correction]; ok {
				cid = id
			}
			w.exec("INSERT INTO speakers(id, document_id, name, agency, title, role, region, correction_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				w.ids.speaker, did, sp.Name, nullable(sp.Agency), nullable(sp.Title), role, nullable(sp.Region), cid)
		}
		fs.Sentences += len(d.Sentences)
		fs.Figures += len(d.Figures)
		sentenceIDs := make([]int64, len(d.Sentences))
		for i, s := range d.Sentences {
			w.ids.sentence++
			sentenceIDs[i] = w.ids.sentence
			st.Sentences++
			var spk any
			if s.SpeakerIndex >= 0 {
				spk = speakerIDs[s.SpeakerIndex]
			}
			w.sentences.add(w.inserter, w.ids.sentence, sid, did, i+1, s.Start, s.End, s.Line, nullable(s.Section), nullable(s.Speaker), spk, s.Text)
			fts = append(fts, ftsRow{w.ids.sentence, s.Text})
		}
		firstFigure := w.ids.figure + 1
		for _, f := range d.Figures {
			w.ids.figure++
			st.Figures++
			var pair any
			if f.Pair >= 0 {
				pair = firstFigure + int64(f.Pair)
			}
			period := f.Period
			if period == "" {
				period = "unknown"
			}
			w.figures.add(w.inserter, w.ids.figure, sid, did, sentenceIDs[f.Sentence], f.Start, f.End, f.Raw, f.Value.SQLValue(), f.ValueMax.SQLValue(),
				f.Unit, f.Qualifier, period, nullable(f.Role), nullable(f.Direction), pair, nullable(f.Indicator),
				nullable(f.Region), f.Issuer, f.Issuer, nullable(f.IssuerNote), nullable(f.Speaker), nullable(f.Label), nullable(f.Subject))
		}
		for _, k := range d.Skips {
			w.ids.skip++
			st.Skipped++
			if st.SkipReasons == nil {
				st.SkipReasons = map[string]int{}
			}
			st.SkipReasons[k.Reason]++
			w.skipped.add(w.inserter, w.ids.skip, sid, did, k.Start, k.End, k.Raw, k.Reason)
		}
	}
	w.fts.add(fts)
	return fs
}

func (w *writer) indicators(inds []sources.Indicator) {
	for _, ind := range inds {
		rules, _ := json.Marshal(ind.Rules())
		w.exec("INSERT INTO indicators(key, name_zh, name_en, unit, description, rules, line) VALUES (?, ?, ?, ?, ?, ?, ?)",
			ind.Key, ind.NameZh, ind.NameEn, ind.Unit, ind.Description, string(rules), ind.Line)
	}
}

func (w *writer) presets() {
	ps, err := schema.Presets()
	if err != nil {
		w.err = err
		return
	}
	for _, p := range ps {
		w.exec("INSERT INTO presets(name, title_zh, title_en, description, sql, params) VALUES (?, ?, ?, ?, ?, ?)",
			p.Name, p.TitleZh, p.TitleEn, p.Description, p.SQL, p.ParamsJSON())
	}
}

func (w *writer) dictionary() {
	entries, err := schema.Dictionary()
	if err != nil {
		w.err = err
		return
	}
	for _, e := range entries {
		w.exec("INSERT INTO dictionary(table_name, column_name, description_zh, description_en) VALUES (?, ?, ?, ?)",
			e.Table, e.Column, e.Zh, e.En)
	}
}

// batch inserts rows into one table batchRows at a time, which saves most
// of the cost of a statement per row.
type batch struct {
	table string // table(columns)
	cols  int
	args  []any
	full  string // the statement for batchRows rows, built once
}

const batchRows = 64

func newBatch(table string, cols int) *batch {
	b := &batch{table: table, cols: cols}
	b.full = b.statement(batchRows)
	return b
}

// statement returns the INSERT statement for n rows.
func (b *batch) statement(n int) string {
	row := "(" + strings.Repeat("?, ", b.cols-1) + "?)"
	return "INSERT INTO " + b.table + " VALUES " + strings.Repeat(row+", ", n-1) + row
}

func (b *batch) add(in *inserter, args ...any) {
	b.args = append(b.args, args...)
	if len(b.args) == batchRows*b.cols {
		b.flush(in)
	}
}

func (b *batch) flush(in *inserter) {
	n := len(b.args) / b.cols
	if n == 0 {
		return
	}
	q := b.full
	if n < batchRows {
		q = b.statement(n)
	}
	in.exec(q, b.args...)
	b.args = b.args[:0]
}

// ftsIndexer builds the full-text index (sentences_fts) in a database file
// of its own, on another core, while the main database is written; its
// tables are then copied into the main database. Tokenizing is the costliest
// part of a build, and this takes it off the writer's path.
type ftsIndexer struct {
	path    string
	sources chan []ftsRow // each source's sentences, in order
	closed  bool          // sources is closed
	done    chan error
	err     error
	waited  bool // err is the indexer's
}

// ftsRow is a sentence for the full-text index: its id and its text, whose
// terms (schema.FTSTerms) the indexer's goroutine derives.
type ftsRow struct {
	id   int64
	text string
}

// startFTS starts indexing, in a new database at path, the sentences of up
// to n sources.
func startFTS(ctx context.Context, path string, n int) (*ftsIndexer, error) {
	h, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return nil, err
	}
	h.SetMaxOpenConns(1)
	fail := func(err error) (*ftsIndexer, error) {
		h.Close()
		os.Remove(path)
		return nil, err
	}
	if _, err := h.ExecContext(ctx, "PRAGMA page_size = 4096"); err != nil {
		return fail(err)
	}
	if _, err := h.ExecContext(ctx, schema.SQL); err != nil {
		return fail(err)
	}
	conn, err := h.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	// Room for every source: the writer never waits for the indexer.
	f := &ftsIndexer{path: path, sources: make(chan []ftsRow, n), done: make(chan error, 1)}
	go func() {
		err := conn.Raw(func(dc any) error { return f.index(ctx, dc) })
		conn.Close()
		if cerr := h.Close(); err == nil {
			err = cerr
		}
		f.done <- err
	}()
	return f, nil
}

// index inserts the sentences that arrive on f.sources into sentences_fts,
// in one transaction on the driver connection dc, as the writer does:
// database/sql's handling of every statement cost a quarter of the
// indexer's time. It reads f.sources to the end also after an error.
//
// Each sentence has a statement of its own. FTS5 writes its pending terms
// out as a segment at the start of every statement, so the index's bytes
// depend on how many rows each statement inserts.
func (f *ftsIndexer) index(ctx context.Context, dc any) error {
	defer func() {
		for range f.sources {
		}
	}()
	c, ok := dc.(driverConn)
	if !ok {
		return fmt.Errorf("the SQLite driver's connection (%T) cannot prepare and execute statements", dc)
	}
	if _, err := c.ExecContext(ctx, "BEGIN", nil); err != nil {
		return err
	}
	in := newInserter(ctx, c)
	defer in.close()
	// Merge the index's segments by need, not after every insert.
	in.exec("INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('automerge', 0)")
	b := ftsBacklog{in: f.sources, open: true}
	for rows, ok := b.next(); ok && in.err == nil; rows, ok = b.next() {
		for _, r := range rows {
			in.exec("INSERT INTO sentences_fts(rowid, terms) VALUES (?, ?)", r.id, schema.FTSTerms(r.text))
		}
	}
	in.exec("INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('automerge', 4)")
	if in.err != nil {
		c.ExecContext(context.Background(), "ROLLBACK", nil)
		return in.err
	}
	_, err := c.ExecContext(ctx, "COMMIT", nil)
	return err
}

// ftsHeldBack is the share of the sentences handed to the indexer that it
// holds back until the last source is in. Once it is, the writer builds
// the tables' indexes, which takes about as long as indexing that share:
// the two then run side by side. An indexer that kept up with the writer
// would leave a core idle there, and the cores it shared with the parse
// before would have gone to the writer instead.
const ftsHeldBack = 0.25

// ftsBacklog is what the indexer has been handed and not yet indexed.
type ftsBacklog struct {
	in      <-chan []ftsRow
	open    bool // in is not closed yet
	queue   [][]ftsRow
	handed  int // sentences received
	indexed int // sentences returned by next
}

// next returns the sentences of the next source to index, or false when
// there are none left. While more may come, it waits for them rather than
// index into the last ftsHeldBack of the sentences handed so far.
func (b *ftsBacklog) next() ([]ftsRow, bool) {
	for b.open && (len(b.queue) == 0 || float64(b.indexed+len(b.queue[0])) > (1-ftsHeldBack)*float64(b.handed)) {
		rows, ok := <-b.in
		if !ok {
			b.open = false
			break
		}
		b.queue = append(b.queue, rows)
		b.handed += len(rows)
	}
	if len(b.queue) == 0 {
		return nil, false
	}
	rows := b.queue[0]
	b.queue = b.queue[1:]
	b.indexed += len(rows)
	return rows, true
}

// add hands the indexer a source's sentences.
func (f *ftsIndexer) add(rows []ftsRow) { f.sources <- rows }

// close tells the indexer that no more sentences come.
func (f *ftsIndexer) close() {
	if !f.closed {
		f.closed = true
		close(f.sources)
	}
}

// wait ends the input and returns the indexer's error.
func (f *ftsIndexer) wait() error {
	f.close()
	if !f.waited {
		f.waited = true
		f.err = <-f.done
	}
	return f.err
}

// abort stops the indexer if it still runs and removes its file.
func (f *ftsIndexer) abort() {
	f.wait()
	os.Remove(f.path)
}

// copyInto waits for the index and copies its tables into the database h.
func (f *ftsIndexer) copyInto(ctx context.Context, h *sql.DB) error {
	if err := f.wait(); err != nil {
		return err
	}
	conn, err := h.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS fts", f.path); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE fts")
	var tables []string
	rows, err := conn.QueryContext(ctx, "SELECT name FROM fts.sqlite_schema WHERE type = 'table' AND name LIKE 'sentences\\_fts\\_%' ESCAPE '\\' ORDER BY name")
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	stmts := []string{"BEGIN"}
	for _, t := range tables {
		stmts = append(stmts, fmt.Sprintf("DELETE FROM main.%[1]s", t), fmt.Sprintf("INSERT INTO main.%[1]s SELECT * FROM fts.%[1]s", t))
	}
	stmts = append(stmts, "COMMIT")
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.ExecContext(context.Background(), "ROLLBACK")
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
