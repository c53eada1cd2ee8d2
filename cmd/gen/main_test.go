package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/oasgo/gen/internal/testflags"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gen": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar: spec in, gen run, exit status,
// stderr (with file:line:col) and files out. -update rewrites the expected
// output in the scripts.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *testflags.Update,
	})
}

// TestInternalErrorExit: a panic while generating exits 3 (testscript's
// "! exec" only sees a failure).
func TestInternalErrorExit(t *testing.T) {
	dir := t.TempDir()
	spec := dir + "/api.yml"
	doc := "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        '200': {description: ok}\n"
	if err := os.WriteFile(spec, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GEN_DEBUG_PANIC", "getX")
	var stderr strings.Builder
	if code := run([]string{"-spec", spec, "-out", dir + "/out"}, io.Discard, &stderr); code != 3 {
		t.Errorf("exit %d, want 3; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "gen: internal error") {
		t.Errorf("stderr does not say internal error:\n%s", stderr.String())
	}
}
