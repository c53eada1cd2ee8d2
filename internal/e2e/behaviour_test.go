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
	innerTests(t, dir)
}
