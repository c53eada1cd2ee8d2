package parser

import (
	"fmt"
	"os"
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
