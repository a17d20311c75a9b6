package db

import (
	"sync"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite's heap limit (sqlite3_hard_heap_limit64, what PRAGMA hard_heap_limit
// sets) is enforced only while SQLite counts its memory, which
// modernc.org/sqlite leaves off (SQLITE_DEFAULT_MEMSTATUS=0) and which can be
// turned on only before SQLite initializes, that is before the first
// connection of the process opens. Importing db turns it on; the cost is a
// little bookkeeping on each of SQLite's allocations.
var memstatusOn = func() bool {
	tls := libc.NewTLS()
	defer tls.Close()
	va := libc.NewVaList(int32(1))
	if va == 0 {
		return false
	}
	defer libc.Xfree(tls, va)
	return sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_MEMSTATUS, va) == sqlite3.SQLITE_OK
}()

// heapMu orders changes of the process's SQLite heap limit.
var heapMu sync.Mutex

// lowerHeapLimit makes SQLite's heap limit for the whole process at most n
// bytes; it never raises it. It reports whether SQLite enforces the limit.
func lowerHeapLimit(n int64) bool {
	heapMu.Lock()
	defer heapMu.Unlock()
	tls := libc.NewTLS()
	defer tls.Close()
	cur := sqlite3.Xsqlite3_hard_heap_limit64(tls, -1)
	if cur == 0 || cur > n {
		sqlite3.Xsqlite3_hard_heap_limit64(tls, n)
	}
	return memstatusOn
}

// heapLimit returns SQLite's heap limit for the process, 0 when there is none.
func heapLimit() int64 {
	tls := libc.NewTLS()
	defer tls.Close()
	return sqlite3.Xsqlite3_hard_heap_limit64(tls, -1)
}

// heapHighwater returns the most memory SQLite held at once since the last
// call, and starts counting again.
func heapHighwater() int64 {
	tls := libc.NewTLS()
	defer tls.Close()
	return sqlite3.Xsqlite3_memory_highwater(tls, 1)
}

// progressEvery is how many virtual-machine instructions SQLite runs between
// calls of a safe connection's progress handler.
const progressEvery = 1000

// progressConns maps a connection's sqlite3* to its safeConn, for
// safeProgress.
var progressConns sync.Map // uintptr -> *safeConn

// installProgress makes SQLite call safeProgress every progressEvery
// instructions of any statement on c. The driver installs a progress handler
// of its own only for calls whose context can end; a safe connection passes
// it none (the guard watches the context instead), so this one stays.
func (c *safeConn) installProgress() {
	progressConns.Store(c.handle, c)
	tls := libc.NewTLS()
	defer tls.Close()
	sqlite3.Xsqlite3_progress_handler(tls, c.handle, progressEvery, cFuncPointer(safeProgress), c.handle)
}

// removeProgress forgets c before its handle is closed and may be reused.
func (c *safeConn) removeProgress() { progressConns.Delete(c.handle) }

// safeProgress is the progress handler of safe connections: it stops the
// running statement (a non-zero result makes SQLite fail it with
// SQLITE_INTERRUPT) when it has run more instructions than the limit, or
// when its context has ended, which catches an interrupt that SQLite dropped
// because it arrived before the statement started.
func safeProgress(_ *libc.TLS, handle uintptr) int32 {
	v, ok := progressConns.Load(handle)
	if !ok {
		return 0
	}
	c := v.(*safeConn)
	g := c.active.Load()
	if g == nil {
		return 0
	}
	if g.steps.Add(progressEvery) > c.limits.MaxSteps {
		g.stepped.Store(true)
		return 1
	}
	if g.ctx.Err() != nil {
		return 1
	}
	return 0
}

// cFuncPointer returns a Go function as the C function pointer the
// transpiled SQLite calls, the way modernc.org/sqlite passes its own
// callbacks (see its cFuncPointer): a top-level function's value is a
// pointer to read-only data that never moves.
func cFuncPointer[T any](f T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f}))
}
