package main

import (
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseCommands(t *testing.T) {
	cmds, err := parseCommands([]string{"a:", "x", "1", "--", "b:", "y"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 2 || cmds[0].label != "a" || !slices.Equal(cmds[0].argv, []string{"x", "1"}) ||
		cmds[1].label != "b" || !slices.Equal(cmds[1].argv, []string{"y"}) {
		t.Errorf("got %+v %+v", cmds[0], cmds[1])
	}
	for _, bad := range [][]string{{"a:", "x"}, {"a", "x", "--", "b:", "y"}, {"a:", "--", "b:", "y"}} {
		if _, err := parseCommands(bad); err == nil {
			t.Errorf("parseCommands(%q) gave no error", bad)
		}
	}
}

func TestMedian(t *testing.T) {
	if got := median([]time.Duration{5, 1, 3}); got != 3 {
		t.Errorf("median of 5, 1, 3 = %v, want 3", got)
	}
	if got := medianFloat([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median of 4, 1, 3, 2 = %v, want 2.5", got)
	}
}

// TestRun times two real commands and checks the report and the exit status
// of a limit that cannot be met (a ratio below 0.01).
func TestRun(t *testing.T) {
	tr, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true command")
	}
	var out, errb bytes.Buffer
	code := run([]string{"-runs", "3", "-warmup", "0", "-limit", "b=0.01", "a:", tr, "--", "b:", tr}, &out, &errb)
	if code != 1 || !strings.Contains(out.String(), "a / b = ") || !strings.Contains(out.String(), "OVER") {
		t.Errorf("exit %d, output:\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"-runs", "2", "-limit", "c=2", "a:", tr, "--", "b:", tr}, &out, &errb); code != 2 {
		t.Errorf("a -limit naming no command: exit %d, want 2", code)
	}
}
