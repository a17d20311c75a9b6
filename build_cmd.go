package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/mediq/mediq/internal/atomicfile"
	"github.com/mediq/mediq/internal/plural"
	"github.com/mediq/mediq/loader"
	"github.com/mediq/mediq/sources"
)

const buildUsage = `usage: mediq build [-o FILE] [-v] DIR
       mediq build --init [--force] DIR

Builds a mediq database from a directory of documents (.txt, .html, .htm,
.md: UTF-8 with or without BOM, GB18030/GBK, CRLF, saved HTML pages) and its
manifest.yaml, in the same format as the repository's sources/ (and its
indicators.yaml, else mediq's own indicator catalogue). Files the
manifest does not list are loaded with a guessed title, date, issuer,
region, kind and, for a transcript, speakers, and a warning says what was
guessed and by which rule; files that cannot be read are skipped and the
summary says why.

Nothing outside DIR is read: a symbolic link that leads outside it is
refused and named, and manifest.yaml must be a regular file in DIR. Every
file that is left out is listed with the reason.

The database is written to a temporary file beside FILE and renamed into
place only when the build succeeds: an interrupted or failed build leaves the
previous FILE untouched, Ctrl-C or SIGTERM stop it within a second, and the
next build removes what a killed one left. Rebuilding over FILE re-reads
only the documents that changed since it was built.

Use the result with: mediq -db FILE

--init writes a commented manifest.yaml skeleton for the files in DIR, with
every guess filled in and marked "# guessed:" for a person to confirm.

Options:
`

// runBuild is `mediq build`.
func runBuild(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("mediq build", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprint(stderr, buildUsage)
		flags.PrintDefaults()
	}
	out := flags.String("o", "mediq.db", "write the database to `FILE`")
	verbose := flags.Bool("v", false, "list every file with its counts")
	initManifest := flags.Bool("init", false, "write a commented manifest skeleton for the files in DIR")
	force := flags.Bool("force", false, "with --init, overwrite an existing manifest.yaml")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if flags.NArg() != 1 {
		fmt.Fprintln(stderr, "mediq build: name one directory of documents")
		flags.Usage()
		return exitUsage
	}
	dir := flags.Arg(0)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "mediq build: %s is not a directory\n", dir)
		return exitError
	}
	if *initManifest {
		return initDir(dir, *force, stdout, stderr)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Through an os.Root, nothing outside dir can be read, whatever a
	// symbolic link in it says; LoadDir also reports such links by name.
	root, err := os.OpenRoot(dir)
	if err != nil {
		fmt.Fprintf(stderr, "mediq build: %v\n", err)
		return exitError
	}
	defer root.Close()
	fsys := root.FS()
	l, err := sources.LoadDir(fsys)
	if err != nil {
		fmt.Fprintf(stderr, "mediq build: %s\n", inDir(dir, err))
		return exitError
	}
	for _, w := range l.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", filepath.Join(dir, w.String()))
	}
	for _, s := range l.Skipped {
		fmt.Fprintf(stderr, "skipped: %s\n", inDir(dir, s.Err))
	}
	if len(l.Sources) == 0 {
		fmt.Fprintf(stderr, "mediq build: nothing to build: %s holds no readable documents (%v)\n", dir, sources.DocumentExts)
		return exitError
	}
	inds, err := sources.LoadIndicators(fsys)
	if err == nil && inds == nil {
		inds, err = sources.EmbeddedIndicators() // mediq's own catalogue
	}
	if err != nil {
		fmt.Fprintf(stderr, "mediq build: %s\n", inDir(dir, err))
		return exitError
	}
	progress := newProgress(stderr, len(l.Sources), *verbose, stdout)
	st, err := loader.BuildWith(ctx, l.Sources, *out, loader.BuildOptions{Reuse: *out, Progress: progress.report, Indicators: inds})
	progress.finish()
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "mediq build: interrupted; %s is unchanged\n", *out)
		} else {
			fmt.Fprintf(stderr, "mediq build: %s\nmediq build: nothing written; %s is unchanged\n", inDir(dir, err), *out)
		}
		return exitError
	}
	for _, name := range st.Stale {
		fmt.Fprintf(stderr, "removed %s, left by a build that was killed\n", filepath.Join(filepath.Dir(*out), name))
	}
	fmt.Fprintf(stdout, "built %s: %s loaded (%d unchanged since the last build), %d skipped; %s, %s, %s\n",
		*out, plural.Count(st.Sources, "file", "files"), st.Reused, len(l.Skipped), plural.Count(st.Documents, "document", "documents"),
		plural.Count(st.Sentences, "sentence", "sentences"), plural.Count(st.Figures, "figure", "figures"))
	for _, s := range l.Skipped {
		fmt.Fprintf(stdout, "  skipped %s\n", inDir(dir, s.Err))
	}
	if *verbose && st.Skipped > 0 {
		fmt.Fprintf(stdout, "%s not figures (table skipped):%s\n", plural.Count(st.Skipped, "number", "numbers"), skipSummary(st.SkipReasons))
	}
	return exitOK
}

