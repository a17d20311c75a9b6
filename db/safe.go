package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/libc"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Default limits of a Safe handle; see Limits.
const (
	DefaultTimeout   = 10 * time.Second
	DefaultMaxRows   = 1_000_000
	DefaultMaxLength = 1 << 20
	DefaultMaxSteps  = 50_000_000
	DefaultMaxBytes  = 64 << 20
	DefaultMaxOps    = 100_000
	DefaultMaxMemory = 128 << 20
)

// maxSQLLength is SQLITE_LIMIT_SQL_LENGTH on a Safe handle: the longest SQL
// text, in bytes, one call may pass.
const maxSQLLength = 100_000

// ErrDenied is wrapped by the error of a statement that a Safe handle refuses
// to run: a write, ATTACH, VACUUM, load_extension, a PRAGMA that changes state.
var ErrDenied = errors.New("denied on a safe handle")

// ErrLimit is wrapped by the error of a statement that a Safe handle stopped at
// one of its Limits.
var ErrLimit = errors.New("limit reached on a safe handle")

// SafeError is the error of a statement that a Safe handle refused (Err is
// ErrDenied) or stopped (Err is ErrLimit). Test for it with errors.Is or
// errors.As.
type SafeError struct {
	// What names what was refused or which limit was reached, e.g.
	// `ATTACH 'x.db' denied` or `statement stopped after 10s`.
	What string
	// Why says why, and what to do instead.
	Why string
	// Err is ErrDenied or ErrLimit.
	Err error
	// cause is the driver's error, if any.
	cause error
}

// Error returns "safe mode: What: Why".
func (e *SafeError) Error() string { return "safe mode: " + e.What + ": " + e.Why }

// Unwrap returns Err and the SQLite driver's own error, if there was one.
func (e *SafeError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.cause}
}

// Limits bound the work of one statement on a Safe handle. A statement that
// reaches a limit fails with a *SafeError wrapping ErrLimit that names the
// limit. The zero value of a field selects its default.
type Limits struct {
	// Timeout is how long one statement may run, from the call that starts
	// it to the last row read (DefaultTimeout). A caller's own context
	// deadline applies as well.
	Timeout time.Duration
	// MaxRows is how many rows one statement may return, that is how many
	// times SQLite may step it (DefaultMaxRows).
	MaxRows int64
	// MaxLength is the largest string or BLOB, in bytes, that a statement
	// may build or read: SQLite's SQLITE_LIMIT_LENGTH (DefaultMaxLength).
	// It must exceed the longest source text, about 40 KB.
	MaxLength int
	// MaxSteps is how many instructions of SQLite's virtual machine one
	// statement may run, counted in thousands by a progress handler
	// (DefaultMaxSteps, about a second of work, five times what sorting
	// 300,000 rows takes). Unlike Timeout it does not
	// depend on the machine's load.
	MaxSteps int64
	// MaxBytes is how many bytes of strings and BLOBs one statement may
	// return, over all its rows (DefaultMaxBytes).
	MaxBytes int64
	// MaxOps is the largest compiled program, in virtual-machine
	// instructions, a statement may compile to: SQLite's
	// SQLITE_LIMIT_VDBE_OP (DefaultMaxOps). Without it a short statement,
	// such as a chain of WITH clauses each doubling the one before, can
	// take minutes and gigabytes to compile, before any deadline is checked.
	MaxOps int
	// MaxMemory is the most memory, in bytes, that SQLite may hold
	// (DefaultMaxMemory): its caches, sorts, temporary tables (a Safe
	// handle keeps them in memory, never in files) and the statements it
	// compiles. SQLite's limit (sqlite3_hard_heap_limit64, PRAGMA
	// hard_heap_limit) is one for the whole process: the smallest MaxMemory
	// of the Safe handles opened holds for every SQLite connection of the
	// process from then on.
	MaxMemory int64
}

