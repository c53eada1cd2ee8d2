package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oasgo/gen/internal/gen"
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
	replaces := map[string]string{"pages": generateModule(t, filepath.Join("testdata", "shapes", "65-pagination.yml"), "pages")}
	vault := filepath.Join(root, "..", "shared", "specs", "vault.yml")
	if _, err := os.Stat(vault); err != nil {
		t.Logf("%s not available (%v): consumersAll's iterator is not checked, only the testdata spec's; the real specs live in ../shared/specs", vault, err)
		delete(files, "vault_test.go")
	} else {
		replaces["vault"] = generateModule(t, vault, "vault")
	}
	dir := goModule(t, "pagination", files, replaces)
	out, err := goCommand(t, dir, "test", "-count=1", "-v", "./...")
	passed, failed, skipped, failures := testSummary(out)
	if err != nil || passed == 0 || failed != 0 {
		t.Fatalf("go test -count=1 -v ./... (in %s): %v\n%d passed, %d failed %v\n\n%s", dir, err, passed, failed, failures, out)
	}
	t.Logf("inner go test -v: %d passed, %d skipped, %d failed", passed, skipped, failed)
}

// generateModule generates spec as the module named module (its go.mod
// written) in a temporary folder.
func generateModule(t *testing.T, spec, module string) string {
	t.Helper()
	res, err := gen.Generate(gen.Config{Spec: spec, Module: module, Package: "sdk"})
	if err != nil {
		t.Fatalf("generate %s: %v", spec, err)
	}
	dir := t.TempDir()
	if err := gen.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	return dir
}
