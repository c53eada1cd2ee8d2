package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoGenerate: the documented directive works in a module of its own,
// with flags and with a gen.yaml.
// gen writes the SDK as a package tree of the enclosing module (no go.mod
// of its own, import paths under the module's), so go generate, go build
// and go vet pass, and a program of the module uses the SDK.
func TestGoGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go generate and builds")
	}
	spec, err := os.ReadFile(filepath.Join(repoRoot(t), "spec", "vault.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, variant := range []struct{ name, directive, config string }{
		{"flags", "go run github.com/oasgo/gen/cmd/gen -spec openapi.yml -out vault", ""},
		{"gen.yaml", "go run github.com/oasgo/gen/cmd/gen", "spec: openapi.yml\nout: vault\nexclude: {operations: [connectionsRevoke]}\n"},
	} {
		t.Run(variant.name, func(t *testing.T) { goGenerate(t, spec, variant.directive, variant.config) })
	}
}

func goGenerate(t *testing.T, spec []byte, directive, config string) {
	files := map[string]string{
		"openapi.yml": string(spec),
		"toy.go": `// Package toy uses the Vault SDK gen writes into vault/.
package toy

//go:generate ` + directive + `

import (
	"example.com/toy/vault"
	"example.com/toy/vault/pkg/models/shared"
)

// Client is an SDK client.
func Client() *sdk.SDK { return sdk.New() }

// CRM is an enum constant of the SDK.
var CRM = shared.UnifiedAPIIDEnumCrm
`,
	}
	if config != "" {
		files["gen.yaml"] = config
	}
	dir := goModule(t, "example.com/toy", files, map[string]string{thisModule: repoRoot(t)})
	goRun(t, dir, "generate", "./...")
	if _, err := os.Stat(filepath.Join(dir, "vault", "go.mod")); err == nil {
		t.Error("vault/go.mod written: the SDK would be a nested module")
	}
	data, err := os.ReadFile(filepath.Join(dir, "vault", "sdk.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"example.com/toy/vault/pkg/models/shared"`) {
		t.Error("vault/sdk.go does not import its packages under example.com/toy/vault")
	}
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
	// A second run changes nothing, and -check says so.
	goRun(t, dir, "generate", "./...")
	if config == "" {
		goRun(t, dir, "run", "github.com/oasgo/gen/cmd/gen", "-check", "-spec", "openapi.yml", "-out", "vault")
	} else {
		goRun(t, dir, "run", "github.com/oasgo/gen/cmd/gen", "-check")
	}
}
