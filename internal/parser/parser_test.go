package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/oasgo/gen/internal/model"
	"github.com/oasgo/gen/internal/testflags"
)

// dumpNames lists every naming decision of the model, one per line.
func dumpNames(api *model.API) string {
	var b strings.Builder
	for _, svc := range api.Services {
		fmt.Fprintf(&b, "service %q -> %s (%s, docs/%s)\n", svc.Tag, svc.GoName, svc.FileName, svc.DocDir)
		for _, op := range svc.Operations {
			fmt.Fprintf(&b, "  operation %q -> %s (%s)\n", op.ID, op.GoName, op.DocPage)
			for _, p := range op.Params {
				fmt.Fprintf(&b, "    param %s %q -> %s\n", p.In, p.Name, p.GoName)
			}
		}
	}
	for _, v := range api.ServerVariables {
		fmt.Fprintf(&b, "server variable %q -> %s\n", v.Name, v.Option)
	}
	for _, t := range api.Types {
		from := t.SchemaName
		if from == "" {
			from = "inline"
		}
		fmt.Fprintf(&b, "type %s.%s %s <- %s (%s)\n", t.Pkg, t.Name, t.Kind, from, t.File)
		for _, f := range t.Fields {
			if f.Kind == model.FieldExtra {
				fmt.Fprintf(&b, "  additional properties -> %s, %s()\n", f.GoName, f.Getter)
				continue
			}
			fmt.Fprintf(&b, "  field %q -> %s, %s()\n", f.Name, f.GoName, f.Getter)
		}
		for _, v := range t.Variants {
			fmt.Fprintf(&b, "  alternative %s -> %s, %s()\n", model.GoTypeOf(v.Type).Name, v.GoName, v.Getter)
		}
		for _, v := range t.Values {
			fmt.Fprintf(&b, "  value %q -> %s\n", v.Value, v.GoName)
		}
	}
	return b.String()
}

// TestCollisions: the naming and collision rules of ARCHITECTURE.md, golden.
func TestCollisions(t *testing.T) {
	api, err := LoadFile("testdata/collisions.yml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := dumpNames(api)
	const golden = "testdata/collisions.golden"
	if *testflags.Update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("names differ from %s (go test ./internal/parser -update):\n%s", golden, diff.Diff("want", want, "got", []byte(got)))
	}
}

// TestPositionsOnSuccess: a spec that loads without a word (the fast path,
// kin-openapi's origin tracking off) still gives every model node its
// position: types, fields, enum values, parameters, bodies, responses and
// operations.
func TestPositionsOnSuccess(t *testing.T) {
	for _, spec := range []string{"../../spec/vault.yml", "../e2e/testdata/specs/noexamples.yml", "../../../shared/specs/accounting.yml"} {
		if _, err := os.Stat(spec); err != nil {
			t.Logf("%s not available (%v): the real specs live in ../shared/specs", spec, err)
			continue
		}
		api, err := LoadFile(spec, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(api.Warnings) > 0 {
			t.Fatalf("%s has warnings, so it took the slow path: %v", spec, api.Warnings)
		}
		var missing []string
		check := func(what string, p model.Pos) {
			if p.Line == 0 && len(missing) < 10 {
				missing = append(missing, what)
			}
		}
		n := 0
		for _, ty := range api.Types {
			if ty.SchemaName != "" {
				check("type "+ty.Name, ty.Pos)
				n++
			}
			for _, f := range ty.Fields {
				if f.Kind == model.FieldProperty && f.Scheme == nil && ty.Name != "SchemeBasicAuth" {
					check("field "+ty.Name+"."+f.GoName, f.Pos)
					n++
				}
			}
			for _, v := range ty.Values {
				check("enum value "+v.GoName, v.Pos)
				n++
			}
		}
		for _, svc := range api.Services {
			for _, op := range svc.Operations {
				check("operation "+op.GoName, op.Pos)
				for _, p := range op.Params {
					check("parameter "+op.GoName+"."+p.GoName, p.Pos)
				}
				if op.Body != nil {
					check("body of "+op.GoName, op.Body.Pos)
				}
				for _, r := range op.Responses {
					check("response "+r.Status+" of "+op.GoName, r.Pos)
				}
				n += 1 + len(op.Params) + len(op.Responses)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: nodes without a position: %v", spec, missing)
		}
		t.Logf("%s: %d nodes placed", spec, n)
	}
}

// TestMaxDocBytes: a document over the limit is refused before it is read.
func TestMaxDocBytes(t *testing.T) {
	defer func(old int64) { MaxDocBytes = old }(MaxDocBytes)
	MaxDocBytes = 1 << 20
	path := filepath.Join(t.TempDir(), "big.yml")
	if err := os.WriteFile(path, make([]byte, 2<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "big.yml:1:1: the document is 2 MiB; gen reads documents of up to 1 MiB") {
		t.Errorf("got %v", err)
	}
}