func (l Limits) withDefaults() Limits {
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultMaxRows
	}
	if l.MaxLength <= 0 {
		l.MaxLength = DefaultMaxLength
	}
	if l.MaxSteps <= 0 {
		l.MaxSteps = DefaultMaxSteps
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxOps <= 0 {
		l.MaxOps = DefaultMaxOps
	}
	if l.MaxMemory <= 0 {
		l.MaxMemory = DefaultMaxMemory
	}
	return l
}

// Safe returns an Option that makes a handle safe to give SQL typed by anyone,
// as sqlite3's -safe flag does. On such a handle:
//
//   - an SQLite authorizer denies any write (INSERT, UPDATE, DELETE, CREATE,
//     DROP, ALTER, REINDEX, ANALYZE, temporary tables included), ATTACH and
//     DETACH, VACUUM and VACUUM INTO, load_extension, and every PRAGMA except
//     the read-only ones (table_info, user_version without a value, …);
//   - each statement runs under a deadline, a limit on its work (virtual
//     machine instructions), on its rows and on the bytes it returns;
//     strings and BLOBs are capped in length, compiled programs in size, and
//     SQLite's memory as a whole; temporary storage (sorts, DISTINCT,
//     temporary b-trees) is kept in memory under that budget, never in
//     files. So a runaway WITH RECURSIVE, a huge zeroblob or randomblob, a
//     printf width bomb, a cartesian product or a statement that explodes
//     as it compiles ends in an error naming the bound it reached (see
//     Limits; Safe uses the defaults).
//
// The deadline is enforced with sqlite3_interrupt and a progress handler,
// also while Rows.Next computes a later row, which the driver's own context
// handling does not cover; it includes the time the caller takes to read the
// rows. The row limit counts sqlite3_step calls that return a row. The
// handle is also opened with SQLite's defensive flag and query_only, beneath
// the authorizer.
//
// A refused or stopped statement fails with a *SafeError saying what was
// denied and why. The rules apply only to handles opened with this option.
func Safe() Option { return SafeLimits(Limits{}) }

// SafeLimits is Safe with limits other than the defaults; a zero field of l
// keeps its default.
func SafeLimits(l Limits) Option {
	return func(o *options) {
		o.safe = true
		o.limits = l.withDefaults()
	}
}

// openSafe returns a pool whose every connection carries the Safe rules.
func openSafe(dsn string, l Limits) (*sql.DB, error) {
	// Defence in depth: the defensive flag and query_only hold even if the
	// authorizer were bypassed.
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	base, err := sqlite.NewConnector(dsn + sep + "_defensive=1&_query_only=1&_pragma=temp_store(memory)")
	if err != nil {
		return nil, err
	}
	if !lowerHeapLimit(l.MaxMemory) {
		return nil, errors.New("safe mode: SQLite does not count its memory here, so its memory limit cannot hold; " +
			"open safe handles only through package db, which turns the counting on before SQLite starts")
	}
	return sql.OpenDB(&safeConnector{base: base, limits: l}), nil
}

// safeConnector opens connections through the driver and installs the Safe
// rules on each before database/sql sees it.
type safeConnector struct {
	base   driver.Connector
	limits Limits
}

func (s *safeConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := s.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	c, err := newSafeConn(ctx, dc, s.limits)
	if err != nil {
		dc.Close()
		return nil, fmt.Errorf("safe mode: %w", err)
	}
	return c, nil
}

func (s *safeConnector) Driver() driver.Driver { return s.base.Driver() }

// driverConn is what a modernc.org/sqlite connection implements and safeConn
// forwards.
type driverConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// denial is what the authorizer refused last on a connection.
type denial struct {
	action     sqlite.AuthorizerActionCode
	arg1, arg2 string
}

// safeConn is a driver connection under the Safe rules.
type safeConn struct {
	inner  driverConn
	limits Limits
	handle uintptr // the connection's sqlite3*, for sqlite3_interrupt

	mu     sync.Mutex // orders interrupt against Close
	closed bool

	denied atomic.Pointer[denial] // set by the authorizer, cleared per statement
	active atomic.Pointer[guard]  // the statement running, for safeProgress
}

