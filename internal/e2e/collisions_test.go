package e2e

import (
	"path/filepath"
	"testing"
)

// TestCollisionsBuild compiles and vets the SDK of the parser's collisions
// spec (internal/parser/testdata/collisions.yml, whose names TestCollisions
// holds golden): names that collide after casing, with generated methods
// (get_name beside name, marshal_json, is_known) or with enum constants
// (ColorEnumRed) must all be told apart in the Go that is written.
func TestCollisionsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated SDK")
	}
	_, dir := generateSDK(t, filepath.Join(repoRoot(t), "internal", "parser", "testdata", "collisions.yml"))
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
}
