package loader

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPipelineCoversItsPackages checks that every package of the module the
// loader is built from is part of the pipeline identity, or is listed here
// as one that cannot change a row.
func TestPipelineCoversItsPackages(t *testing.T) {
	neutral := map[string]string{
		"loader":              "itself",
		"internal/atomicfile": "writes a finished database into place",
		"internal/codehash":   "computes the identity",
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	covered := map[string]bool{}
	for _, part := range pipelineParts() {
		covered[part.name] = true
	}
	const module = "github.com/mediq/mediq/"
	for _, pkg := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(pkg, module)
		if !ok || covered[rel] || neutral[rel] != "" {
			continue
		}
		t.Errorf("the loader depends on %s, which the pipeline identity does not hash: add it to pipelineParts", rel)
	}
}

// TestPipelineCoversItsFiles checks that the parse key's pipeline identity
// hashes every file of the text pipeline on disk: the loader's code and
// lexicons, the sources package (decoding, HTML extraction), the region list
// and the schema with its full-text terms. A file it missed could change the
// rows of a source without making the next build read it again.
func TestPipelineCoversItsFiles(t *testing.T) {
	for _, part := range pipelineParts() {
		dir := filepath.Join("..", filepath.FromSlash(part.name))
		if part.name == "loader" {
			dir = "."
		}
		var onDisk []string
		for _, pat := range []string{"*.go", "*.tsv", "*.sql", "lexicon/*.tsv"} {
			m, err := filepath.Glob(filepath.Join(dir, pat))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range m {
				rel, _ := filepath.Rel(dir, f)
				rel = filepath.ToSlash(rel)
				if strings.HasSuffix(rel, "_test.go") || part.name == "sources" && !strings.HasSuffix(rel, ".go") {
					continue // the sources' own data is hashed per source, with its bytes
				}
				onDisk = append(onDisk, rel)
			}
		}
		slices.Sort(onDisk)
		got := slices.Clone(part.files)
		slices.Sort(got)
		if !slices.Equal(got, onDisk) {
			t.Errorf("%s: the pipeline identity hashes %v, but the directory holds %v", part.name, got, onDisk)
		}
		if part.hash == "" {
			t.Errorf("%s: empty hash", part.name)
		}
	}
}
