package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/internal/testflags"
)

// The OpenAPI 3.1 corpus: the specs testdata/shapes/*-oas31-*.yml, one per
// group of 3.1 constructs, run through specserver by TestShapesCorpus like
// every shape. TestOpenAPI31Golden holds the Go they give (the shared
// package, and the README's webhooks) golden in testdata/openapi31; re-bless
// with go test ./internal/e2e -run TestOpenAPI31Golden -update.
func TestOpenAPI31Golden(t *testing.T) {
	specs, _ := filepath.Glob(filepath.Join(repoRoot(t), "internal", "e2e", "testdata", "shapes", "*-oas31-*.yml"))
	if len(specs) == 0 {
		t.Fatal("no OpenAPI 3.1 specs in testdata/shapes")
	}
	for _, spec := range specs {
		name := strings.TrimSuffix(filepath.Base(spec), ".yml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(spec)
			if err != nil {
				t.Fatal(err)
			}
			res, err := gen.GenerateData(data, gen.Config{Spec: filepath.Base(spec), Module: "openapi", Package: "sdk"})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, w := range res.API.Warnings {
				got.WriteString("// warning: " + w.String() + "\n")
			}
			for _, f := range res.Files {
				switch {
				case strings.HasPrefix(f.Path, "pkg/models/shared/") && strings.HasSuffix(f.Path, ".go"):
					got.WriteString("// ---- " + f.Path + "\n")
					got.Write(f.Data)
				case f.Path == "README.md":
					if i := bytes.Index(f.Data, []byte("## Webhooks")); i >= 0 {
						section := f.Data[i:]
						if j := bytes.Index(section, []byte("\n## Models")); j >= 0 {
							section = section[:j+1]
						}
						got.WriteString("// ---- README.md\n")
						got.Write(section)
					}
				}
			}
			golden := filepath.Join(repoRoot(t), "internal", "e2e", "testdata", "openapi31", name+".golden")
			if *testflags.Update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./internal/e2e -run TestOpenAPI31Golden -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs (go test ./internal/e2e -run TestOpenAPI31Golden -update):\n%s", golden, diff.Diff("want", want, "got", got.Bytes()))
			}
		})
	}
}

// TestOpenAPI31Equivalence: a 3.1 document and its 3.0 translation give the
// same SDK, byte for byte (testdata/openapi31/*.31.yml beside *.30.yml):
// [T, "null"] and nullable: true, const and a one-value enum, examples and
// example, anyOf [X, {type: "null"}] and a nullable X, numeric and boolean
// exclusive bounds.
func TestOpenAPI31Equivalence(t *testing.T) {
	specs, _ := filepath.Glob(filepath.Join(repoRoot(t), "internal", "e2e", "testdata", "openapi31", "*.31.yml"))
	if len(specs) == 0 {
		t.Fatal("no *.31.yml pairs in testdata/openapi31")
	}
	for _, spec31 := range specs {
		name := strings.TrimSuffix(filepath.Base(spec31), ".31.yml")
		t.Run(name, func(t *testing.T) {
			generate := func(path string) map[string][]byte {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				// One display name: the files say which spec they come from.
				res, err := gen.GenerateData(data, gen.Config{Spec: name + ".yml", Module: "openapi", Package: "sdk"})
				if err != nil {
					t.Fatalf("%s: %v", filepath.Base(path), err)
				}
				for _, w := range res.API.Warnings {
					t.Errorf("%s: unexpected warning %s", filepath.Base(path), w)
				}
				out := map[string][]byte{}
				for _, f := range res.Files {
					out[f.Path] = f.Data
				}
				return out
			}
			a, b := generate(spec31), generate(strings.TrimSuffix(spec31, ".31.yml")+".30.yml")
			for path, data := range a {
				if other, ok := b[path]; !ok {
					t.Errorf("%s: only from the 3.1 document", path)
				} else if !bytes.Equal(data, other) {
					t.Errorf("%s differs:\n%s", path, diff.Diff("3.0", other, "3.1", data))
				}
			}
			for path := range b {
				if _, ok := a[path]; !ok {
					t.Errorf("%s: only from the 3.0 document", path)
				}
			}
		})
	}
}
