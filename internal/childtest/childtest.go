// Package childtest runs a test of the current test binary in a child
// process and measures what it used, for tests that must show a bound holds
// (a runaway statement stopped within its CPU time and memory) without
// risking the test process itself.
package childtest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Usage is what a child process used.
type Usage struct {
	Wall, CPU time.Duration // wall-clock time; user plus system CPU time
	MaxRSS    int64         // peak resident memory, in bytes
}

// Run runs the test named test of the current test binary in a child
// process with the environment variable env set to value, and returns its
// combined output and what it used. A child that fails to run fails t.
func Run(t testing.TB, test, env, value string) (string, Usage) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(os.Environ(), env+"="+value)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	u := Usage{Wall: time.Since(start)}
	if err != nil {
		t.Fatalf("child %s: %v\n%s", test, err, out)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	u.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	u.MaxRSS = ru.Maxrss << 10 // kilobytes on Linux
	return string(out), u
}

// Within fails t when u exceeds cpu of CPU time or rss of memory. The
// bound is on the work, the CPU time; wall time is held only to three times
// it, as tests may share a busy machine.
func (u Usage) Within(t testing.TB, cpu time.Duration, rss int64) {
	t.Helper()
	if u.CPU > cpu || u.Wall > 3*cpu {
		t.Errorf("took %v of CPU time in %v, want under %v", u.CPU, u.Wall, cpu)
	}
	if u.MaxRSS > rss {
		t.Errorf("peak memory %d MB, want under %d MB", u.MaxRSS>>20, rss>>20)
	}
	t.Logf("%v (%v of CPU), peak %d MB", u.Wall.Round(time.Millisecond), u.CPU.Round(time.Millisecond), u.MaxRSS>>20)
}

// CTEChain returns a statement whose WITH clause has n+1 tables, each using
// the one before it twice, so that it doubles in size at each step as
// SQLite compiles it: the compile-time bomb a safe handle must stop.
func CTEChain(n int) string {
	var b strings.Builder
	b.WriteString("WITH a0(x) AS (SELECT 'a')")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, ", a%d(x) AS (SELECT x||x FROM a%d)", i, i-1)
	}
	fmt.Fprintf(&b, " SELECT length(x) FROM a%d", n)
	return b.String()
}
