// Command pairbench times commands in paired cold runs: each round starts
// every command once, in an order that rotates from round to round, so that
// a burst of load on a shared machine slows all of them alike. It reports
// each command's median, mean and minimum wall time and its largest maximum
// resident set size, and for every command after the first the median of
// the per-round ratios first / that command.
//
//	pairbench [-runs N] [-warmup N] [-limit LABEL=RATIO]... [-rss MB] \
//	    LABEL: CMD [ARG]... [-- LABEL: CMD [ARG]...]...
//
// scripts/bench-oneshot.sh uses it to compare mediq with the floor program
// (internal/floor) and with sqlite3. It exits 1 when a ratio exceeds its
// -limit or the first command's RSS reaches -rss.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// command is one labelled command line to time.
type command struct {
	label string
	argv  []string
	wall  []time.Duration
	cpu   []time.Duration // user + system
	rssKB int64
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// limits collects -limit LABEL=RATIO flags.
type limits map[string]float64

func (l limits) String() string { return fmt.Sprint(map[string]float64(l)) }

func (l limits) Set(s string) error {
	label, v, ok := strings.Cut(s, "=")
	r, err := strconv.ParseFloat(v, 64)
	if !ok || err != nil || r <= 0 {
		return fmt.Errorf("want LABEL=RATIO such as floor=1.10, not %q", s)
	}
	l[label] = r
	return nil
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pairbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	runs := fs.Int("runs", 30, "timed rounds (each runs every command once)")
	warmup := fs.Int("warmup", 3, "untimed rounds first, to fill the page cache")
	rssMB := fs.Int("rss", 0, "fail when the first command's maximum RSS reaches `MB` (0: no limit)")
	lim := limits{}
	fs.Var(lim, "limit", "fail when first / `LABEL` (median of the per-round ratios) exceeds RATIO; LABEL=RATIO, repeatable")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cmds, err := parseCommands(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "pairbench: %v\n", err)
		return 2
	}
	for label := range lim {
		if !slices.ContainsFunc(cmds[1:], func(c *command) bool { return c.label == label }) {
			fmt.Fprintf(stderr, "pairbench: -limit names %q, which is not one of the commands after the first\n", label)
			return 2
		}
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		fmt.Fprintf(stderr, "pairbench: %v\n", err)
		return 1
	}
	defer null.Close()
	for round := range *warmup + *runs {
		for k := range cmds {
			c := cmds[(round+k)%len(cmds)]
			d, cpu, rss, err := once(c.argv, null)
			if err != nil {
				fmt.Fprintf(stderr, "pairbench: %s: %v\n", c.label, err)
				return 1
			}
			if round >= *warmup {
				c.wall = append(c.wall, d)
				c.cpu = append(c.cpu, cpu)
				c.rssKB = max(c.rssKB, rss)
			}
		}
	}

	fmt.Fprintf(stdout, "%d paired cold runs (after %d warm-up rounds), wall time and CPU time (user + system) in ms:\n", *runs, *warmup)
	fmt.Fprintf(stdout, "  %-12s %8s %8s %8s %10s %10s\n", "", "median", "mean", "min", "CPU median", "max RSS")
	for _, c := range cmds {
		fmt.Fprintf(stdout, "  %-12s %8.2f %8.2f %8.2f %10.2f %7.1f MB\n", c.label,
			ms(median(c.wall)), ms(mean(c.wall)), ms(slices.Min(c.wall)), ms(median(c.cpu)), float64(c.rssKB)/1024)
	}
	fail := false
	first := cmds[0]
	for _, c := range cmds[1:] {
		ratios := make([]float64, len(c.wall))
		for i := range ratios {
			ratios[i] = float64(first.wall[i]) / float64(c.wall[i])
		}
		r := medianFloat(ratios)
		note := ""
		if l, ok := lim[c.label]; ok {
			note = fmt.Sprintf(" (limit %.2fx)", l)
			if r > l {
				note += " OVER"
				fail = true
			}
		}
		fmt.Fprintf(stdout, "  %s / %s = %.2fx (median of per-round wall-time ratios; ratio of wall medians %.2fx, of CPU medians %.2fx)%s\n",
			first.label, c.label, r, ms(median(first.wall))/ms(median(c.wall)), ms(median(first.cpu))/ms(median(c.cpu)), note)
	}
	if *rssMB > 0 {
		over := first.rssKB >= int64(*rssMB)*1024
		verdict := "under"
		if over {
			verdict, fail = "OVER", true
		}
		fmt.Fprintf(stdout, "  %s max RSS %.1f MB: %s the %d MB limit\n", first.label, float64(first.rssKB)/1024, verdict, *rssMB)
	}
	if fail {
		fmt.Fprintln(stdout, "FAIL: over a limit")
		return 1
	}
	return 0
}

// parseCommands reads "LABEL: CMD ARG... -- LABEL: CMD ARG..." into commands.
func parseCommands(args []string) ([]*command, error) {
	var cmds []*command
	for len(args) > 0 {
		i := slices.Index(args, "--")
		if i < 0 {
			i = len(args)
		}
		group := args[:i]
		if i < len(args) {
			args = args[i+1:]
		} else {
			args = nil
		}
		if len(group) < 2 || !strings.HasSuffix(group[0], ":") {
			return nil, fmt.Errorf("want LABEL: CMD [ARG]..., not %q", strings.Join(group, " "))
		}
		cmds = append(cmds, &command{label: strings.TrimSuffix(group[0], ":"), argv: group[1:]})
	}
	if len(cmds) < 2 {
		return nil, errors.New("give at least two commands to compare, separated by --")
	}
	return cmds, nil
}

// once runs argv with its output discarded and returns the wall time, the
// CPU time (user and system) and the maximum resident set size in KB. A
// command that fails is an error: a failing run is not a measurement.
func once(argv []string, null *os.File) (wall, cpu time.Duration, rssKB int64, err error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = null
	var errb strings.Builder
	cmd.Stderr = &errb
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%v: %s", err, strings.TrimSpace(errb.String()))
	}
	cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rssKB = ru.Maxrss // kilobytes on Linux
	}
	return wall, cpu, rssKB, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func medianFloat(fs []float64) float64 {
	s := slices.Clone(fs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func mean(ds []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(len(ds))
}
