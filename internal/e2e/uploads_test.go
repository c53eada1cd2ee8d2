package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedSDKUploads generates testdata/shapes/68-multipart.yml and
// runs testdata/uploads/uploads_test.go against it in a temporary module:
// multipart uploads and a choice of media types through the generated
// methods, validated by specserver (files, lists of files, text, JSON and
// union parts; JSON, form and multipart for one operation), a 100 MiB
// file streamed with the heap bounded, a file failing mid-read, no retry
// of a streamed body, hostile file names.
func TestGeneratedSDKUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated SDK")
	}
	t.Parallel()
	spec := filepath.Join(repoRoot(t), "internal", "e2e", "testdata", "shapes", "68-multipart.yml")
	_, sdkDir := generateSDK(t, spec)
	src, err := os.ReadFile(filepath.Join("testdata", "uploads", "uploads_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := goModule(t, "uploads", map[string]string{
		"uploads_test.go":   string(src),
		"heap_test.go":      innerHelper(t, "uploads"),
		"spec_path_test.go": fmt.Sprintf("package uploads\n\n// specPath is the spec the SDK was generated from.\nconst specPath = %q\n", spec),
	}, map[string]string{"openapi": sdkDir, thisModule: repoRoot(t)})
	innerTests(t, dir, "uploads_test.go")
}
