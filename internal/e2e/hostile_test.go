package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasgo/gen/internal/gen"
)

// TestHostileSpec: descriptions, names, enum values and paths written to
// break out of comments, strings and the output folder produce an SDK that
// builds and vets, with every file inside the output folder and nothing of
// the spec's text running as code.
func TestHostileSpec(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated SDK")
	}
	root := repoRoot(t)
	res, err := gen.Generate(gen.Config{Spec: filepath.Join(root, "internal", "e2e", "testdata", "specs", "hostile.yml"), Module: "openapi", Package: "sdk"})
	if err != nil {
		t.Fatal(err)
	}
	// Written into a folder of its own, to see that nothing lands beside it.
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := gen.Write(out, res.Files); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(parent)
	if err != nil || len(entries) != 1 {
		t.Fatalf("files were written beside the output folder: %v %v", entries, err)
	}
	for _, f := range res.Files {
		if strings.Contains(f.Path, "..") {
			t.Errorf("generated path %q", f.Path)
		}
	}
	goRun(t, out, "vet", "./...")
	// Nothing the spec says runs: a program using the SDK starts and exits 0.
	dir := goModule(t, "hostile", map[string]string{"main.go": `package main

import (
	"fmt"

	"openapi"
	"openapi/pkg/models/shared"
)

func main() {
	s := sdk.New()
	fmt.Println(s != nil, shared.ThingKindEnumQuoted, len(sdk.ServerList))
}
`}, map[string]string{"openapi": out})
	if got := goRun(t, dir, "run", "."); !strings.Contains(got, `true "quoted" 1`) {
		t.Errorf("program output %q", got)
	}
}
