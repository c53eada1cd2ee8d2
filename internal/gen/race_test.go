package gen_test

import (
	"os"
	"testing"

	"github.com/oasgo/gen/internal/gen"
)

// TestGenerateUpstream generates the largest upstream spec; run under -race
// it checks that lowering and emitting beside kin-openapi's validation share
// nothing unsafely.
func TestGenerateUpstream(t *testing.T) {
	const spec = "../../../shared/specs/accounting.yml"
	if _, err := os.Stat(spec); err != nil {
		t.Skipf("%s is absent: the upstream specs live in ../shared/specs", spec)
	}
	if testing.Short() {
		t.Skip("generates a large spec")
	}
	if _, err := gen.Generate(gen.Config{Spec: spec, Module: "openapi", Package: "sdk"}); err != nil {
		t.Fatal(err)
	}
}
