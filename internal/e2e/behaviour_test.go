package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedSDKBehaviour runs testdata/behaviour/behaviour_test.go in a
// temporary module against generated/: HTTP round trips to httptest servers
// checking request encoding, error handling, decoding, cancellation, defaults
// and the transport.
func TestGeneratedSDKBehaviour(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	src, err := os.ReadFile(filepath.Join("testdata", "behaviour", "behaviour_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := goModule(t, "behaviour", map[string]string{
		"behaviour_test.go": string(src),
		"spec_path_test.go": fmt.Sprintf("package behaviour\n\n// specPath is spec/vault.yml.\nconst specPath = %q\n", filepath.Join(root, "spec", "vault.yml")),
	}, sdkReplaces(t))

	out, err := goCommand(t, dir, "test", "-count=1", "-v", "./...")
	passed, failed, skipped, failures := testSummary(out)
	if err != nil {
		t.Fatalf("go test -count=1 -v ./... (in %s): %v\n%d passed, %d failed %v\n\n%s", dir, err, passed, failed, failures, out)
	}
	if passed == 0 || failed != 0 {
		t.Fatalf("inner tests: %d passed, %d failed:\n%s", passed, failed, out)
	}
	t.Logf("inner go test -v: %d passed (tests and subtests), %d skipped, %d failed", passed, skipped, failed)
	if testing.Verbose() {
		t.Logf("inner output:\n%s", out)
	}
}
