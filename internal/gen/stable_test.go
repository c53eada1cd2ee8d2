package gen_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/oasgo/gen/internal/gen"
)

// TestStableNames is acceptance 6 of issue 10: a copy of spec/vault.yml is
// generated, then grown by component schemas whose Go names collide with
// existing ones (SessionSettings, an inline struct, and
// SessionSettingsAllowActions, which wants the name of an inline enum,
// SessionSettingsAllowActionsEnum) and by enum values (one new, one whose
// constant collides with an existing one's, listed before it), and
// regenerated over the previous output: every exported identifier of the
// first SDK is in the second with the same declaration, and the newcomers
// carry the suffixes. Generated afresh (no manifest), the same spec renames
// existing identifiers, as before names were kept.
func TestStableNames(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "vault.yml")
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	write := func(path string, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(spec, data)
	out := filepath.Join(dir, "out")
	generateInto(t, spec, out)
	before := exportedAPI(t, out)

	grown := bytes.Replace(data, []byte("\n        - crm\n"), []byte("\n        - CRM\n        - crm\n        - genai\n"), 1)
	if bytes.Equal(grown, data) {
		t.Fatal("vault.yml no longer lists crm")
	}
	grown = append(grown, []byte(`    SessionSettings:
      type: object
      properties:
        theme: {type: string}
    SessionSettingsAllowActions:
      type: string
      enum: [all, none]
`)...)
	write(spec, grown)
	res := generateInto(t, spec, out)
	if len(res.API.Renames) > 0 {
		t.Errorf("renames reported: %v", res.API.Renames)
	}
	after := exportedAPI(t, out)
	if diffs := compareAPI(before, after); len(diffs) > 0 {
		t.Errorf("exported identifiers changed:\n%s", strings.Join(diffs, "\n"))
	}
	for _, want := range []string{
		"shared.SessionSettings2",                 // the newcomer component
		"shared.SessionSettingsAllowActionsEnum2", // the newcomer enum
		"shared.UnifiedAPIIDEnumCrm2",             // CRM, listed before crm
		"shared.UnifiedAPIIDEnumGenai",            // a new value
	} {
		if _, ok := after[want]; !ok {
			t.Errorf("%s is not declared", want)
		}
	}
	if got := after["shared.UnifiedAPIIDEnumCrm"]; got != `const UnifiedAPIIDEnumCrm UnifiedAPIIDEnum = "crm"` {
		t.Errorf("UnifiedAPIIDEnumCrm is %s", got)
	}

	// Afresh, the newcomers take the names: the test can fail.
	fresh := filepath.Join(dir, "fresh")
	generateInto(t, spec, fresh)
	if diffs := compareAPI(before, exportedAPI(t, fresh)); len(diffs) == 0 {
		t.Error("a fresh generation of the grown spec renames nothing: the test shows nothing")
	} else {
		t.Logf("a fresh generation changes %d exported identifiers, such as %s", len(diffs), diffs[0])
	}
}

// generateInto generates spec over the output folder out (whose manifest's
// names are honoured) and writes it there.
func generateInto(t *testing.T, spec, out string) *gen.Result {
	t.Helper()
	res, err := gen.Generate(gen.Config{Spec: spec, Module: "openapi", Package: "sdk", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if err := gen.Write(out, res.Files); err != nil {
		t.Fatal(err)
	}
	return res
}

// exportedAPI maps each exported declaration of the Go tree under dir
// ("shared.Session", "shared.Session.GetTheme", "sdk.New") to its text
// without comments and bodies: a type's definition, a constant's or
// variable's type and value, a function's signature.
func exportedAPI(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	print := func(n any) string {
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, n); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pkg := f.Name.Name
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				key := pkg + "." + d.Name.Name
				if d.Recv != nil {
					recv := d.Recv.List[0].Type
					if star, ok := recv.(*ast.StarExpr); ok {
						recv = star.X
					}
					key = pkg + "." + print(recv) + "." + d.Name.Name
				}
				d.Body, d.Doc = nil, nil
				out[key] = print(d)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							s.Doc, s.Comment = nil, nil
							out[pkg+"."+s.Name.Name] = "type " + print(s)
						}
					case *ast.ValueSpec:
						for i, name := range s.Names {
							if !name.IsExported() {
								continue
							}
							text := d.Tok.String() + " " + name.Name
							if s.Type != nil {
								text += " " + print(s.Type)
							}
							if i < len(s.Values) {
								text += " = " + print(s.Values[i])
							}
							out[pkg+"."+name.Name] = text
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no exported declaration under %s", dir)
	}
	return out
}

// compareAPI lists the declarations of before that after lacks or declares
// otherwise.
func compareAPI(before, after map[string]string) []string {
	var out []string
	for name, decl := range before {
		switch got, ok := after[name]; {
		case !ok:
			out = append(out, name+": gone")
		case got != decl:
			out = append(out, name+": was "+decl+"; is "+got)
		}
	}
	sort.Strings(out)
	return out
}
