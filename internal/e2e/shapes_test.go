package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedShapes runs testdata/shapes against the SDK generated from
// testdata/specs/noexamples.yml: nullable tri-state, discriminated unions,
// enum value names.
func TestGeneratedShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated SDK")
	}
	root := repoRoot(t)
	_, sdkDir := generateSDK(t, filepath.Join(root, "internal", "e2e", "testdata", "specs", "noexamples.yml"))
	src, err := os.ReadFile(filepath.Join(root, "internal", "e2e", "testdata", "shapes", "shapes_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := goModule(t, "shapes", map[string]string{"shapes_test.go": string(src)}, map[string]string{"openapi": sdkDir})
	goRun(t, dir, "test", "-count=1", "./...")
}
