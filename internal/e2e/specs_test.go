package e2e

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/gen"
)

// specOps counts the operations of a spec straight from kin-openapi: those
// marked x-speakeasy-ignore: true and the others.
func specOps(t *testing.T, spec string) (kept, ignored int) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	// Counted as loaded, not validated: what gen repairs or warns about
	// (examples, 3.1 keywords in 3.0 documents) is no reason to refuse.
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if v, _ := op.Extensions["x-speakeasy-ignore"].(bool); v {
				ignored++
			} else {
				kept++
			}
		}
	}
	return kept, ignored
}

// sdkMethods counts the operation methods of a generated SDK: exported
// methods of the root package returning (*operations.X, error).
func sdkMethods(t *testing.T, dir string) int {
	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range matches {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() || fn.Type.Results == nil || len(fn.Type.Results.List) != 2 {
				continue
			}
			star, ok := fn.Type.Results.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			if sel, ok := star.X.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "operations" {
					n++
				}
			}
		}
	}
	return n
}

// TestRealSpecs: for each upstream spec, generation is deterministic, the SDK
// builds and vets, and it has one method for every operation the spec does
// not mark x-speakeasy-ignore (counted independently on both sides).
func TestRealSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated SDKs")
	}
	specs := snippetSpecs(t)[2:] // the upstream ones
	if len(specs) == 0 {
		t.Skip("../shared/specs is absent: the upstream specs are not checked")
	}
	for _, spec := range specs {
		t.Run(filepath.Base(spec), func(t *testing.T) {
			cfg := gen.Config{Spec: spec, Module: "openapi", Package: "sdk"}
			a, err := gen.Generate(cfg)
			if err != nil {
				t.Fatal(err)
			}
			b, err := gen.Generate(cfg)
			if err != nil {
				t.Fatal(err)
			}
			lines, goFiles := 0, 0
			for i := range a.Files {
				if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
					t.Errorf("%s differs between two generations", a.Files[i].Path)
				}
				if strings.HasSuffix(a.Files[i].Path, ".go") {
					goFiles++
					lines += bytes.Count(a.Files[i].Data, []byte("\n"))
				}
			}
			dir := t.TempDir()
			if err := gen.Write(dir, a.Files); err != nil {
				t.Fatal(err)
			}
			goRun(t, dir, "build", "./...")
			goRun(t, dir, "vet", "./...")
			kept, ignored := specOps(t, spec)
			methods := sdkMethods(t, dir)
			t.Logf("%s: %d SDK methods for %d operations in the spec (%d more marked x-speakeasy-ignore, %d listed as skipped); %d Go files, %d lines",
				filepath.Base(spec), methods, kept, ignored, len(a.API.Ignored), goFiles, lines)
			if methods != kept {
				t.Errorf("%d methods, want %d", methods, kept)
			}
			if len(a.API.Ignored) != ignored {
				t.Errorf("%d operations reported as skipped, want %d", len(a.API.Ignored), ignored)
			}
		})
	}
}
