package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/oasgo/gen/internal/gen"
)

// TestPlatformSpecs: every spec of ../shared/specs/platform (the 16 current
// Apideck APIs) and platform-9.3.1 (the same at 9.3.1) generates, with one
// method per operation not marked x-speakeasy-ignore, and the SDKs build and
// vet (as packages of one module: one go build for all). Sloppy values are
// warnings: pos.yml gives exactly one, for its integer example 2.75; the
// 9.3.1 connector's patternProperties (OpenAPI 3.1 in a 3.0 document) is
// read as a map.
func TestPlatformSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated SDKs")
	}
	shared := filepath.Join(repoRoot(t), "..", "shared", "specs")
	var specs []string
	for _, dir := range []string{"platform", "platform-9.3.1"} {
		m, _ := filepath.Glob(filepath.Join(shared, dir, "*.yml"))
		specs = append(specs, m...)
	}
	if len(specs) == 0 {
		t.Skipf("no specs under %s/platform*: the real specs live in ../shared/specs", shared)
	}
	sort.Strings(specs)
	start := time.Now()
	mod := t.TempDir()
	var table strings.Builder
	fmt.Fprintf(&table, "%-36s %6s %7s %8s  %s\n", "spec", "ops", "methods", "warnings", "warning kinds")
	for _, spec := range specs {
		name := filepath.Base(filepath.Dir(spec)) + "/" + filepath.Base(spec)
		pkg := strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(strings.TrimSuffix(name, ".yml"))
		res, err := gen.Generate(gen.Config{Spec: spec, Module: "platform/" + pkg, Package: "sdk"})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		dir := filepath.Join(mod, pkg)
		if err := gen.Write(dir, res.Files); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(dir, "go.mod")); err != nil {
			t.Fatal(err)
		}
		kept, _ := specOps(t, spec)
		methods := sdkMethods(t, dir)
		if methods != kept {
			t.Errorf("%s: %d methods for %d operations", name, methods, kept)
		}
		kinds := map[string]int{}
		for _, w := range res.API.Warnings {
			kinds[w.Kind]++
		}
		fmt.Fprintf(&table, "%-36s %6d %7d %8d  %v\n", name, kept, methods, len(res.API.Warnings), kinds)
		if name == "platform/pos.yml" && (len(res.API.Warnings) != 1 || !strings.Contains(res.API.Warnings[0].Message, "must be an integer")) {
			t.Errorf("pos.yml: want one warning for the integer example, got %v", res.API.Warnings)
		}
	}
	gen := time.Since(start)
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module platform\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	goRun(t, mod, "build", "./...")
	goRun(t, mod, "vet", "./...")
	t.Logf("%d specs: generated in %.1fs, built and vetted in %.1fs\n%s", len(specs), gen.Seconds(), time.Since(start).Seconds()-gen.Seconds(), table.String())
}
