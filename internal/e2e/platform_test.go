package e2e

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestPlatformSpecs: every spec of ../shared/specs/platform (the 16 current
// Apideck APIs) and platform-9.3.1 (the same at 9.3.1) generates, with one
// method per operation not marked x-speakeasy-ignore, and the SDKs build and
// vet; and every doc snippet of every SDK keeps the contract of
// TestDocSnippets (one snippet corpus: one module, one go build for all).
// Sloppy values are warnings: pos.yml gives exactly one, for its integer
// example 2.75; the 9.3.1 connector's patternProperties (OpenAPI 3.1 in a
// 3.0 document) is read as a map.
func TestPlatformSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated SDKs")
	}
	shared := filepath.Join(repoRoot(t), "..", "shared", "specs")
	var paths []string
	for _, dir := range []string{"platform", "platform-9.3.1"} {
		m, _ := filepath.Glob(filepath.Join(shared, dir, "*.yml"))
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		t.Skipf("no specs under %s/platform*: the real specs live in ../shared/specs", shared)
	}
	sort.Strings(paths)
	start := time.Now()
	var specs []*corpusSpec
	for _, p := range paths {
		specs = append(specs, &corpusSpec{name: corpusName(filepath.Base(filepath.Dir(p)) + "/" + filepath.Base(p)), path: p, vet: true})
	}
	specs = corpusOnly(t, specs)
	mod, times := runCorpus(t, "platform", specs, corpusOptions{})

	var table strings.Builder
	fmt.Fprintf(&table, "%-36s %6s %7s %8s  %s\n", "spec", "ops", "methods", "warnings", "warning kinds")
	for _, s := range specs {
		name := filepath.Base(filepath.Dir(s.path)) + "/" + filepath.Base(s.path)
		if s.res == nil {
			continue // its failure is reported with the others
		}
		kept, _ := specOps(t, s.path)
		methods := sdkMethods(t, filepath.Join(mod, s.name))
		if methods != kept {
			t.Errorf("%s: %d methods for %d operations", name, methods, kept)
		}
		kinds := map[string]int{}
		for _, w := range s.res.API.Warnings {
			kinds[w.Kind]++
		}
		fmt.Fprintf(&table, "%-36s %6d %7d %8d  %v\n", name, kept, methods, len(s.res.API.Warnings), kinds)
		if name == "platform/pos.yml" && (len(s.res.API.Warnings) != 1 || !strings.Contains(s.res.API.Warnings[0].Message, "must be an integer")) {
			t.Errorf("pos.yml: want one warning for the integer example, got %v", s.res.API.Warnings)
		}
	}
	t.Logf("%d specs:\n%s", len(specs), table.String())
	logCorpusReport(t, specs)
	t.Logf("runtime: %.1fs (%s)", time.Since(start).Seconds(), times)
	corpusSubtests(t, specs)
}