func newSafeConn(ctx context.Context, dc driver.Conn, l Limits) (*safeConn, error) {
	inner, ok := dc.(driverConn)
	if !ok {
		return nil, fmt.Errorf("connection %T lacks the context-aware methods of modernc.org/sqlite", dc)
	}
	handle, err := sqliteHandle(dc)
	if err != nil {
		return nil, err
	}
	c := &safeConn{inner: inner, limits: l, handle: handle}
	reg, ok := dc.(sqlite.AuthorizerRegisterer)
	if !ok {
		return nil, fmt.Errorf("connection %T has no SQLite authorizer", dc)
	}
	if err := reg.RegisterAuthorizer(c.authorize); err != nil {
		return nil, fmt.Errorf("install authorizer: %w", err)
	}
	limits := []struct {
		id  int
		val int
	}{
		{sqlite3.SQLITE_LIMIT_LENGTH, l.MaxLength},
		{sqlite3.SQLITE_LIMIT_SQL_LENGTH, maxSQLLength},
		{sqlite3.SQLITE_LIMIT_VDBE_OP, l.MaxOps},
		{sqlite3.SQLITE_LIMIT_ATTACHED, 0},
		{sqlite3.SQLITE_LIMIT_WORKER_THREADS, 0},
	}
	err = withSQLConn(ctx, dc, func(sc *sql.Conn) error {
		for _, lim := range limits {
			if _, err := sqlite.Limit(sc, lim.id, lim.val); err != nil {
				return fmt.Errorf("set limit %d: %w", lim.id, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.installProgress()
	return c, nil
}

// sqliteHandle returns the sqlite3* of a modernc.org/sqlite connection. The
// driver interrupts a statement when its context ends only while the call
// that started it runs, not during later Rows.Next calls; a Safe handle
// needs the handle to interrupt those itself. Without it Safe refuses to
// open rather than run unbounded.
func sqliteHandle(dc driver.Conn) (uintptr, error) {
	v := reflect.ValueOf(dc)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct && v.Type().PkgPath() == "modernc.org/sqlite" {
		if f := v.FieldByName("db"); f.IsValid() && f.Kind() == reflect.Uintptr && f.Uint() != 0 {
			return uintptr(f.Uint()), nil
		}
	}
	return 0, fmt.Errorf("cannot find the SQLite handle of %T, needed to stop runaway statements; "+
		"use the modernc.org/sqlite version in mediq's go.mod", dc)
}

// withSQLConn runs f with dc seen as a *sql.Conn, the form sqlite.Limit takes.
// dc is lent, not given: closing the temporary pool leaves it open.
func withSQLConn(ctx context.Context, dc driver.Conn, f func(*sql.Conn) error) error {
	tmp := sql.OpenDB(lendConnector{dc})
	defer tmp.Close()
	sc, err := tmp.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	return f(sc)
}

type lendConnector struct{ c driver.Conn }

func (l lendConnector) Connect(context.Context) (driver.Conn, error) { return lent{l.c}, nil }
func (l lendConnector) Driver() driver.Driver                        { return nil }

// lent is a connection whose Close leaves the real one open.
type lent struct{ driver.Conn }

func (lent) Close() error          { return nil }
func (l lent) Unwrap() driver.Conn { return l.Conn }

// interrupt stops the statement running on c, if any; see sqlite3_interrupt.
func (c *safeConn) interrupt() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	// A fresh TLS, as the driver does: the statement may be running on the
	// connection's own.
	tls := libc.NewTLS()
	sqlite3.Xsqlite3_interrupt(tls, c.handle)
	tls.Close()
}

// readPragmas are the PRAGMAs a Safe handle allows without an argument: each
// only reports a setting or a fact.
var readPragmas = map[string]bool{
	"application_id": true, "auto_vacuum": true, "automatic_index": true, "busy_timeout": true,
	"cache_size": true, "cache_spill": true, "cell_size_check": true, "collation_list": true,
	"compile_options": true, "data_version": true, "database_list": true, "defer_foreign_keys": true,
	"encoding": true, "foreign_key_check": true, "foreign_keys": true, "freelist_count": true,
	"function_list": true, "integrity_check": true, "journal_mode": true, "journal_size_limit": true,
	"locking_mode": true, "max_page_count": true, "mmap_size": true, "module_list": true,
	"page_count": true, "page_size": true, "pragma_list": true, "query_only": true,
	"quick_check": true, "recursive_triggers": true, "schema_version": true, "secure_delete": true,
	"synchronous": true, "table_list": true, "temp_store": true, "trusted_schema": true,
	"user_version": true,
}

// argPragmas are the PRAGMAs whose argument names what to report on, so that
// they stay read-only with one.
var argPragmas = map[string]bool{
	"foreign_key_check": true, "foreign_key_list": true, "index_info": true, "index_list": true,
	"index_xinfo": true, "integrity_check": true, "quick_check": true, "table_info": true,
	"table_list": true, "table_xinfo": true,
}

// deniedFunctions are SQL functions a Safe handle refuses to call.
var deniedFunctions = map[string]string{
	"load_extension": "it loads native code into the process",
	"fts3_tokenizer": "it can register native tokenizer code with the connection",
}

// authorize is the SQLite authorizer of a Safe connection. It records what
// it denies so that the statement's error can say so.
func (c *safeConn) authorize(action sqlite.AuthorizerActionCode, arg1, arg2, _, _ string) sqlite.AuthorizerReturnCode {
	ok := false
	switch action {
	case sqlite.AuthSelect, sqlite.AuthRead, sqlite.AuthRecursive,
		sqlite.AuthTransaction, sqlite.AuthSavepoint:
		ok = true
	case sqlite.AuthFunction:
		_, bad := deniedFunctions[strings.ToLower(arg2)]
		ok = !bad
	case sqlite.AuthPragma:
		name := strings.ToLower(arg1)
		ok = (arg2 == "" && readPragmas[name]) || (arg2 != "" && argPragmas[name])
	}
	if ok {
		return sqlite.AuthorizerOK
	}
	c.denied.Store(&denial{action: action, arg1: arg1, arg2: arg2})
	return sqlite.AuthorizerDeny
}

// readOnlyWhy ends the message of every denied write.
const readOnlyWhy = "a safe handle only reads; to change data, work on a copy written by db.WriteFile or `mediq export`"

// safeError describes a denial for the statement query.
func (d *denial) safeError(query string, cause error) *SafeError {
	e := &SafeError{Err: ErrDenied, cause: cause}
	switch d.action {
	case sqlite.AuthAttach:
		if firstKeyword(query) == "VACUUM" {
			if d.arg1 == "" {
				e.What, e.Why = "VACUUM denied", "it rewrites the database file; "+readOnlyWhy
			} else {
				e.What = fmt.Sprintf("VACUUM INTO %s denied", sqlQuote(d.arg1))
				e.Why = "it writes a copy of the database to a file; use db.WriteFile or `mediq export` instead"
			}
		} else {
			e.What = fmt.Sprintf("ATTACH %s denied", sqlQuote(d.arg1))
			e.Why = "attaching opens or creates a database file; a safe handle reads only mediq's own data"
		}
	case sqlite.AuthDetach:
		e.What, e.Why = fmt.Sprintf("DETACH %s denied", d.arg1), "a safe handle attaches nothing, so there is nothing to detach"
	case sqlite.AuthPragma:
		if d.arg2 != "" {
			e.What = fmt.Sprintf("PRAGMA %s = %s denied", d.arg1, d.arg2)
		} else {
			e.What = fmt.Sprintf("PRAGMA %s denied", d.arg1)
		}
		e.Why = "it can change the database or the connection; only read-only pragmas such as table_info(figures) or user_version are allowed"
	case sqlite.AuthFunction:
		e.What, e.Why = fmt.Sprintf("function %s denied", d.arg2), deniedFunctions[strings.ToLower(d.arg2)]
	case sqlite.AuthInsert:
		e.What, e.Why = fmt.Sprintf("INSERT into %s denied", d.arg1), readOnlyWhy
	case sqlite.AuthUpdate:
		e.What, e.Why = fmt.Sprintf("UPDATE of %s.%s denied", d.arg1, d.arg2), readOnlyWhy
	case sqlite.AuthDelete:
		e.What, e.Why = fmt.Sprintf("DELETE from %s denied", d.arg1), readOnlyWhy
	case sqlite.AuthCreateIndex, sqlite.AuthCreateTable, sqlite.AuthCreateTempIndex, sqlite.AuthCreateTempTable,
		sqlite.AuthCreateTempTrigger, sqlite.AuthCreateTempView, sqlite.AuthCreateTrigger, sqlite.AuthCreateView,
		sqlite.AuthCreateVTable:
		e.What, e.Why = fmt.Sprintf("CREATE %s denied", d.arg1), readOnlyWhy+"; use a WITH clause instead of a temporary table or view"
	case sqlite.AuthDropIndex, sqlite.AuthDropTable, sqlite.AuthDropTempIndex, sqlite.AuthDropTempTable,
		sqlite.AuthDropTempTrigger, sqlite.AuthDropTempView, sqlite.AuthDropTrigger, sqlite.AuthDropView,
		sqlite.AuthDropVTable:
		e.What, e.Why = fmt.Sprintf("DROP %s denied", d.arg1), readOnlyWhy
	case sqlite.AuthAlterTable:
		e.What, e.Why = fmt.Sprintf("ALTER TABLE %s denied", d.arg2), readOnlyWhy
	case sqlite.AuthReindex:
		e.What, e.Why = "REINDEX denied", readOnlyWhy
	case sqlite.AuthAnalyze:
		e.What, e.Why = "ANALYZE denied", readOnlyWhy
	default:
		e.What = fmt.Sprintf("operation %d denied", d.action)
		e.Why = "a safe handle allows only reading; see https://www.sqlite.org/c3ref/c_alter_table.html for the code"
	}
	return e
}

// sqlQuote quotes s as an SQL string literal.
func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// firstKeyword returns the first word of query in upper case, after white
// space and comments.
func firstKeyword(query string) string {
	s := skipSpaceAndComments(query)
	end := strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
	})
	if end < 0 {
		end = len(s)
	}
	return strings.ToUpper(s[:end])
}

// guard watches one statement: its deadline, its rows, and what the
// authorizer denied while it was prepared.
type guard struct {
	c      *safeConn
	parent context.Context
	ctx    context.Context
	cancel context.CancelFunc
	stop   func() bool
	query  string
	rows   int64
	bytes  int64

	steps   atomic.Int64 // instructions run, counted by safeProgress
	stepped atomic.Bool  // safeProgress stopped the statement at MaxSteps

	mu   sync.Mutex
	done bool
}

func (c *safeConn) start(ctx context.Context, query string) *guard {
	g := &guard{c: c, parent: ctx, query: query}
	g.ctx, g.cancel = context.WithTimeout(ctx, c.limits.Timeout)
	c.denied.Store(nil)
	c.active.Store(g)
	g.stop = context.AfterFunc(g.ctx, g.interrupt)
	return g
}

// driverCtx is the context handed to the driver: the statement's values
// without its end. The guard watches the end itself (interrupt,
// safeProgress); a context that can end would make the driver install its
// own progress handler in place of safeProgress, and remove it afterwards.
func (g *guard) driverCtx() context.Context { return context.WithoutCancel(g.ctx) }

// interrupt runs when the statement's context ends and stops the statement if
// it is still running, including inside Rows.Next, which the driver does not
// watch.
func (g *guard) interrupt() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.done {
		g.c.interrupt()
	}
}

func (g *guard) finish() {
	g.mu.Lock()
	g.done = true
	g.mu.Unlock()
	g.c.active.CompareAndSwap(g, nil)
	g.stop()
	g.cancel()
}

// err turns the driver's error into one that says which rule stopped the
// statement, if one did.
func (g *guard) err(err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	if d := g.c.denied.Load(); d != nil {
		return d.safeError(g.query, err)
	}
	if g.stepped.Load() {
		return &SafeError{
			What:  fmt.Sprintf("statement stopped after %d million steps", g.c.limits.MaxSteps/1_000_000),
			Why:   "that is the work limit (instructions of SQLite's virtual machine) for one statement on a safe handle; join on indexed columns, narrow the WHERE clause, or add a LIMIT",
			Err:   ErrLimit,
			cause: err,
		}
	}
	if g.timedOut() {
		return g.timeoutError(err)
	}
	if perr := g.parent.Err(); perr != nil {
		return perr
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_TOOBIG:
		if len(g.query) > maxSQLLength {
			return &SafeError{
				What:  fmt.Sprintf("SQL text of %d bytes is longer than %d bytes", len(g.query), maxSQLLength),
				Why:   "that is the length limit for the SQL of one call on a safe handle; split it into several statements, or bind long values as parameters",
				Err:   ErrLimit,
				cause: err,
			}
		}
		return &SafeError{
			What:  fmt.Sprintf("value longer than %d bytes", g.c.limits.MaxLength),
			Why:   "that is the length limit for one string or BLOB on a safe handle; build smaller values",
			Err:   ErrLimit,
			cause: err,
		}
	case sqlite3.SQLITE_NOMEM:
		if lim := heapLimit(); lim > 0 && heapHighwater() >= lim-lim/16 {
			return &SafeError{
				What:  fmt.Sprintf("SQLite's memory reached %d MB", lim>>20),
				Why:   "that is the memory limit of SQLite on a safe handle, for sorts, DISTINCT, temporary tables and compiled statements; sort or group fewer rows, or add a LIMIT",
				Err:   ErrLimit,
				cause: err,
			}
		}
		return &SafeError{
			What:  fmt.Sprintf("statement compiles to more than %d instructions", g.c.limits.MaxOps),
			Why:   "that is the size limit for one compiled statement on a safe handle; a WITH clause that uses the one before it twice doubles the program at each step: write fewer or simpler clauses",
			Err:   ErrLimit,
			cause: err,
		}
	}
	return err
}

// timedOut reports whether the statement's own deadline ended it, rather
// than the caller's context.
func (g *guard) timedOut() bool {
	return g.ctx.Err() != nil && g.parent.Err() == nil
}

func (g *guard) timeoutError(cause error) error {
	return &SafeError{
		What:  fmt.Sprintf("statement stopped after %v", g.c.limits.Timeout),
		Why:   "that is the time limit for one statement on a safe handle; add a LIMIT, narrow the WHERE clause, or end the recursion of a WITH RECURSIVE",
		Err:   ErrLimit,
		cause: cause,
	}
}

func (c *safeConn) exec(ctx context.Context, query string, run func(context.Context) (driver.Result, error)) (driver.Result, error) {
	if err := vacuumTemp(query); err != nil {
		return nil, err
	}
	g := c.start(ctx, query)
	defer g.finish()
	res, err := run(g.driverCtx())
	return res, g.err(err)
}

func (c *safeConn) query(ctx context.Context, query string, run func(context.Context) (driver.Rows, error)) (driver.Rows, error) {
	if err := vacuumTemp(query); err != nil {
		return nil, err
	}
	g := c.start(ctx, query)
	rows, err := run(g.driverCtx())
	if err != nil {
		err = g.err(err)
		g.finish()
		return nil, err
	}
	return &safeRows{inner: rows, g: g}, nil
}

// ExecContext runs query under the Safe rules.
func (c *safeConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.exec(ctx, query, func(ctx context.Context) (driver.Result, error) {
		return c.inner.ExecContext(ctx, query, args)
	})
}

// QueryContext runs query under the Safe rules.
func (c *safeConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.query(ctx, query, func(ctx context.Context) (driver.Rows, error) {
		return c.inner.QueryContext(ctx, query, args)
	})
}

// PrepareContext prepares query under the Safe rules.
func (c *safeConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := vacuumTemp(query); err != nil {
		return nil, err
	}
	g := c.start(ctx, query)
	defer g.finish()
	st, err := c.inner.PrepareContext(g.driverCtx(), query)
	if err != nil {
		return nil, g.err(err)
	}
	return &safeStmt{inner: st, c: c, query: query}, nil
}

func (c *safeConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// BeginTx begins a transaction. The context's end is not passed on: the
// driver would replace the connection's progress handler for the call.
func (c *safeConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return c.inner.BeginTx(context.WithoutCancel(ctx), opts)
}

func (c *safeConn) Begin() (driver.Tx, error) {
	return c.inner.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *safeConn) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.removeProgress()
	return c.inner.Close()
}

func (c *safeConn) Ping(ctx context.Context) error {
	return c.inner.Ping(context.WithoutCancel(ctx))
}

func (c *safeConn) ResetSession(ctx context.Context) error {
	return c.inner.ResetSession(context.WithoutCancel(ctx))
}
func (c *safeConn) IsValid() bool       { return c.inner.IsValid() }
func (c *safeConn) Unwrap() driver.Conn { return c.inner }

// safeStmt is a prepared statement of a safe connection; each run is guarded.
type safeStmt struct {
	inner driver.Stmt
	c     *safeConn
	query string
}

func (s *safeStmt) Close() error  { return s.inner.Close() }
func (s *safeStmt) NumInput() int { return s.inner.NumInput() }

func (s *safeStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.c.exec(ctx, s.query, func(ctx context.Context) (driver.Result, error) {
		if x, ok := s.inner.(driver.StmtExecContext); ok {
			return x.ExecContext(ctx, args)
		}
		return nil, errors.New("safe mode: prepared statement cannot take a context")
	})
}

func (s *safeStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.c.query(ctx, s.query, func(ctx context.Context) (driver.Rows, error) {
		if x, ok := s.inner.(driver.StmtQueryContext); ok {
			return x.QueryContext(ctx, args)
		}
		return nil, errors.New("safe mode: prepared statement cannot take a context")
	})
}

func (s *safeStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

func (s *safeStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

func named(args []driver.Value) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, v := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return nv
}

// safeRows counts rows against MaxRows and keeps the deadline until Close.
type safeRows struct {
	inner driver.Rows
	g     *guard
	once  sync.Once
}

func (r *safeRows) Columns() []string { return r.inner.Columns() }

func (r *safeRows) Close() error {
	err := r.inner.Close()
	r.once.Do(r.g.finish)
	return err
}

func (r *safeRows) Next(dest []driver.Value) error {
	if r.g.timedOut() {
		return r.g.timeoutError(nil)
	}
	err := r.inner.Next(dest)
	if err != nil {
		return r.g.err(err)
	}
	if r.g.rows >= r.g.c.limits.MaxRows {
		return &SafeError{
			What: fmt.Sprintf("statement stopped after %d rows", r.g.c.limits.MaxRows),
			Why:  "that is the row limit for one statement on a safe handle; add a LIMIT, narrow the WHERE clause, or end the recursion of a WITH RECURSIVE",
			Err:  ErrLimit,
		}
	}
	r.g.rows++
	for _, v := range dest {
		switch v := v.(type) {
		case string:
			r.g.bytes += int64(len(v))
		case []byte:
			r.g.bytes += int64(len(v))
		}
	}
	if r.g.bytes > r.g.c.limits.MaxBytes {
		return &SafeError{
			What: fmt.Sprintf("statement stopped after returning %d MB", r.g.c.limits.MaxBytes>>20),
			Why:  "that is the limit on the strings and BLOBs one statement may return on a safe handle; select fewer or shorter values, or add a LIMIT",
			Err:  ErrLimit,
		}
	}
	return nil
}

func (r *safeRows) ColumnTypeDatabaseTypeName(i int) string {
	if x, ok := r.inner.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return x.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *safeRows) ColumnTypeScanType(i int) reflect.Type {
	if x, ok := r.inner.(driver.RowsColumnTypeScanType); ok {
		return x.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *safeRows) ColumnTypeLength(i int) (int64, bool) {
	if x, ok := r.inner.(driver.RowsColumnTypeLength); ok {
		return x.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *safeRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if x, ok := r.inner.(driver.RowsColumnTypeNullable); ok {
		return x.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *safeRows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if x, ok := r.inner.(driver.RowsColumnTypePrecisionScale); ok {
		return x.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

// vacuumTemp refuses a VACUUM of the temporary schema, which SQLite runs as
// a silent no-op without asking the authorizer, so that `VACUUM temp INTO
// 'file'` would report success on a safe handle although a safe handle
// writes no file.
func vacuumTemp(query string) error {
	for _, st := range splitStatements(query) {
		words := leadingWords(st, 2)
		if len(words) == 2 && words[0] == "VACUUM" && strings.EqualFold(strings.Trim(words[1], "\"'`[]"), "temp") {
			return &SafeError{
				What: "VACUUM temp denied",
				Why:  "VACUUM rewrites or copies a database, and on the temporary schema it does nothing at all; " + readOnlyWhy,
				Err:  ErrDenied,
			}
		}
	}
	return nil
}

// splitStatements splits SQL text at the semicolons outside string
// literals, quoted names and comments.
func splitStatements(q string) []string {
	var out []string
	start := 0
	for i := 0; i < len(q); i++ {
		switch c := q[i]; c {
		case '\'', '"', '`':
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				return append(out, q[start:])
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(q[i+1:], ']')
			if j < 0 {
				return append(out, q[start:])
			}
			i += j + 1
		case '-':
			if strings.HasPrefix(q[i:], "--") {
				j := strings.IndexByte(q[i:], '\n')
				if j < 0 {
					return append(out, q[start:])
				}
				i += j
			}
		case '/':
			if strings.HasPrefix(q[i:], "/*") {
				j := strings.Index(q[i+2:], "*/")
				if j < 0 {
					return append(out, q[start:])
				}
				i += j + 3
			}
		case ';':
			out = append(out, q[start:i])
			start = i + 1
		}
	}
	return append(out, q[start:])
}

// leadingWords returns up to n words at the start of a statement, after
// white space and comments: the first in upper case, the others as written
// (a quoted name with its quotes).
func leadingWords(st string, n int) []string {
	var words []string
	s := st
	for len(words) < n {
		kw := firstKeyword(s)
		rest := skipSpaceAndComments(s)
		if kw == "" {
			// A quoted name: up to its closing quote.
			if rest == "" || !strings.ContainsRune("\"'`[", rune(rest[0])) {
				break
			}
			closer := rest[0]
			if closer == '[' {
				closer = ']'
			}
			j := strings.IndexByte(rest[1:], closer)
			if j < 0 {
				break
			}
			words = append(words, rest[:j+2])
			s = rest[j+2:]
			continue
		}
		if len(words) == 0 {
			words = append(words, kw)
		} else {
			words = append(words, rest[:len(kw)])
		}
		s = rest[len(kw):]
	}
	return words
}

// skipSpaceAndComments returns s without the white space and comments it
// starts with.
func skipSpaceAndComments(s string) string {
	for {
		s = strings.TrimLeft(s, " \t\r\n\f")
		switch {
		case strings.HasPrefix(s, "--"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return ""
			}
			s = s[i+1:]
		case strings.HasPrefix(s, "/*"):
			i := strings.Index(s[2:], "*/")
			if i < 0 {
				return ""
			}
			s = s[i+4:]
		default:
			return s
		}
	}
}
