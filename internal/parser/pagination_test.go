package parser

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/oasgo/gen/internal/model"
)

// TestPaginationApideck: consumersAll of ../shared/specs/vault.yml follows
// the Apideck list convention (no extension): cursor pagination with its
// cursor and limit parameters, the items at $.data and the next cursor at
// $.meta.cursors.next. It also reports how many operations of the
// platform specs get an iterator.
func TestPaginationApideck(t *testing.T) {
	vault := filepath.Join("..", "..", "..", "shared", "specs", "vault.yml")
	if _, err := os.Stat(vault); err != nil {
		t.Skipf("%s not available (%v): the Apideck convention is not checked on the real specs; they live in ../shared/specs", vault, err)
	}
	api, err := LoadFile(vault, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var op *model.Operation
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.ID == "consumersAll" {
				op = o
			}
		}
	}
	if op == nil {
		t.Fatal("no operation consumersAll")
	}
	p := op.Pagination
	if p == nil {
		t.Fatal("consumersAll has no pagination")
	}
	names := func(chain []*model.Field) (out []string) {
		for _, f := range chain {
			out = append(out, f.Name)
		}
		return out
	}
	if p.Kind != model.PageCursor || p.Convention != "apideck" || p.Method != "ConsumersAllIter" ||
		p.Cursor == nil || p.Cursor.Name != "cursor" || p.Limit == nil || p.Limit.Name != "limit" ||
		p.Source.FieldName != "GetConsumersResponse" ||
		!slices.Equal(names(p.Results), []string{"data"}) || !slices.Equal(names(p.NextCursor), []string{"meta", "cursors", "next"}) ||
		p.List.Kind != model.KindArray {
		t.Errorf("consumersAll's pagination: %+v (results %v, next %v)", p, names(p.Results), names(p.NextCursor))
	}

	specs, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "specs", "platform", "*.yml"))
	total, ops := 0, 0
	for _, spec := range specs {
		api, err := LoadFile(spec, Options{})
		if err != nil {
			t.Errorf("%s: %v", spec, err)
			continue
		}
		n := 0
		for _, s := range api.Services {
			for _, o := range s.Operations {
				ops++
				if o.Pagination != nil {
					n++
				}
			}
		}
		total += n
		t.Logf("%s: %d iterators", filepath.Base(spec), n)
	}
	t.Logf("platform specs: %d of %d operations get an iterator", total, ops)
}
