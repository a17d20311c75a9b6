package db_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestExternalModule runs the tests of testdata/external, a module of its own
// that imports db through its module path (with a replace pointing here), as
// a stranger's program would. `go test ./...` does not enter testdata, so this
// test does. It runs offline: every module it needs is in the module cache
// once this repository builds.
func TestExternalModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a second module; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH, so the external module cannot be tested: ", err)
	}
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "external"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "test", "-count=1", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test ./... in %s: %v\n%s\nIf go.mod or go.sum is out of date after a dependency change, run\n\tcd testdata/external && GOPROXY=off go mod tidy", dir, err, out)
	}
	t.Logf("%s", out)
}