// skipSummary lists the reasons numbers were not stored as figures, most
// frequent first: " 68 date, 20 identifier, …".
func skipSummary(reasons map[string]int) string {
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if reasons[keys[i]] != reasons[keys[j]] {
			return reasons[keys[i]] > reasons[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %d %s", reasons[k], k)
	}
	return b.String()
}

// inDir prefixes the file an error names with its directory. The message
// is not cleaned as a path: a message quoting ../../etc/passwd would lose
// the manifest and line it starts with.
func inDir(dir string, err error) string {
	return filepath.Clean(dir) + string(filepath.Separator) + err.Error()
}

// initDir writes a manifest skeleton for the documents in dir.
func initDir(dir string, force bool, stdout, stderr io.Writer) int {
	path := filepath.Join(dir, sources.ManifestFile)
	if _, err := os.Stat(path); err == nil && !force {
		fmt.Fprintf(stderr, "mediq build --init: %s exists; edit it, or add --force to replace it\n", path)
		return exitError
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		fmt.Fprintf(stderr, "mediq build --init: %v\n", err)
		return exitError
	}
	defer root.Close()
	l, err := sources.LoadDir(dirWithoutManifest{root.FS()})
	if err != nil {
		fmt.Fprintf(stderr, "mediq build --init: %s\n", inDir(dir, err))
		return exitError
	}
	for _, s := range l.Skipped {
		fmt.Fprintf(stderr, "skipped: %s\n", inDir(dir, s.Err))
	}
	if len(l.Sources) == 0 {
		fmt.Fprintf(stderr, "mediq build --init: %s holds no readable documents (%v)\n", dir, sources.DocumentExts)
		return exitError
	}
	if err := atomicfile.WriteFile(path, []byte(sources.Skeleton(l.Sources)), 0o644); err != nil {
		fmt.Fprintf(stderr, "mediq build --init: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s for %s: check every value, then run mediq build %s\n", path, plural.Count(len(l.Sources), "file", "files"), dir)
	return exitOK
}

// dirWithoutManifest hides a directory's manifest, so that every file's
// details are inferred.
type dirWithoutManifest struct{ fs.FS }

func (d dirWithoutManifest) Open(name string) (fs.File, error) {
	if name == sources.ManifestFile {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return d.FS.Open(name)
}

// Lstat and ReadLink let LoadDir see symbolic links for what they are.
func (d dirWithoutManifest) Lstat(name string) (fs.FileInfo, error) {
	if name == sources.ManifestFile {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Lstat(d.FS, name)
}

func (d dirWithoutManifest) ReadLink(name string) (string, error) {
	return fs.ReadLink(d.FS, name)
}

// buildProgress shows a build's progress on a terminal (files done, MB/s)
// for builds of more than a few files, and lists every file with -v.
type buildProgress struct {
	w       io.Writer
	list    io.Writer // -v output, or nil
	total   int
	show    bool
	start   time.Time
	bytes   int
	shown   time.Time
	printed bool
}

func newProgress(stderr io.Writer, total int, verbose bool, stdout io.Writer) *buildProgress {
	p := &buildProgress{w: stderr, total: total, start: time.Now()}
	if f, ok := stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) && total > 3 {
		p.show = true
	}
	if verbose {
		p.list = stdout
	}
	return p
}

func (p *buildProgress) report(done, total int, f loader.FileStats) {
	p.bytes += f.Bytes
	if p.list != nil {
		how := "parsed"
		if f.Reused {
			how = "unchanged, reused"
		}
		fmt.Fprintf(p.list, "%s: %s, %s, %s (%s)\n", f.File, plural.Count(f.Documents, "document", "documents"), plural.Count(f.Sentences, "sentence", "sentences"), plural.Count(f.Figures, "figure", "figures"), how)
	}
	if !p.show || time.Since(p.shown) < 100*time.Millisecond && done < total {
		return
	}
	p.shown = time.Now()
	secs := time.Since(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.bytes) / 1e6 / secs
	}
	fmt.Fprintf(p.w, "\rbuilding: %d/%d files, %.1f MB/s ", done, total, rate)
	p.printed = true
}

func (p *buildProgress) finish() {
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
