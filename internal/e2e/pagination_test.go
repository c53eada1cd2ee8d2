package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedSDKPagination runs testdata/pagination in a temporary
// module against two generated SDKs: ../shared/specs/vault.yml, whose
// consumersAll follows the Apideck list convention (vault_test.go: three
// pages by cursor, an error on page two, a break), and
// testdata/shapes/65-pagination.yml, x-speakeasy-pagination of each kind
// (pages_test.go). Without ../shared/specs, only the second runs.
func TestGeneratedSDKPagination(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	files := map[string]string{}
	for _, name := range []string{"helpers_test.go", "pages_test.go", "vault_test.go"} {
		src, err := os.ReadFile(filepath.Join("testdata", "pagination", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(src)
	}
	replaces := map[string]string{"pages": sdkDirAs(t, filepath.Join("testdata", "shapes", "65-pagination.yml"), "pages")}
	vault := filepath.Join(root, "..", "shared", "specs", "vault.yml")
	if _, err := os.Stat(vault); err != nil {
		t.Logf("%s not available (%v): consumersAll's iterator is not checked, only the testdata spec's; the real specs live in ../shared/specs", vault, err)
		delete(files, "vault_test.go")
	} else {
		replaces["vault"] = sdkDirAs(t, vault, "vault")
	}
	dir := goModule(t, "pagination", files, replaces)
	innerTests(t, dir)
}

// sdkDirAs is the folder generateAs writes spec into as module.
func sdkDirAs(t *testing.T, spec, module string) string {
	_, dir := generateAs(t, spec, module)
	return dir
}
